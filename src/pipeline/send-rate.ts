import { sql, type Kysely } from 'kysely';
import { lockingClause } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { STATE_SEND_WINDOW } from '../store/service-state.js';

/** How far ahead send slots may be reserved; bounds how long a claimed message waits for its slot. */
const HORIZON_MS = 1_000;

/**
 * The send-rate limit, shared by every instance through one database row: a claim reserves the
 * next `n` slots of 1000/rate ms each, inside the claiming transaction. Two instances therefore
 * share the rate instead of doubling it. Returns the time of each reserved slot.
 */
export async function reserveSendSlots(
  trx: Kysely<Database>,
  ratePerSecond: number,
  wanted: number,
  now: number,
): Promise<number[]> {
  if (wanted <= 0) return [];
  if (ratePerSecond <= 0) return Array.from({ length: wanted }, () => now);
  const interval = 1000 / ratePerSecond;
  // The row must exist before it is locked: two instances finding no row would both start a window.
  await trx
    .insertInto('service_state')
    .values({ key: STATE_SEND_WINDOW, value: '0', updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const { rows } = await sql<{
    value: string;
  }>`select value from service_state where key = ${STATE_SEND_WINDOW}${lockingClause(trx, 'wait')}`.execute(trx);
  const stored = rows[0] ? Number(rows[0].value) : 0;
  const start = Math.max(Number.isFinite(stored) ? stored : 0, now);
  const room = Math.floor((now + HORIZON_MS - start) / interval);
  const n = Math.max(0, Math.min(wanted, room));
  if (n === 0) return [];
  const slots = Array.from({ length: n }, (_, i) => Math.round(start + i * interval));
  const next = String(start + n * interval);
  await trx
    .insertInto('service_state')
    .values({ key: STATE_SEND_WINDOW, value: next, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: next, updated_at: now }))
    .execute();
  return slots;
}
