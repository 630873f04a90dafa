import { describe, expect, it } from 'vitest';
import { readBudget } from './budget.js';
import { TEST_RATES } from './test-support.js';

describe('readBudget: budgets as people write them in each language', () => {
  it.each([
    // Localised digits.
    ['٣٠٠٠٠٠', 'ar', 300_000],
    ['۳۰۰۰۰۰', 'fa', 300_000],
    ['३०००००', 'hi', 300_000],
    // Words and units.
    ['250 тыс', 'ru', 250_000],
    ['250 тыс.', 'ru', 250_000],
    ['1,5 млн', 'ru', 1_500_000],
    ['2 миллиона долларов', 'ru', 2_000_000],
    ['25万', 'zh-Hans', 250_000],
    ['25万美元', 'zh-Hans', 250_000],
    ['1.5亿', 'zh-Hans', 150_000_000],
    ['3 lakh', 'hi', 300_000],
    ['३ लाख', 'hi', 300_000],
    ['2 crore', 'hi', 20_000_000],
    ['2 करोड़', 'hi', 20_000_000],
    ['250 mil', 'es', 250_000],
    ['250 mil', 'pt-BR', 250_000],
    ['1 mil', 'en', 1_000_000],
    ['2 millones', 'es', 2_000_000],
    ['1,5 milhão', 'pt-BR', 1_500_000],
    ['300 bin', 'tr', 300_000],
    ['300 bin dolar', 'tr', 300_000],
    ['500 mille', 'fr', 500_000],
    ['300 هزار دلار', 'fa', 300_000],
    ['٣٠٠ ألف', 'ar', 300_000],
    ['300k', 'en', 300_000],
    ['1.2M', 'en', 1_200_000],
    ['$1.5M', 'en', 1_500_000],
    // Another language's unit still works for everyone ("lakh" written by an English speaker).
    ['3 lakh', 'en', 300_000],
  ] as const)('%j in %s is %d USD', (input, language, usd) => {
    expect(readBudget(input, language, TEST_RATES)).toEqual({ ok: true, usd });
  });

  it.each([
    ['€300k', 'en', 327_000, 300_000, 'EUR'],
    ['300000 EUR', 'fr', 327_000, 300_000, 'EUR'],
    ['300 000 €', 'fr', 327_000, 300_000, 'EUR'],
    ['AED 1.2M', 'ar', 326_760, 1_200_000, 'AED'],
    ['1.2 مليون درهم', 'ar', 326_760, 1_200_000, 'AED'],
    ['1 млн евро', 'ru', 1_090_000, 1_000_000, 'EUR'],
    ['£250k', 'en', 317_500, 250_000, 'GBP'],
    ['R$ 2 milhões', 'pt-BR', 350_000, 2_000_000, 'BRL'],
    ['₹3 crore', 'hi', 354_000, 30_000_000, 'INR'],
  ] as const)('%j in %s is converted to %d USD with the dated rates', (input, language, usd, amount, currency) => {
    expect(readBudget(input, language, TEST_RATES)).toEqual({ ok: true, usd, original: { amount, currency } });
  });

  it('asks again in dollars for a currency it has no rate for', () => {
    expect(readBudget('€300k', 'en', { date: '2026-11-30', usdPer: {} })).toEqual({
      ok: false,
      reason: 'no_rate',
      currency: 'EUR',
    });
  });

  it.each([
    ['300 lots', 'en', 'unreadable'],
    ['USD 300 EUR', 'en', 'unreadable'],
    ['много денег', 'ru', 'unreadable'],
    ['0 млн', 'ru', 'not_positive'],
    ['-2 crore', 'hi', 'not_positive'],
    ['', 'es', 'empty'],
  ] as const)('refuses %j in %s as %s', (input, language, reason) => {
    expect(readBudget(input, language, TEST_RATES)).toEqual({ ok: false, reason });
  });
});
