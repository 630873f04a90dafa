import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { backoffDelayMs } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import { maskPhone } from '../lib/phone.js';
import { WakeSignal } from '../lib/wake-signal.js';
import { isPostgres } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import {
  readState,
  STATE_SEND_PAUSED_UNTIL,
  STATE_TOKEN_INVALID,
  writeState,
  type TokenInvalidState,
} from '../store/service-state.js';
import type { GraphMessageBody, SendOutcome } from '../whatsapp/types.js';
import { reserveSendSlots } from './send-rate.js';
import { SentRecorder } from './sent-recorder.js';

export interface GraphSender {
  /** The queued row's payload is the request body's JSON text: it is sent as stored. */
  send(body: GraphMessageBody | string): Promise<SendOutcome>;
}

export interface OutboundSenderOptions {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  /** null = sandbox: nothing leaves the machine, rows are marked `sandbox`. */
  graph: GraphSender | null;
  /** Fingerprint of the configured token: a token marked bad pauses sending until it changes. */
  tokenFingerprint: string;
  ratePerSecond: number;
  /** Sends in flight at once. */
  concurrency?: number;
  maxAttempts?: number;
  leaseMs?: number;
  pollMs?: number;
  random?: () => number;
  onResult?: (r: {
    row: ClaimedMessage;
    outcome: SendOutcome | { ok: true; sandbox: true };
    latencyMs: number;
  }) => void;
  /** Called once when Meta says the token is bad (the admin alert). */
  onTokenInvalid?: (state: TokenInvalidState) => Promise<void>;
}

export interface ClaimedMessage {
  id: number;
  phone: string;
  type: string;
  payload: string;
  attempts: number;
  lockedUntil: number;
  slotAt: number;
}

const PAUSE_CHECK_MS = 250;
/** After this many attempts a retryable failure is recorded as failed. */
export const DEFAULT_MAX_SEND_ATTEMPTS = 10;

export function tokenFingerprint(token: string | undefined): string {
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : 'sandbox';
}

/**
 * Delivers queued outbound messages: claims due rows (per-user order: a user's next message is
 * claimable only when the one before it is finished), sends them within the shared rate, and
 * records each result on its row. The database is the queue; a crash leaves claimed rows with an
 * expiring lease, and whoever claims next picks them up.
 */
export class OutboundSender {
  private readonly signal = new WakeSignal();
  private running = false;
  private loop: Promise<void> | null = null;
  private inFlight = 0;
  private pauseCheckedAt = -Infinity;
  private pausedUntil = 0;
  private tokenBad = false;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;

  private readonly sent: SentRecorder;

  constructor(private readonly o: OutboundSenderOptions) {
    this.sent = new SentRecorder(o.db, o.clock);
    this.concurrency = o.concurrency ?? 64;
    this.maxAttempts = o.maxAttempts ?? DEFAULT_MAX_SEND_ATTEMPTS;
    this.leaseMs = o.leaseMs ?? 60_000;
  }

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
    while (this.running) {
      let waitMs = this.o.pollMs ?? 250;
      try {
        const pause = await this.pausedFor();
        if (pause > 0) waitMs = Math.min(pause, 5_000);
        // Refill in batches (below half) rather than one row per finished send: one claim per
        // batch instead of one per message.
        else if (this.inFlight <= this.concurrency / 2) {
          const claimed = await this.claim(this.concurrency - this.inFlight);
          for (const row of claimed) this.dispatch(row);
          // A full claim means more may be waiting: go round again at once.
          if (claimed.length > 0 && this.inFlight <= this.concurrency / 2) continue;
        }
      } catch (err) {
        this.o.log.error({ err }, 'outbound claim failed; retrying');
        waitMs = 1_000;
      }
      await this.signal.wait(waitMs);
    }
  }

  /**
   * Milliseconds until sending may resume (0 = now). The shared pause rows are re-read at most every
   * PAUSE_CHECK_MS, so a busy sender does not add two reads to every claim; a pause set by another
   * instance is seen within that time (a pause set here is seen at once).
   */
  private async pausedFor(): Promise<number> {
    const now = this.o.clock.now();
    if (now - this.pauseCheckedAt >= PAUSE_CHECK_MS) {
      const token = await readState<TokenInvalidState>(this.o.db, STATE_TOKEN_INVALID);
      const until = await readState<number>(this.o.db, STATE_SEND_PAUSED_UNTIL);
      this.tokenBad = token?.fingerprint === this.o.tokenFingerprint;
      this.pausedUntil = until ?? 0;
      this.pauseCheckedAt = now;
    }
    if (this.tokenBad) return 5_000;
    return Math.max(0, this.pausedUntil - now);
  }

  async claim(limit: number): Promise<ClaimedMessage[]> {
    const pg = isPostgres(this.o.db);
    return this.o.db.transaction().execute(async (trx) => {
      // Read inside the transaction: time spent waiting for the connection must not turn into
      // slots already in the past, which would then all be sent at once (a burst above the rate).
      const now = this.o.clock.now();
      const { rows } = await sql<{ id: number }>`
        select m.id from whatsapp_messages m
        where m.status in ('queued', 'sending')
          and ((m.status = 'queued' and m.next_attempt_at <= ${now}) or (m.status = 'sending' and m.locked_until < ${now}))
          and (m.type = 'read' or not exists (
            select 1 from whatsapp_messages p
            where p.phone = m.phone and p.status in ('queued', 'sending') and p.type <> 'read' and p.id < m.id))
        order by m.id
        limit ${limit}${pg ? sql` for update of m skip locked` : sql``}`.execute(trx);
      if (rows.length === 0) return [];
      const slots = await reserveSendSlots(trx, this.o.ratePerSecond, rows.length, now);
      if (slots.length === 0) return [];
      const ids = rows.slice(0, slots.length).map((r) => r.id);
      const claimed = await trx
        .updateTable('whatsapp_messages')
        .set((eb) => ({
          status: 'sending',
          locked_until: now + this.leaseMs,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where('id', 'in', ids)
        .returning(['id', 'phone', 'type', 'payload', 'attempts'])
        .execute();
      claimed.sort((a, b) => a.id - b.id);
      return claimed.map((r, i) => ({ ...r, lockedUntil: now + this.leaseMs, slotAt: slots[i] ?? now }));
    });
  }

  private dispatch(row: ClaimedMessage): void {
    this.inFlight++;
    void this.deliver(row)
      .catch((err: unknown) =>
        this.o.log.error(
          { err, id: row.id },
          'recording a send result failed; the lease will expire and it is retried',
        ),
      )
      .finally(() => {
        this.inFlight--;
        this.signal.wake();
      });
  }

  private async deliver(row: ClaimedMessage): Promise<void> {
    const wait = row.slotAt - this.o.clock.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const started = this.o.clock.now();
    if (!this.o.graph) {
      await this.recordSandbox(row);
      this.o.onResult?.({ row, outcome: { ok: true, sandbox: true }, latencyMs: 0 });
      return;
    }
    const outcome = await this.o.graph.send(row.payload);
    this.o.onResult?.({ row, outcome, latencyMs: this.o.clock.now() - started });
    await this.record(row, outcome);
  }

  private async recordSandbox(row: ClaimedMessage): Promise<void> {
    const now = this.o.clock.now();
    await this.o.db
      .updateTable('whatsapp_messages')
      .set({ status: 'sandbox', locked_until: null, sent_at: now, updated_at: now })
      .where('id', '=', row.id)
      .where('locked_until', '=', row.lockedUntil)
      .execute();
    this.o.log.info({ id: row.id, user: maskPhone(row.phone), type: row.type }, 'sandbox: reply stored, not sent');
  }

  /** Records one send attempt's outcome on its row (and pauses everyone when the outcome says so). */
  async record(row: ClaimedMessage, outcome: SendOutcome): Promise<void> {
    const now = this.o.clock.now();
    const log = this.o.log;
    if (outcome.ok) {
      await this.sent.record(row, outcome.wamid);
      return;
    }
    const retryable = outcome.retryable && row.attempts < this.maxAttempts;
    if (outcome.scope === 'token') {
      await this.markTokenInvalid(outcome, now);
      // Not the message's fault: it goes back to the queue without using up an attempt.
      await this.requeue(row, now, now, { refundAttempt: true, outcome });
      return;
    }
    if (!retryable) {
      await this.o.db
        .updateTable('whatsapp_messages')
        .set({
          status: 'failed',
          locked_until: null,
          error_code: outcome.code,
          error_title: outcome.title.slice(0, 500),
          updated_at: now,
        })
        .where('id', '=', row.id)
        .where('locked_until', '=', row.lockedUntil)
        .execute();
      log.warn(
        { id: row.id, user: maskPhone(row.phone), code: outcome.code, attempts: row.attempts },
        'outbound message failed',
      );
      return;
    }
    const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelayMs(row.attempts, { random: this.o.random }));
    if (outcome.scope === 'global') {
      await writeState(this.o.db, STATE_SEND_PAUSED_UNTIL, now + delay, now);
      this.pausedUntil = Math.max(this.pausedUntil, now + delay);
    }
    await this.requeue(row, now, now + delay, { refundAttempt: false, outcome });
    log.warn(
      { id: row.id, user: maskPhone(row.phone), code: outcome.code, scope: outcome.scope, delayMs: delay },
      'send failed; will retry',
    );
  }

  private async requeue(
    row: ClaimedMessage,
    now: number,
    nextAt: number,
    o: { refundAttempt: boolean; outcome: Extract<SendOutcome, { ok: false }> },
  ): Promise<void> {
    await this.o.db
      .updateTable('whatsapp_messages')
      .set((eb) => ({
        status: 'queued',
        locked_until: null,
        next_attempt_at: nextAt,
        error_code: o.outcome.code,
        error_title: o.outcome.title.slice(0, 500),
        updated_at: now,
        ...(o.refundAttempt ? { attempts: eb('attempts', '-', 1) } : {}),
      }))
      .where('id', '=', row.id)
      .where('locked_until', '=', row.lockedUntil)
      .execute();
  }

  private async markTokenInvalid(outcome: Extract<SendOutcome, { ok: false }>, now: number): Promise<void> {
    const current = await readState<TokenInvalidState>(this.o.db, STATE_TOKEN_INVALID);
    if (current?.fingerprint === this.o.tokenFingerprint) return;
    const state: TokenInvalidState = {
      fingerprint: this.o.tokenFingerprint,
      code: outcome.code,
      title: outcome.title,
      at: now,
    };
    await writeState(this.o.db, STATE_TOKEN_INVALID, state, now);
    this.tokenBad = true;
    this.o.log.error({ code: outcome.code }, 'WhatsApp token rejected: sending paused until a new token is configured');
    await this.o.onTokenInvalid?.(state);
  }
}
