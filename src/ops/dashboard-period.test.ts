import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { daysOf, resolvePeriod } from './dashboard-period.js';
import { percentile } from './dashboard-delivery.js';

const NOW = Date.UTC(2026, 2, 10, 15, 30);

describe('dashboard period', () => {
  it('turns today, 7 and 30 days into whole UTC days ending today', () => {
    expect(resolvePeriod('today', NOW)).toEqual({ since: Date.UTC(2026, 2, 10), until: Date.UTC(2026, 2, 11) });
    expect(daysOf(resolvePeriod('7d', NOW))).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    expect(daysOf(resolvePeriod('30d', NOW))).toHaveLength(30);
  });

  it('takes a custom range of days, both ends included', () => {
    expect(resolvePeriod({ from: '2026-02-27', to: '2026-03-01' }, NOW)).toEqual({
      since: Date.UTC(2026, 1, 27),
      until: Date.UTC(2026, 2, 2),
    });
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, /from must be a date/],
    [{ from: '2026-03-01', to: 'yesterday' }, /to must be a date/],
    [{ from: '2026-03-02', to: '2026-03-01' }, /end on or after/],
    [{ from: '2020-01-01', to: '2026-01-01' }, /at most 366 days/],
  ])('refuses %j', (choice, message) => {
    expect(() => resolvePeriod(choice, NOW)).toThrow(AppError);
    expect(() => resolvePeriod(choice, NOW)).toThrow(message);
  });

  it('takes nearest-rank percentiles', () => {
    const ms = Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
    expect(percentile(ms, 50)).toBe(1000);
    expect(percentile(ms, 95)).toBe(1900);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNull();
  });
});
