// The budget as the user wrote it, in their language's words and any currency we have a rate for,
// read as whole US dollars (the catalogue's unit). Pure: the rates come in with the settings.
import { BUDGET_UNITS, CURRENCY_WORDS } from '../content/budget-words.js';
import { parseBudget, type AmountWords } from '../lib/money.js';
import type { CurrencyRates } from './types.js';

export type BudgetReading =
  | { ok: true; usd: number; original?: { amount: number; currency: string } }
  | { ok: false; reason: 'empty' | 'unreadable' | 'not_positive' }
  | { ok: false; reason: 'no_rate'; currency: string };

const CURRENCIES = new Map(
  Object.entries(CURRENCY_WORDS).flatMap(([code, words]) => words.map((w) => [w.normalize('NFC'), code] as const)),
);
const WORDS_BY_LANGUAGE = new Map<string, AmountWords>();

/** Every language's unit words, the user's own last so that they win a clash ("mil"). */
function wordsFor(language: string): AmountWords {
  let words = WORDS_BY_LANGUAGE.get(language);
  if (words === undefined) {
    const others = Object.entries(BUDGET_UNITS).filter(([l]) => l !== language);
    const units = new Map<string, number>();
    for (const [, list] of [...others, [language, BUDGET_UNITS[language] ?? []] as const]) {
      for (const [word, factor] of list) units.set(word.normalize('NFC'), factor);
    }
    words = { units, currencies: CURRENCIES };
    WORDS_BY_LANGUAGE.set(language, words);
  }
  return words;
}

export function readBudget(text: string, language: string, rates: CurrencyRates): BudgetReading {
  const parsed = parseBudget(text, wordsFor(language));
  if (!parsed.ok) return parsed;
  if (parsed.currency === 'USD') return { ok: true, usd: parsed.amount };
  const usdPerUnit = rates.usdPer[parsed.currency];
  if (usdPerUnit === undefined) return { ok: false, reason: 'no_rate', currency: parsed.currency };
  const usd = Math.round(parsed.amount * usdPerUnit);
  if (usd <= 0) return { ok: false, reason: 'not_positive' };
  return { ok: true, usd, original: { amount: parsed.amount, currency: parsed.currency } };
}
