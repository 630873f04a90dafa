import { describe, expect, it } from 'vitest';
import { formatUsd, parseBudget } from './money.js';

describe('parseBudget', () => {
  it.each([
    ['250000', 250_000],
    ['$250,000', 250_000],
    ['$ 250,000', 250_000],
    ['250,000 USD', 250_000],
    ['250000$', 250_000],
    ['250k', 250_000],
    ['250K', 250_000],
    ['$250k', 250_000],
    ['250 k', 250_000],
    ['1.5M', 1_500_000],
    ['1.5m', 1_500_000],
    ['1,5m', 1_500_000],
    ['1.15M', 1_150_000],
    ['USD 300 000', 300_000],
    ['usd 300000', 300_000],
    ['300.000', 300_000],
    ['1.500.000', 1_500_000],
    ['300.000,50', 300_000],
    ['300,000.50', 300_000],
    ['1,050,000', 1_050_000],
    ["1'500'000", 1_500_000],
    ['250000.99', 250_000],
    ['usd 1 million', 1_000_000],
    ['2 million', 2_000_000],
    ['2 millions', 2_000_000],
    ['1 mil', 1_000_000],
    ['300 thousand', 300_000],
    ['1.2bn', 1_200_000_000],
    ['500 dollars', 500],
    ['  7  ', 7],
    // Digits of Arabic, Persian and Hindi keyboards.
    ['٣٠٠٠٠٠', 300_000],
    ['۳۰۰۰۰۰', 300_000],
    ['३०००००', 300_000],
    ['$٢٥٠٬٠٠٠', 250_000],
    ['۱٫۵m', 1_500_000],
    ['२५० k', 250_000],
  ])('reads %j as %d USD', (text, usd) => {
    expect(parseBudget(text)).toEqual({ ok: true, amount: usd, currency: 'USD' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'unreadable'],
    ['lots of money', 'unreadable'],
    ['$', 'unreadable'],
    ['$300 eur', 'unreadable'],
    ['300 lots', 'unreadable'],
    ['1,2,3', 'unreadable'],
    ['300 50', 'unreadable'],
    ['1.2.3', 'unreadable'],
    ['12k34', 'unreadable'],
    ['1e9', 'unreadable'],
    ['0', 'not_positive'],
    ['$0', 'not_positive'],
    ['0k', 'not_positive'],
    ['0.4', 'not_positive'],
    ['-5', 'not_positive'],
    ['-$250,000', 'not_positive'],
    ['−250k', 'not_positive'],
  ])('rejects %j as %s', (text, reason) => {
    expect(parseBudget(text)).toEqual({ ok: false, reason });
  });
});

describe('formatUsd', () => {
  it.each([
    [280_000, '$280,000'],
    [1_050_000, '$1,050,000'],
    [999, '$999'],
    [1000, '$1,000'],
    [0, '$0'],
    [250_000.6, '$250,001'],
    [-5000, '-$5,000'],
  ])('formats %d as %s', (n, text) => {
    expect(formatUsd(n)).toBe(text);
  });
});
