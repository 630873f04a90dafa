import { sql, type Kysely } from 'kysely';
import { lockingClause } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { STATE_SEND_RATE, STATE_SEND_WINDOW } from '../store/service-state.js';
import { cutRate, rateAt, type AdaptiveRateState, type ThrottleEvidence } from './adaptive-rate.js';

/** How far ahead send slots may be reserved; bounds how long a claimed message waits for its slot. */
export const SEND_HORIZON_MS = 1_000;

/** The adaptive rate's stored state (undefined: no throttle seen, or unreadable). */
export async function readRateState(db: Kysely<Database>): Promise<AdaptiveRateState | undefined> {
  const row = await db
    .selectFrom('service_state')
    .select('value')
    .where('key', '=', STATE_SEND_RATE)
    .executeTakeFirst();
  if (!row) return undefined;
  try {
    const v = JSON.parse(row.value) as Partial<AdaptiveRateState>;
    return typeof v.rate === 'number' && typeof v.since === 'number' && typeof v.limit === 'number'
      ? { rate: v.rate, since: v.since, limit: v.limit }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The send rate every instance is held to now, per second (`Infinity`: unlimited). */
export async function currentSendRate(db: Kysely<Database>, ceiling: number, now: number): Promise<number> {
  return rateAt(await readRateState(db), now, ceiling);
}

/** Locks the shared send window row (creating it first), which serialises every rate decision. */
async function lockSendWindow(trx: Kysely<Database>, now: number): Promise<number> {
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
  return Number.isFinite(stored) ? stored : 0;
}

/**
 * Meta said 130429: cut the shared rate (adaptive-rate.ts), unless another send's throttle already
 * did within the cooldown. Returns the new rate, or null when nothing changed.
 */
export async function noteThrottle(
  db: Kysely<Database>,
  ceiling: number,
  now: number,
  evidence: ThrottleEvidence,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await lockSendWindow(trx, now);
    const next = cutRate(await readRateState(trx), now, ceiling, evidence);
    if (!next) return null;
    const text = JSON.stringify(next);
    await trx
      .insertInto('service_state')
      .values({ key: STATE_SEND_RATE, value: text, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
    return next.rate;
  });
}

/** Reserved send times, and the interval between two of them (0: no rate limit). */
export interface SendSlots {
  at: number[];
  intervalMs: number;
}

/**
 * The send-rate limit, shared by every instance through one database row: a claim reserves the
 * next `n` slots of 1000/rate ms each, inside the claiming transaction. Two instances therefore
 * share the rate instead of doubling it. The rate is SEND_RATE_PER_SECOND (`ceiling`, 0 = none),
 * or lower while the adaptive rate recovers from Meta's throttling. Returns each slot's time.
 */
export async function reserveSendSlots(
  trx: Kysely<Database>,
  ceiling: number,
  wanted: number,
  now: number,
): Promise<SendSlots> {
  if (wanted <= 0) return { at: [], intervalMs: 0 };
  const ratePerSecond = rateAt(await readRateState(trx), now, ceiling);
  if (!Number.isFinite(ratePerSecond)) return { at: Array.from({ length: wanted }, () => now), intervalMs: 0 };
  const interval = 1000 / ratePerSecond;
  const stored = await lockSendWindow(trx, now);
  const start = Math.max(stored, now);
  const room = Math.floor((now + SEND_HORIZON_MS - start) / interval);
  const n = Math.max(0, Math.min(wanted, room));
  if (n === 0) return { at: [], intervalMs: interval };
  const slots = Array.from({ length: n }, (_, i) => Math.round(start + i * interval));
  const next = String(start + n * interval);
  await trx
    .insertInto('service_state')
    .values({ key: STATE_SEND_WINDOW, value: next, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: next, updated_at: now }))
    .execute();
  return { at: slots, intervalMs: interval };
}
