// The bot's response time and the delivery outcomes of what it sent, for the dashboard.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { graphErrorInWords } from '../whatsapp/graph-error-words.js';
import { dayOf, daysOf, type Period } from './dashboard-period.js';

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

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], pct: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((pct / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export async function responseTimes(db: Kysely<Database>, p: Period): Promise<ResponseTimeDay[]> {
  const rows = await db
    .selectFrom('whatsapp_messages as i')
    .innerJoin('whatsapp_messages as o', 'o.reply_to', 'i.id')
    .select((eb) => ['i.created_at as storedAt', eb.fn.min<number>('o.sent_at').as('sentAt')])
    .where('i.direction', '=', 'incoming')
    .where('i.timestamp', '>=', p.since)
    .where('i.timestamp', '<', p.until)
    .where('o.sent_at', 'is not', null)
    .where('o.type', '<>', 'read')
    .groupBy(['i.id', 'i.created_at'])
    .execute();
  const byDay = new Map<string, number[]>();
  for (const r of rows) {
    const day = dayOf(Number(r.storedAt));
    const list = byDay.get(day) ?? [];
    list.push(Math.max(0, Number(r.sentAt) - Number(r.storedAt)));
    byDay.set(day, list);
  }
  return daysOf(p).map((day) => {
    const ms = (byDay.get(day) ?? []).sort((a, b) => a - b);
    return { day, answered: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) };
  });
}

export async function deliveryOutcomes(db: Kysely<Database>, p: Period, topN = 5): Promise<DeliveryOutcomes> {
  const outgoing = db
    .selectFrom('whatsapp_messages')
    .where('direction', '=', 'outgoing')
    .where('type', '<>', 'read')
    .where('timestamp', '>=', p.since)
    .where('timestamp', '<', p.until);
  const byStatus = await outgoing
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const errors = await outgoing
    .select((eb) => ['error_code', eb.fn.max('error_title').as('title'), eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'failed')
    .groupBy('error_code')
    .orderBy('n', 'desc')
    .orderBy('error_code')
    .limit(topN)
    .execute();
  const count = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  return {
    sent: count('sent'),
    delivered: count('delivered'),
    read: count('read'),
    failed: count('failed'),
    pending: count('queued') + count('sending'),
    topErrors: errors.map((e) => ({
      code: e.error_code === null ? null : Number(e.error_code),
      words: graphErrorInWords(e.error_code === null ? null : Number(e.error_code), e.title),
      count: Number(e.n),
    })),
  };
}
