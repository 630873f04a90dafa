import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { backoffDelayMs } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import { WakeSignal } from '../lib/wake-signal.js';
import { isPostgres } from '../store/dialect.js';
import type { Database, NotificationRow } from '../store/schema.js';
import type { DeliveryOutcome } from '../notify/types.js';

/** Delivers one notification of a kind; must not throw for expected failures (return an outcome). */
export type NotificationHandler = (row: NotificationRow, trxDb: Kysely<Database>) => Promise<DeliveryOutcome>;

export interface NotificationWorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  handlers: Record<string, NotificationHandler>;
  maxAttempts?: number;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  random?: () => number;
  onOutcome?: (kind: string, outcome: DeliveryOutcome['status']) => void;
}

/**
 * Delivers durable notifications (lead e-mail, CRM webhook, admin alerts, job searches) with
 * leases and backoff, exactly like the outbound sender: the row is the queue, a crash leaves an
 * expiring lease, and a row is only ever marked `sent` once.
 */
export class NotificationWorker {
  private readonly signal = new WakeSignal();
  private running = false;
  private loop: Promise<void> | null = null;
  private inFlight = 0;

  constructor(private readonly o: NotificationWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.signal.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loop;
    while (this.inFlight > 0) await this.signal.wait(20);
  }

  private async run(): Promise<void> {
    const concurrency = this.o.concurrency ?? 8;
    while (this.running) {
      let waitMs = this.o.pollMs ?? 500;
      try {
        if (this.inFlight < concurrency) {
          const rows = await this.claim(concurrency - this.inFlight);
          for (const row of rows) this.dispatch(row);
          if (rows.length > 0) continue;
        }
      } catch (err) {
        this.o.log.error({ err }, 'notification claim failed; retrying');
        waitMs = 1_000;
      }
      await this.signal.wait(waitMs);
    }
  }

  async claim(limit: number): Promise<NotificationRow[]> {
    const now = this.o.clock.now();
    const lease = this.o.leaseMs ?? 120_000;
    return this.o.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number }>`
        select id from notifications
        where status in ('pending', 'sending')
          and ((status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and locked_until < ${now}))
        order by next_attempt_at, id
        limit ${limit}${isPostgres(this.o.db) ? sql` for update skip locked` : sql``}`.execute(trx);
      if (rows.length === 0) return [];
      return trx
        .updateTable('notifications')
        .set((eb) => ({ status: 'sending', locked_until: now + lease, attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', 'in', rows.map((r) => r.id))
        .returningAll()
        .execute();
    });
  }

  private dispatch(row: NotificationRow): void {
    this.inFlight++;
    void this.deliver(row)
      .catch((err: unknown) => this.o.log.error({ err, id: row.id, kind: row.kind }, 'recording a notification result failed; retried when its lease expires'))
      .finally(() => {
        this.inFlight--;
        this.signal.wake();
      });
  }

  private async deliver(row: NotificationRow): Promise<void> {
    const handler = this.o.handlers[row.kind];
    let outcome: DeliveryOutcome;
    if (!handler) outcome = { status: 'failed', error: `no handler for notification kind ${row.kind}` };
    else {
      try {
        outcome = await handler(row, this.o.db);
      } catch (err) {
        outcome = { status: 'retry', error: String((err as Error)?.message ?? err) };
      }
    }
    await this.record(row, outcome);
  }

  /**
   * Records an attempt's outcome, only while this worker still holds the row's lease (a handler
   * that finished its own transaction, or a lease taken over by another worker, makes it a no-op).
   */
  async record(row: NotificationRow, outcome: DeliveryOutcome): Promise<void> {
    const now = this.o.clock.now();
    const max = this.o.maxAttempts ?? 8;
    this.o.onOutcome?.(row.kind, outcome.status);
    if (outcome.status === 'sent') {
      await this.o.db
        .updateTable('notifications')
        .set({ status: 'sent', locked_until: null, sent_at: now, updated_at: now, last_error: null })
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .where('locked_until', '=', row.locked_until)
        .execute();
      this.o.log.info({ id: row.id, kind: row.kind }, 'notification delivered');
      return;
    }
    if (outcome.status === 'failed' || row.attempts >= max) {
      await this.o.db
        .updateTable('notifications')
        .set({ status: 'failed', locked_until: null, updated_at: now, last_error: outcome.error.slice(0, 1000) })
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .where('locked_until', '=', row.locked_until)
        .execute();
      this.o.log.warn({ id: row.id, kind: row.kind, attempts: row.attempts }, 'notification failed for good');
      return;
    }
    const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelayMs(row.attempts, { baseMs: 2_000, random: this.o.random }));
    await this.o.db
      .updateTable('notifications')
      .set({ status: 'pending', locked_until: null, next_attempt_at: now + delay, updated_at: now, last_error: outcome.error.slice(0, 1000) })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', row.locked_until)
      .execute();
    this.o.log.warn({ id: row.id, kind: row.kind, delayMs: delay }, 'notification will be retried');
  }
}
