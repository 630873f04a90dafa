// The rates file (CURRENCY_RATES_FILE): the shipped one loads, an override path is read, and a bad
// file stops with a message naming the file and what is wrong.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CURRENCY_RATES_FILE, parseCurrencyRates, readCurrencyRatesFile } from './load-currency-rates.js';

describe('the currency rates file', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rates-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const write = async (name: string, text: string): Promise<string> => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('loads the shipped file: a date and positive rates for the currencies the budget parser reads', async () => {
    const rates = await readCurrencyRatesFile();
    expect(rates.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const code of ['EUR', 'AED', 'GBP']) expect(rates.usdPer[code]).toBeGreaterThan(0);
    expect(await readCurrencyRatesFile(DEFAULT_CURRENCY_RATES_FILE)).toEqual(rates);
  });

  it('reads an override path as given', async () => {
    const file = await write('ok.json', JSON.stringify({ date: '2026-11-30', usdPer: { EUR: 1.09, AED: 0.2723 } }));
    expect(await readCurrencyRatesFile(file)).toEqual({ date: '2026-11-30', usdPer: { EUR: 1.09, AED: 0.2723 } });
  });

  it.each([
    ['not JSON', '{ date: 2026', /ok-not-JSON\.json is not a valid rates file/],
    ['no date', JSON.stringify({ usdPer: { EUR: 1.1 } }), /not a valid rates file.*date/s],
    ['a date in another format', JSON.stringify({ date: '30/11/2026', usdPer: {} }), /date must be YYYY-MM-DD/],
    ['a lower-case code', JSON.stringify({ date: '2026-11-30', usdPer: { eur: 1.1 } }), /ISO 4217/],
    ['a zero rate', JSON.stringify({ date: '2026-11-30', usdPer: { EUR: 0 } }), /not a valid rates file/],
    ['a rate as text', JSON.stringify({ date: '2026-11-30', usdPer: { EUR: '1.1' } }), /not a valid rates file/],
  ])('refuses a file with %s, naming the file', async (_what, text, message) => {
    const file = await write(`ok-${_what.replace(/\W+/g, '-')}.json`, text);
    await expect(readCurrencyRatesFile(file)).rejects.toThrow(message);
    await expect(readCurrencyRatesFile(file)).rejects.toThrow(file);
  });

  it('says so when the file does not exist', async () => {
    await expect(readCurrencyRatesFile(join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });

  it('parses what it is given and nothing more', () => {
    expect(() => parseCurrencyRates(null)).toThrow();
    expect(parseCurrencyRates({ date: '2026-01-01', usdPer: {} })).toEqual({ date: '2026-01-01', usdPer: {} });
  });
});
