import { sql, type Kysely, type Updateable } from 'kysely';
import type { Logger } from 'pino';
import { backoffDelayMs } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import { errorMessage } from '../lib/error-text.js';
import { WakeSignal } from '../lib/wake-signal.js';
import { isPostgres } from '../store/dialect.js';
import type { Database, NotificationRow, NotificationsTable } from '../store/schema.js';
import type { DeliveryOutcome } from '../notify/types.js';

/** Delivers one notification of a kind; must not throw for expected failures (return an outcome). */
export type NotificationHandler = (row: NotificationRow, trxDb: Kysely<Database>) => Promise<DeliveryOutcome>;

export interface NotificationWorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  handlers: Record<string, NotificationHandler>;
  maxAttempts?: number;
  /** Kinds retried for as long as they can still succeed rather than a number of times (see RetryHorizon). */
  horizons?: Record<string, RetryHorizon>;
  /** Deliveries in flight at once, per lane. */
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  random?: () => number;
  onOutcome?: (kind: string, outcome: DeliveryOutcome['status']) => void;
}

/**
 * A kind worth retrying for as long as the thing it fetches exists: a client's file can be downloaded
 * while Meta keeps its media id (seven days), so a Graph outage of an hour or a day must not lose it.
 * Its retries back off up to `maxDelayMs` and stop once the next one would fall after `horizonMs`
 * from the row's creation.
 */
export interface RetryHorizon {
  horizonMs: number;
  maxDelayMs: number;
}

/** What to do after a failed attempt: give up, or try again after `delayMs`. */
export function retryDecision(
  row: Pick<NotificationRow, 'attempts' | 'created_at'>,
  outcome: { status: 'retry' | 'failed'; retryAfterMs?: number },
  now: number,
  opts: { maxAttempts: number; horizon: RetryHorizon | undefined; random?: () => number },
): { final: true } | { final: false; delayMs: number } {
  if (outcome.status === 'failed') return { final: true };
  const { horizon } = opts;
  const backoffMs = backoffDelayMs(row.attempts, {
    baseMs: RETRY_BASE_MS,
    ...(horizon ? { maxMs: horizon.maxDelayMs } : {}),
    random: opts.random,
  });
  const delayMs = Math.max(outcome.retryAfterMs ?? 0, backoffMs);
  const final = horizon ? now + delayMs > row.created_at + horizon.horizonMs : row.attempts >= opts.maxAttempts;
  return final ? { final: true } : { final: false, delayMs };
}

/** Tries before a notification is marked failed: two to four minutes of backoff in all. */
export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_CONCURRENCY = 8;
/** The first retry waits 1–2 s, each further one twice as long (backoffDelayMs caps it at 5 min). */
const RETRY_BASE_MS = 2_000;
const DEFAULT_LEASE_MS = 120_000;
type NotificationUpdate = Updateable<NotificationsTable>;

// Kinds a user is waiting for in the chat get their own lane (own slots, own claim), so a mail
// server or CRM that hangs for its whole timeout, with a backlog of retries, never holds them up.
const CHAT_KINDS = ['job_search'];
const LANES = ['chat', 'background'] as const;
type Lane = (typeof LANES)[number];

/**
 * Delivers durable notifications (lead e-mail, CRM webhook, admin alerts, job searches) with
 * leases and backoff, exactly like the outbound sender: the row is the queue, a crash leaves an
 * expiring lease, and a row is only ever marked `sent` once.
 */
export class NotificationWorker {
  private readonly signal = new WakeSignal();
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight: Record<Lane, number> = { chat: 0, background: 0 };

  constructor(private readonly o: NotificationWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.signal.wake();
  }

  /** Stops claiming, then waits for the deliveries in flight (each bounded by its own timeout). */
  async stop(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loop;
    while (this.inFlight.chat + this.inFlight.background > 0) await this.signal.wait(20);
  }

  private async run(): Promise<void> {
    const concurrency = this.o.concurrency ?? DEFAULT_CONCURRENCY;
    while (this.running) {
      let waitMs = this.o.pollMs ?? 500;
      try {
        let claimed = 0;
        for (const lane of LANES) {
          const free = concurrency - this.inFlight[lane];
          const rows = free > 0 ? await this.claim(free, lane) : [];
          for (const row of rows) this.dispatch(row, lane);
          claimed += rows.length;
        }
        if (claimed > 0) continue;
      } catch (err) {
        this.o.log.error({ err }, 'notification claim failed; retrying');
        waitMs = 1_000;
      }
      await this.signal.wait(waitMs);
    }
  }

  /** Takes up to `limit` due rows (of one lane, or any) and leases them to this worker. */
  async claim(limit: number, lane?: Lane): Promise<NotificationRow[]> {
    const now = this.o.clock.now();
    const kinds =
      lane === undefined
        ? sql``
        : sql`and kind ${sql.raw(lane === 'chat' ? 'in' : 'not in')} (${sql.join(CHAT_KINDS)})`;
    return this.o.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number }>`
        select id from notifications
        where status in ('pending', 'sending')
          and ((status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and locked_until < ${now}))
          ${kinds}
        order by next_attempt_at, id
        limit ${limit}${isPostgres(this.o.db) ? sql` for update skip locked` : sql``}`.execute(trx);
      if (rows.length === 0) return [];
      return trx
        .updateTable('notifications')
        .set((eb) => ({
          status: 'sending',
          locked_until: now + (this.o.leaseMs ?? DEFAULT_LEASE_MS),
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .returningAll()
        .execute();
    });
  }

  private dispatch(row: NotificationRow, lane: Lane): void {
    this.inFlight[lane]++;
    void this.deliver(row)
      .then((outcome) => this.record(row, outcome))
      .catch((err: unknown) =>
        this.o.log.error(
          { err, id: row.id, kind: row.kind },
          'recording a notification result failed; retried when its lease expires',
        ),
      )
      .finally(() => {
        this.inFlight[lane]--;
        this.signal.wake();
      });
  }

  private async deliver(row: NotificationRow): Promise<DeliveryOutcome> {
    const handler = this.o.handlers[row.kind];
    if (!handler) return { status: 'failed', error: `no handler for notification kind ${row.kind}` };
    return handler(row, this.o.db).catch((err: unknown) => ({
      status: 'retry',
      error: errorMessage(err),
    }));
  }

  /** Records an attempt's outcome on the row, if the lease is still ours (see `update`). */
  async record(row: NotificationRow, outcome: DeliveryOutcome): Promise<void> {
    const now = this.o.clock.now();
    this.o.onOutcome?.(row.kind, outcome.status);
    const where = { id: row.id, kind: row.kind, attempts: row.attempts };
    if (outcome.status === 'sent') {
      if (outcome.recorded || (await this.update(row, { status: 'sent', sent_at: now, last_error: null }, now))) {
        this.o.log.info({ ...where, detail: outcome.detail }, 'notification delivered');
      } else this.o.log.warn(where, 'delivered after the lease ran out: another worker may deliver it again');
      return;
    }
    const error = outcome.error.slice(0, 1000);
    const next = retryDecision(row, outcome, now, {
      maxAttempts: this.o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      horizon: this.o.horizons?.[row.kind],
      random: this.o.random,
    });
    const { final } = next;
    const delayMs = next.final ? 0 : next.delayMs;
    const set: NotificationUpdate = next.final
      ? { status: 'failed', last_error: error }
      : { status: 'pending', next_attempt_at: now + next.delayMs, last_error: error };
    if (!(await this.update(row, set, now)))
      this.o.log.warn(where, "lease lost before the result was recorded: the row is another worker's now");
    else if (final) this.o.log.warn({ ...where, error }, 'notification failed for good');
    else this.o.log.warn({ ...where, delayMs, error }, 'notification will be retried');
  }

  /** Updates the row only while this worker still holds its lease: a lease taken over by another worker makes it a no-op. */
  private async update(row: NotificationRow, set: NotificationUpdate, now: number): Promise<boolean> {
    const res = await this.o.db
      .updateTable('notifications')
      .set({ ...set, locked_until: null, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', row.locked_until)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
