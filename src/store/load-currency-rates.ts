// The exchange rates budgets are converted with: a dated JSON file, data rather than code.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CurrencyRates } from '../conversation/types.js';

/** The rates shipped with the repository. */
export const DEFAULT_CURRENCY_RATES_FILE = fileURLToPath(
  new URL('../../data-seed/currency-rates.json', import.meta.url),
);

const ratesSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
  usdPer: z.record(z.string().regex(/^[A-Z]{3}$/, 'currency codes are ISO 4217'), z.number().positive()),
});

export function parseCurrencyRates(json: unknown): CurrencyRates {
  return ratesSchema.parse(json);
}

export async function readCurrencyRatesFile(file: string = DEFAULT_CURRENCY_RATES_FILE): Promise<CurrencyRates> {
  const text = await readFile(file, 'utf8');
  try {
    return parseCurrencyRates(JSON.parse(text));
  } catch (e) {
    throw new Error(`${file} is not a valid rates file (date, usdPer): ${(e as Error).message}`, { cause: e });
  }
}
