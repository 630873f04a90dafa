// The bot's response time and the delivery outcomes of what it sent, for the dashboard: read from the
// period's day figures (ops/dashboard-days.ts), so no message rows are loaded for them.
import { graphErrorInWords } from '../whatsapp/graph-error-words.js';
import { DAY_MS } from './dashboard-period.js';
import type { DayFigures } from './dashboard-days.js';

export interface ResponseTimeDay {
  day: string;
  /** Inbound messages answered that day (their first reply accepted by Meta). */
  answered: number;
  /** Milliseconds from the inbound stored to its first reply accepted by Meta; null with no sample. */
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface DeliveryOutcomes {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Still in the queue or being sent. */
  pending: number;
  topErrors: { code: number | null; words: string; count: number }[];
}

/** Nearest-rank percentile of sorted values (the rule the day figures' SQL follows). */
export function percentile(sorted: readonly number[], pct: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((pct / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** p50 and p95 per day, by the day the inbound message was sent (Meta's timestamp). */
export function responseTimes(days: readonly DayFigures[]): ResponseTimeDay[] {
  return days.map((f) => ({ day: isoDay(f.day), answered: f.answered, p50Ms: f.p50Ms, p95Ms: f.p95Ms }));
}

export function deliveryOutcomes(days: readonly DayFigures[], topN = 5): DeliveryOutcomes {
  const sum = (pick: (f: DayFigures) => number) => days.reduce((a, f) => a + pick(f), 0);
  const errors = new Map<string, { code: number | null; title: string | null; n: number }>();
  for (const f of days)
    for (const e of f.errors) {
      const key = String(e.code);
      const seen = errors.get(key);
      if (!seen) errors.set(key, { ...e });
      else {
        seen.n += e.n;
        // max(error_title), as SQL would over the whole period
        if (e.title !== null && (seen.title === null || e.title > seen.title)) seen.title = e.title;
      }
    }
  const top = [...errors.values()]
    .sort((a, b) => b.n - a.n || (a.code ?? Infinity) - (b.code ?? Infinity))
    .slice(0, topN);
  return {
    sent: sum((f) => f.sent),
    delivered: sum((f) => f.delivered),
    read: sum((f) => f.read),
    failed: sum((f) => f.failed),
    pending: sum((f) => f.pending),
    topErrors: top.map((e) => ({ code: e.code, words: graphErrorInWords(e.code, e.title), count: e.n })),
  };
}
