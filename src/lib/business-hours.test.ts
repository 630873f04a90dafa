import { describe, expect, it } from 'vitest';
import { isWithinHours, parseBusinessHours, workingMsBetween } from './business-hours.js';

const MIN = 60_000;
const HOURS = parseBusinessHours('Sun-Thu 09:00-18:00');
// Thursday 3 December 2026, in UTC.
const thu = (hhmm: string) => Date.parse(`2026-12-03T${hhmm}:00Z`);

describe('workingMsBetween', () => {
  it('counts every minute when no hours are set, up to the cap', () => {
    expect(workingMsBetween(undefined, 0, 90 * MIN, 'UTC', 120 * MIN)).toBe(90 * MIN);
    expect(workingMsBetween(undefined, 0, 300 * MIN, 'UTC', 120 * MIN)).toBe(120 * MIN);
    expect(workingMsBetween(undefined, 10, 5, 'UTC', 120 * MIN)).toBe(0);
  });

  it('counts only the working minutes: a request at 17:30 on Thursday has 30 of them by Sunday 08:59', () => {
    const sunday0859 = Date.parse('2026-12-06T08:59:00Z');
    expect(workingMsBetween(HOURS, thu('17:30'), sunday0859, 'UTC', 1000 * MIN)).toBe(30 * MIN);
    expect(workingMsBetween(HOURS, thu('17:30'), sunday0859 + 91 * MIN, 'UTC', 120 * MIN)).toBe(120 * MIN);
  });

  it('reads the hours in the given zone', () => {
    // 06:00 UTC is 10:00 in Dubai: inside the hours there, outside them in UTC.
    expect(isWithinHours(HOURS, thu('06:00'), 'Asia/Dubai')).toBe(true);
    expect(workingMsBetween(HOURS, thu('06:00'), thu('07:00'), 'Asia/Dubai', 999 * MIN)).toBe(60 * MIN);
    expect(workingMsBetween(HOURS, thu('06:00'), thu('07:00'), 'UTC', 999 * MIN)).toBe(0);
  });
});
