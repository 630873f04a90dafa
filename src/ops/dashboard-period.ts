// The dashboard's period: today, the last 7 or 30 days, or a custom range of whole UTC days.
import { AppError } from '../errors.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DAYS = 366;

export interface Period {
  /** Epoch ms, inclusive: midnight UTC of the first day. */
  since: number;
  /** Epoch ms, exclusive: midnight UTC after the last day. */
  until: number;
}

export type PeriodChoice = 'today' | '7d' | '30d' | { from: string; to: string };

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

function parseDay(text: string, name: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text.trim())
    throw new AppError('VALIDATION_FAILED', `${name} must be a date as YYYY-MM-DD`, { field: name });
  return ms;
}

/** Today counts as a whole day (so "7 days" is today and the six before it). */
export function resolvePeriod(choice: PeriodChoice, now: number): Period {
  const today = startOfDay(now);
  if (choice === 'today') return { since: today, until: today + DAY_MS };
  if (choice === '7d') return { since: today - 6 * DAY_MS, until: today + DAY_MS };
  if (choice === '30d') return { since: today - 29 * DAY_MS, until: today + DAY_MS };
  const since = parseDay(choice.from, 'from');
  const until = parseDay(choice.to, 'to') + DAY_MS;
  if (until <= since)
    throw new AppError('VALIDATION_FAILED', 'the period must end on or after its first day', { field: 'to' });
  if ((until - since) / DAY_MS > MAX_DAYS)
    throw new AppError('VALIDATION_FAILED', `a period is at most ${MAX_DAYS} days`, { field: 'to' });
  return { since, until };
}

/** The UTC days of the period, as YYYY-MM-DD. */
export function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let t = p.since; t < p.until; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const dayOf = (ms: number) => new Date(startOfDay(ms)).toISOString().slice(0, 10);
