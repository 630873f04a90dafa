// The circuit breaker over Meta's availability (issue 13). A failed send retries on its own
// schedule and delays only its own user; all sending pauses only when most recent sends across
// many users fail (5xx, network errors, timeouts) within a short window. Then the breaker opens
// for a short, bounded time, one send probes while it is half-open, and a probe that fails opens
// it again for twice as long (at most MAX_OPEN_MS). The state lives in one `service_state` row, so
// every instance pauses, probes and resumes together; each instance gathers its own evidence.
import { sql, type Kysely } from 'kysely';
import { lockingClause } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { readState, STATE_SEND_BREAKER, writeState } from '../store/service-state.js';

export interface BreakerState {
  state: 'open' | 'half_open';
  /** Open until then (epoch ms); afterwards one instance may take the probe. */
  until: number;
  /** How long it stayed open this time: doubled by a failed probe, bounded. */
  openMs: number;
  openedAt: number;
  /** While half-open: the probe's lease (another instance probes when it expires). */
  probeUntil: number;
  reason: string;
}

export const BREAKER_WINDOW_MS = 10_000;
/** Fewer failing users than this never open it: one recipient's failures stay that recipient's. */
export const BREAKER_MIN_FAILING_USERS = 5;
/** The share of recently attempted users whose latest send failed that opens it. */
export const BREAKER_FAIL_RATIO = 0.6;
export const BREAKER_OPEN_MS = 5_000;
export const BREAKER_MAX_OPEN_MS = 30_000;

/**
 * This instance's evidence: the latest outcome per recipient over the last BREAKER_WINDOW_MS. Only
 * the latest counts, so a recipient failing a hundred times weighs as much as one failing once.
 */
export class OutageWindow {
  private readonly latest = new Map<string, { at: number; failed: boolean }>();
  private prunedAt = 0;

  note(recipient: string, failed: boolean, now: number): void {
    this.latest.delete(recipient); // re-insert: the map stays in time order
    this.latest.set(recipient, { at: now, failed });
    if (now - this.prunedAt >= 1_000) this.prune(now);
  }

  /** A reason to open the breaker, or null. */
  verdict(now: number): string | null {
    this.prune(now);
    let failing = 0;
    for (const v of this.latest.values()) if (v.failed) failing++;
    const users = this.latest.size;
    if (failing < BREAKER_MIN_FAILING_USERS || failing < BREAKER_FAIL_RATIO * users) return null;
    return `the latest send to ${failing} of ${users} users in ${BREAKER_WINDOW_MS / 1000} s failed`;
  }

  clear(): void {
    this.latest.clear();
  }

  private prune(now: number): void {
    this.prunedAt = now;
    for (const [k, v] of this.latest) {
      if (now - v.at <= BREAKER_WINDOW_MS) break;
      this.latest.delete(k);
    }
  }
}

export async function readBreaker(db: Kysely<Database>): Promise<BreakerState | undefined> {
  const s = await readState<Partial<BreakerState> | null>(db, STATE_SEND_BREAKER);
  if (!s || (s.state !== 'open' && s.state !== 'half_open') || typeof s.until !== 'number') return undefined;
  return {
    state: s.state,
    until: s.until,
    openMs: s.openMs ?? BREAKER_OPEN_MS,
    openedAt: s.openedAt ?? s.until,
    probeUntil: s.probeUntil ?? 0,
    reason: s.reason ?? '',
  };
}

/** Opens the breaker for `openMs` (bounded), unless it is already open for longer. */
export async function openBreaker(db: Kysely<Database>, now: number, reason: string, openMs: number): Promise<void> {
  const ms = Math.min(BREAKER_MAX_OPEN_MS, Math.max(1, openMs));
  await db.transaction().execute(async (trx) => {
    const current = await lockBreaker(trx);
    if (current?.state === 'open' && current.until >= now + ms) return;
    const next: BreakerState = { state: 'open', until: now + ms, openMs: ms, openedAt: now, probeUntil: 0, reason };
    await writeState(trx, STATE_SEND_BREAKER, next, now);
  });
}

/**
 * Once the open time is over, exactly one instance wins the probe (the row is locked): it sends
 * one message and closes or reopens the breaker by its result. A probe whose sender died is taken
 * over when its lease ends.
 */
export async function takeProbe(db: Kysely<Database>, now: number, leaseMs: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const current = await lockBreaker(trx);
    if (!current) return false;
    const due = current.state === 'open' ? current.until <= now : current.probeUntil <= now;
    if (!due) return false;
    await writeState(trx, STATE_SEND_BREAKER, { ...current, state: 'half_open', probeUntil: now + leaseMs }, now);
    return true;
  });
}

export async function closeBreaker(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('service_state').where('key', '=', STATE_SEND_BREAKER).execute();
}

/** The probe failed: open again for twice as long, at most BREAKER_MAX_OPEN_MS. */
export async function reopenBreaker(db: Kysely<Database>, now: number, reason: string): Promise<void> {
  const current = await readBreaker(db);
  const ms = Math.min(BREAKER_MAX_OPEN_MS, 2 * (current?.openMs ?? BREAKER_OPEN_MS));
  const next: BreakerState = { state: 'open', until: now + ms, openMs: ms, openedAt: now, probeUntil: 0, reason };
  await writeState(db, STATE_SEND_BREAKER, next, now);
}

async function lockBreaker(trx: Kysely<Database>): Promise<BreakerState | undefined> {
  await sql`select key from service_state where key = ${STATE_SEND_BREAKER}${lockingClause(trx, 'wait')}`.execute(trx);
  return readBreaker(trx);
}
