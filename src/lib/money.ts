// Budgets as people type them in a chat, read as whole US dollars.

export type BudgetParse = { ok: true; usd: number } | { ok: false; reason: 'empty' | 'unreadable' | 'not_positive' };

const MULTIPLIERS: readonly [RegExp, number][] = [
  [/\s*(?:k|thousands?)$/, 1_000],
  [/\s*(?:m|mm|mn|mio|mil|millions?)$/, 1_000_000],
  [/\s*(?:b|bn|billions?)$/, 1_000_000_000],
];

// Only US dollars are understood: another currency (€, EUR, £...) stays unreadable so that
// the user is asked again in USD rather than silently treated as dollars.
const CURRENCY_PREFIX = /^(?:usd|us\$|us\s*dollars?|dollars?|\$)\s*/;
const CURRENCY_SUFFIX = /\s*(?:usd|us\$|us\s*dollars?|dollars?|\$)$/;
const SPACES = /[\s\u00a0\u202f]+/g;

function stripCurrency(text: string): string {
  return text.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '').trim();
}

/** Reads the digits part; `scaled` means a k/M suffix follows, so "1.500" is a decimal. */
function parseAmount(raw: string, scaled: boolean): number | null {
  let s = raw;
  // Digit groups separated by spaces or apostrophes: "300 000", "1'500'000".
  if (/^\d{1,3}(?:[ '’]\d{3})+(?:[.,]\d+)?$/.test(s)) s = s.replace(/[ '’]/g, '');
  if (/^\d+$/.test(s)) return Number(s);
  if (scaled && /^\d*[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^\d*\.\d+$/.test(s)) return Number(s);
  if (/^\d+,\d{1,2}$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

export function parseBudget(text: string): BudgetParse {
  let s = text.replace(SPACES, ' ').trim().toLowerCase();
  if (s === '') return { ok: false, reason: 'empty' };

  s = stripCurrency(s);
  let negative = false;
  if (/^[-−–]/.test(s)) {
    negative = true;
    s = stripCurrency(s.slice(1).trim());
  }

  let multiplier = 1;
  for (const [suffix, factor] of MULTIPLIERS) {
    if (suffix.test(s)) {
      multiplier = factor;
      s = stripCurrency(s.replace(suffix, ''));
      break;
    }
  }

  const amount = parseAmount(s, multiplier !== 1);
  if (amount === null || !Number.isFinite(amount)) return { ok: false, reason: 'unreadable' };
  // Round to cents first so that 1.15 × 1,000,000 is 1,150,000 and not 1,149,999.
  const usd = Math.floor(Math.round(amount * multiplier * 100) / 100);
  if (!Number.isSafeInteger(usd)) return { ok: false, reason: 'unreadable' };
  if (negative || usd <= 0) return { ok: false, reason: 'not_positive' };
  return { ok: true, usd };
}

/** "$280,000"; rounds to whole dollars. */
export function formatUsd(n: number): string {
  const whole = Math.round(Math.abs(n));
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 && whole !== 0 ? '-' : ''}$${grouped}`;
}
