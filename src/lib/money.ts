// Budgets as people type them in a chat, read as a whole amount and its currency.
import { toAsciiDigits } from './digits.js';

export type BudgetParse =
  { ok: true; amount: number; currency: string } | { ok: false; reason: 'empty' | 'unreadable' | 'not_positive' };

/** The words an amount may carry: units after the number ("k", "млн", "万") and currencies around it. */
export interface AmountWords {
  /** Lower-cased unit word → factor. */
  units: ReadonlyMap<string, number>;
  /** Lower-cased symbol, code or name → ISO 4217 code. */
  currencies: ReadonlyMap<string, string>;
}

/** Plain English and US dollars only; the conversation passes every language's words (content/budget-words.ts). */
export const DOLLAR_WORDS: AmountWords = {
  units: new Map<string, number>([
    ...['k', 'thousand', 'thousands'].map((w) => [w, 1e3] as const),
    ...['m', 'mm', 'mn', 'mio', 'mil', 'million', 'millions'].map((w) => [w, 1e6] as const),
    ...['b', 'bn', 'billion', 'billions'].map((w) => [w, 1e9] as const),
  ]),
  currencies: new Map(['$', 'usd', 'us$', 'us dollar', 'us dollars', 'dollar', 'dollars'].map((w) => [w, 'USD'])),
};

const SPACES = /[\s\u00a0\u202f]+/g;
// Letters of the scripts that put spaces between words (Han does not: "25万美元").
const LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Devanagari}]/u;
/** The number, then (after optional spaces) a unit word with no digit in it: "1,5 млн", "25万", "300k". */
const NUMBER_THEN_UNIT = /^(.*\d)\s*(\D+)$/u;

interface Stripped {
  rest: string;
  currency: string | null;
}

/** Takes one currency word off the start or the end; a word made of letters must stand apart ("300 rs", not "dollars"). */
function stripCurrency(text: string, words: AmountWords): Stripped {
  let best: { word: string; code: string; atStart: boolean } | null = null;
  for (const [word, code] of words.currencies) {
    if (best !== null && word.length <= best.word.length) continue;
    if (text.startsWith(word) && !(LETTER.test(word.at(-1)!) && LETTER.test(text.charAt(word.length)))) {
      best = { word, code, atStart: true };
    } else if (
      text.endsWith(word) &&
      !(LETTER.test(word[0]!) && LETTER.test(text.charAt(text.length - word.length - 1)))
    ) {
      best = { word, code, atStart: false };
    }
  }
  if (best === null) return { rest: text, currency: null };
  const rest = best.atStart ? text.slice(best.word.length) : text.slice(0, text.length - best.word.length);
  return { rest: rest.trim(), currency: best.code };
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

/**
 * A budget as typed in a chat: "250k", "$1.5M", "€300k", "1,5 млн", "25万", "3 lakh", "٣٠٠٠٠٠".
 * The amount is in whole units of `currency` (USD when none is written); converting is the caller's.
 */
export function parseBudget(text: string, words: AmountWords = DOLLAR_WORDS): BudgetParse {
  let s = toAsciiDigits(text).normalize('NFC').replace(SPACES, ' ').trim().toLowerCase();
  if (s === '') return { ok: false, reason: 'empty' };

  const currencies = new Set<string>();
  const take = (): void => {
    const stripped = stripCurrency(s, words);
    if (stripped.currency !== null) currencies.add(stripped.currency);
    s = stripped.rest;
  };
  take();
  let negative = false;
  if (/^[-−–]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
    take();
  }
  take();

  let multiplier = 1;
  const withUnit = NUMBER_THEN_UNIT.exec(s);
  if (withUnit !== null) {
    const factor = words.units.get(withUnit[2]!.trim());
    if (factor === undefined) return { ok: false, reason: 'unreadable' };
    multiplier = factor;
    s = withUnit[1]!.trim();
    take();
  }
  // "$300 EUR" names two currencies: asked again rather than guessed.
  if (currencies.size > 1) return { ok: false, reason: 'unreadable' };

  const amount = parseAmount(s, multiplier !== 1);
  if (amount === null || !Number.isFinite(amount)) return { ok: false, reason: 'unreadable' };
  // Round to cents first so that 1.15 × 1,000,000 is 1,150,000 and not 1,149,999.
  const whole = Math.floor(Math.round(amount * multiplier * 100) / 100);
  if (!Number.isSafeInteger(whole)) return { ok: false, reason: 'unreadable' };
  if (negative || whole <= 0) return { ok: false, reason: 'not_positive' };
  return { ok: true, amount: whole, currency: [...currencies][0] ?? 'USD' };
}

/** "$280,000"; rounds to whole dollars. */
export function formatUsd(n: number): string {
  const whole = Math.round(Math.abs(n));
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 && whole !== 0 ? '-' : ''}$${grouped}`;
}
