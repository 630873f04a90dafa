// How much unfinished work the database holds, for /metrics and /ready. The predicates are written
// exactly like the partial indexes' (literals, not parameters), so SQLite and PostgreSQL answer
// from those indexes: the cost follows the backlog, not the history.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Clock } from '../lib/clock.js';
import type { Database } from '../store/schema.js';

export interface QueueStat {
  depth: number;
  /** Age of the oldest unfinished row (since it was stored), in milliseconds; null when empty. */
  oldestAgeMs: number | null;
}

export interface QueueStats {
  /** Inbound messages stored but not yet processed (`received`). */
  inbound: QueueStat;
  /** Outbound messages and mark-reads waiting or in flight (`queued`, `sending`). */
  outbound: QueueStat;
  /** Lead e-mails, CRM posts, alerts and job searches not yet delivered (`pending`, `sending`). */
  notifications: QueueStat;
}

export const QUEUE_NAMES = ['inbound', 'outbound', 'notifications'] as const satisfies readonly (keyof QueueStats)[];

type Row = { n: number | string; oldest: number | string | null };

async function stat(db: Kysely<Database>, query: RawBuilder<Row>, now: number): Promise<QueueStat> {
  const row = (await query.execute(db)).rows[0];
  const oldest = row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest);
  return { depth: Number(row?.n ?? 0), oldestAgeMs: oldest === null ? null : Math.max(0, now - oldest) };
}

export async function readQueueStats(db: Kysely<Database>, now: number): Promise<QueueStats> {
  const [inbound, outbound, notifications] = await Promise.all([
    stat(
      db,
      sql<Row>`select count(*) as n, min(created_at) as oldest from whatsapp_messages where status = 'received'`,
      now,
    ),
    stat(
      db,
      sql<Row>`select count(*) as n, min(created_at) as oldest from whatsapp_messages where status in ('queued', 'sending')`,
      now,
    ),
    stat(
      db,
      sql<Row>`select count(*) as n, min(created_at) as oldest from notifications where status in ('pending', 'sending')`,
      now,
    ),
  ]);
  return { inbound, outbound, notifications };
}

/**
 * One database round per scrape: prom-client collects every gauge at once, so the gauges share the
 * read that is in flight. A failed read resolves to null (the gauges then say -1) instead of
 * failing the whole scrape.
 */
export function queueStatsSampler(db: Kysely<Database>, clock: Clock): () => Promise<QueueStats | null> {
  let inFlight: Promise<QueueStats | null> | null = null;
  return () => {
    inFlight ??= readQueueStats(db, clock.now())
      .catch(() => null)
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}
