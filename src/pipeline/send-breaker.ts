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
/**
 * It opens when, with 95% confidence, more than this share of sends fail: the Wilson score lower
 * bound of the failed share (each recent user one sample) must pass it. A handful of users all
 * failing is enough; a few unlucky first sends during a partial outage are not.
 */
export const BREAKER_FAIL_RATIO = 0.5;
const CONFIDENCE_Z = 1.96;
export const BREAKER_OPEN_MS = 5_000;
export const BREAKER_MAX_OPEN_MS = 30_000;
/** Attempts remembered at most (the oldest go first): bounds memory at any send rate. */
const MAX_ATTEMPTS_KEPT = 4_096;

/**
 * This instance's evidence: every attempt of the last BREAKER_WINDOW_MS. Each recipient weighs
 * the same, by the share of its own attempts that failed, so a recipient failing a hundred times
 * weighs as much as one failing once.
 *
 * Not "the latest outcome per recipient": sends are in per-user order, so a failure holds its
 * user's queue until the retry while a success moves straight on to the user's next reply. With
 * three replies each and 30% of sends failing at random, two users in three have a failure as
 * their latest outcome, and that measure read a partial outage as a full one.
 */
export class OutageWindow {
  private readonly attempts: { at: number; recipient: string; failed: boolean }[] = [];
  private head = 0;

  note(recipient: string, failed: boolean, now: number): void {
    this.attempts.push({ at: now, recipient, failed });
    if (this.attempts.length - this.head > MAX_ATTEMPTS_KEPT) this.head++;
    if (this.head > 1_024) this.compact();
  }

  /** A reason to open the breaker, or null. */
  verdict(now: number): string | null {
    this.prune(now);
    const per = new Map<string, { tries: number; failed: number }>();
    for (let i = this.head; i < this.attempts.length; i++) {
      const a = this.attempts[i];
      if (a === undefined) continue;
      const r = per.get(a.recipient) ?? { tries: 0, failed: 0 };
      r.tries++;
      if (a.failed) r.failed++;
      per.set(a.recipient, r);
    }
    let failingUsers = 0;
    let share = 0;
    for (const r of per.values()) {
      if (r.failed > 0) failingUsers++;
      share += r.failed / r.tries;
    }
    const users = per.size;
    if (failingUsers < BREAKER_MIN_FAILING_USERS) return null;
    if (wilsonLowerBound(share / users, users) <= BREAKER_FAIL_RATIO) return null;
    const percent = Math.round((100 * share) / users);
    return `${percent}% of the sends to ${users} users in ${BREAKER_WINDOW_MS / 1000} s failed`;
  }

  clear(): void {
    this.attempts.length = 0;
    this.head = 0;
  }

  private prune(now: number): void {
    while (this.head < this.attempts.length && now - (this.attempts[this.head]?.at ?? now) > BREAKER_WINDOW_MS) {
      this.head++;
    }
    this.compact();
  }

  private compact(): void {
    if (this.head === 0) return;
    this.attempts.splice(0, this.head);
    this.head = 0;
  }
}

/** The lower end of the Wilson score interval for a share `p` observed over `n` samples. */
export function wilsonLowerBound(p: number, n: number): number {
  if (n === 0) return 0;
  const z2 = CONFIDENCE_Z * CONFIDENCE_Z;
  const centre = p + z2 / (2 * n);
  const margin = CONFIDENCE_Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - margin) / (1 + z2 / n);
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
