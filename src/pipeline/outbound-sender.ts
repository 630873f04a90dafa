import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { backoffDelayMs } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import { nextTurn } from '../lib/next-turn.js';
import { maskPhone } from '../lib/phone.js';
import { WakeSignal } from '../lib/wake-signal.js';
import { isPostgres } from '../store/dialect.js';
import { claimableHeads, dueReads } from '../store/pending-work.js';
import type { Database } from '../store/schema.js';
import {
  readState,
  STATE_SEND_PAUSED_UNTIL,
  STATE_TOKEN_INVALID,
  writeState,
  type TokenInvalidState,
} from '../store/service-state.js';
import type { GraphMessageBody, SendOutcome } from '../whatsapp/types.js';
import { ThroughputWindow } from './adaptive-rate.js';
import { needsUpload, type PreparedBody } from './outbound-media.js';
import {
  BREAKER_OPEN_MS,
  closeBreaker,
  openBreaker,
  OutageWindow,
  readBreaker,
  reopenBreaker,
  takeProbe,
  type BreakerState,
} from './send-breaker.js';
import { noteThrottle, reserveSendSlots } from './send-rate.js';
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
  /**
   * The body of a queued operator's file that has no media id yet: uploads it first (see
   * outbound-media.ts). Absent: such a row fails (nothing can upload it).
   */
  prepareBody?: (row: ClaimedMessage) => Promise<PreparedBody>;
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
  /** The interval between reserved slots when it was claimed (0 or absent: no rate limit). */
  slotIntervalMs?: number;
  /** The one send that tests whether Meta is back while the breaker is half-open. */
  probe?: boolean;
}

const PAUSE_CHECK_MS = 250;
/** Spacing the sends that fell due together (waitForSlot) delays none more than this past its slot. */
const SLOT_SPREAD_MAX_MS = 1_000;
/** The least gap between two rate-limited sends of one instance, as a share of the slot interval. */
const SLOT_SPREAD_GAP = 0.8;
/** After this many attempts a retryable failure is recorded as failed. */
export const DEFAULT_MAX_SEND_ATTEMPTS = 10;
/** No message waits longer than this between attempts unless Meta's Retry-After says so. */
export const MAX_RETRY_DELAY_MS = 60_000;
/** 80007 / 4 without a Retry-After: everyone waits this long (not the message's own backoff). */
const THROUGHPUT_PAUSE_MS = 5_000;
/** Unfinished outbound rows each claim looks through for mark-reads. */
const READ_WINDOW = 256;

interface Candidates {
  /** The walk's starting point, the heads it found (in user-key order) and where the next one starts. */
  from: string;
  heads: { id: number; phone: string }[];
  next: string;
  /** The walk went past the last user and on from the first: the whole ring was looked at. */
  wrapped: boolean;
  reads: number[];
  readFrom: number;
  readNext: number;
}

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
  private breaker: BreakerState | undefined;
  /** Where the next claim's walk over users starts (see candidates). */
  private headCursor = '';
  private readCursor = 0;
  /** The last claim's walk stopped before the last user (set by advanceCursors, cleared by claim). */
  private walkStoppedEarly = false;
  /** When this instance last let a rate-limited send go (waitForSlot spaces the next one from it). */
  private lastPacedSendAt = Number.NEGATIVE_INFINITY;
  private readonly outages = new OutageWindow();
  private readonly throughput = new ThroughputWindow();
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
        if (pause === 'probe') await this.probe();
        else if (pause > 0) waitMs = Math.min(pause, 5_000);
        // Refill in batches (below half) rather than one row per finished send: one claim per
        // batch instead of one per message.
        else if (this.inFlight <= this.concurrency / 2) {
          const claimed = await this.claim(this.concurrency - this.inFlight);
          for (const row of claimed) this.dispatch(row);
          // A full claim means more may be waiting, and so does a walk that stopped before the last
          // user: go round again at once, after letting the event loop serve what is waiting.
          if (
            (claimed.length > 0 && this.inFlight <= this.concurrency / 2) ||
            (claimed.length === 0 && this.walkStoppedEarly)
          ) {
            await nextTurn();
            continue;
          }
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
  private async pausedFor(): Promise<number | 'probe'> {
    const now = this.o.clock.now();
    if (now - this.pauseCheckedAt >= PAUSE_CHECK_MS) {
      const token = await readState<TokenInvalidState>(this.o.db, STATE_TOKEN_INVALID);
      const until = await readState<number>(this.o.db, STATE_SEND_PAUSED_UNTIL);
      this.breaker = await readBreaker(this.o.db);
      this.tokenBad = token?.fingerprint === this.o.tokenFingerprint;
      this.pausedUntil = until ?? 0;
      this.pauseCheckedAt = now;
    }
    if (this.tokenBad) return 5_000;
    const paused = Math.max(0, this.pausedUntil - now);
    if (paused > 0 || !this.breaker) return paused;
    const b = this.breaker;
    const waitUntil = b.state === 'open' ? b.until : b.probeUntil;
    if (waitUntil > now) return Math.min(waitUntil - now, PAUSE_CHECK_MS);
    return 'probe';
  }

  /** The breaker's open time is over: if this instance wins the probe, send one message. */
  private async probe(): Promise<void> {
    const now = this.o.clock.now();
    this.pauseCheckedAt = -Infinity; // whatever happens, re-read the shared state next time round
    if (!(await takeProbe(this.o.db, now, Math.min(this.leaseMs, 15_000)))) return;
    const [row] = await this.claim(1, true);
    if (!row) {
      // Nothing is waiting to test Meta with: close; fresh failures would open it again.
      await closeBreaker(this.o.db);
      this.o.log.info('send breaker closed: nothing to probe with');
      return;
    }
    this.dispatch({ ...row, probe: true });
  }

  async claim(limit: number, probe = false): Promise<ClaimedMessage[]> {
    const pg = isPostgres(this.o.db);
    this.walkStoppedEarly = false;
    return this.o.db.transaction().execute(async (trx) => {
      // Read inside the transaction: time spent waiting for the connection must not turn into
      // slots already in the past, which would then all be sent at once (a burst above the rate).
      const now = this.o.clock.now();
      // A breaker opened by any instance stops this claim at once, not only at the next pause check.
      if (!probe) {
        const breaker = await readBreaker(trx);
        if (breaker) {
          this.breaker = breaker;
          return [];
        }
      }
      const found = await this.candidates(trx, limit, now);
      const candidates = [...new Set([...found.heads.map((h) => h.id), ...found.reads])];
      if (candidates.length === 0) {
        this.advanceCursors(found, false, new Set());
        return [];
      }
      // Lock and re-check: a candidate claimed or finished by another instance since it was read is
      // left out, never replaced by that user's next reply (per-user order).
      const { rows } = await sql<{ id: number }>`
        select m.id from whatsapp_messages m
        where m.id in (${sql.join(candidates)})
          and ((m.status = 'queued' and m.next_attempt_at <= ${now}) or (m.status = 'sending' and m.locked_until < ${now}))
        order by m.id
        limit ${limit}${pg ? sql` for update of m skip locked` : sql``}`.execute(trx);
      const reserved = rows.length === 0 ? null : await reserveSendSlots(trx, this.o.ratePerSecond, rows.length, now);
      const slots = reserved?.at ?? [];
      const slotIntervalMs = reserved?.intervalMs ?? 0;
      const ids = rows.slice(0, slots.length).map((r) => Number(r.id));
      this.advanceCursors(found, rows.length === limit || ids.length < rows.length, new Set(ids));
      if (ids.length === 0) return [];
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
      return claimed.map((r, i) => ({
        ...r,
        lockedUntil: now + this.leaseMs,
        slotAt: slots[i] ?? now,
        slotIntervalMs,
      }));
    });
  }

  /**
   * What a claim may take: the head of each user's replies (walked user by user from a cursor, so
   * the cost does not depend on how many replies one user has waiting) and due mark-reads (from a
   * window of the queue that moves on every claim). See store/pending-work.ts.
   */
  private async candidates(trx: Kysely<Database>, limit: number, now: number): Promise<Candidates> {
    const walkMax = 2 * limit + 16;
    const from = this.headCursor;
    const walk = await claimableHeads(trx, from, walkMax, now);
    let heads = walk.found;
    let next = walk.next;
    const wrapped = next === '' && from !== '' && heads.length < limit;
    if (wrapped) {
      // The walk reached the last user: go round to the first ones in the same claim.
      const more = await claimableHeads(trx, '', walkMax, now);
      heads = [...heads, ...more.found.filter((h) => h.phone <= from)];
      next = more.next !== '' && more.next <= from ? more.next : '';
    }
    const reads = await dueReads(trx, this.readCursor, READ_WINDOW, now);
    return { from, heads, next, wrapped, reads: reads.found, readFrom: this.readCursor, readNext: reads.next };
  }

  /**
   * Moves the cursors past what a claim looked at. When the claim was cut short (its limit, or the
   * send rate), the heads and reads it did not take stay first in line for the next claim.
   */
  private advanceCursors(c: Candidates, cut: boolean, taken: ReadonlySet<number>): void {
    const firstLeft = cut ? c.heads.findIndex((h) => !taken.has(h.id)) : -1;
    this.headCursor = firstLeft < 0 ? c.next : firstLeft === 0 ? c.from : c.heads[firstLeft - 1]!.phone;
    this.readCursor = cut ? c.readFrom : c.readNext;
    // Going round again at once is for a walk that has not yet been all the way round.
    this.walkStoppedEarly = c.next !== '' && !c.wrapped;
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
    await this.waitForSlot(row);
    if (!this.o.graph) {
      await this.recordSandbox(row);
      this.o.onResult?.({ row, outcome: { ok: true, sandbox: true }, latencyMs: 0 });
      return;
    }
    let body = row.payload;
    let claimed = row;
    if (needsUpload(row.type, row.payload)) {
      const prepared: PreparedBody = this.o.prepareBody
        ? await this.o.prepareBody(row)
        : {
            ok: false,
            outcome: {
              ok: false,
              scope: 'message',
              retryable: false,
              code: null,
              title: 'no media uploader configured',
              retryAfterMs: null,
              httpStatus: null,
            },
          };
      if (!prepared.ok) {
        await this.record(row, prepared.outcome);
        return;
      }
      if (prepared.uploaded) {
        // The upload may have outlasted part of the lease: take a fresh one, or, if another worker
        // has claimed the row meanwhile, leave the send to it (exactly once).
        const renewed = await this.renewLease(row);
        if (renewed === null) {
          this.o.log.warn({ id: row.id }, 'lease lost during a media upload; the new holder sends it');
          return;
        }
        claimed = renewed;
      }
      body = prepared.body;
    }
    const started = this.o.clock.now();
    const outcome = await this.o.graph.send(body);
    this.o.onResult?.({ row: claimed, outcome, latencyMs: this.o.clock.now() - started });
    await this.record(claimed, outcome);
  }

  /** Extends a claimed row's lease while this worker still holds it; null when it does not. */
  private async renewLease(row: ClaimedMessage): Promise<ClaimedMessage | null> {
    const now = this.o.clock.now();
    const lockedUntil = now + this.leaseMs;
    const r = await this.o.db
      .updateTable('whatsapp_messages')
      .set({ locked_until: lockedUntil, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', row.lockedUntil)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? { ...row, lockedUntil } : null;
  }

  /**
   * Waits for the row's reserved slot, then, under a rate limit, until most of a slot interval has
   * passed since this instance's previous send. Slots are reserved one interval apart, so normally this is
   * the one timer it always was; but after an event-loop stall every slot that fell due meanwhile
   * fires at once, and those sends now leave about an interval apart instead of in a bunch above the rate
   * (a bunch overflows Meta's bucket below the average rate: 130429s, and the rate is cut below the
   * limit). The spacing never delays a send more than SLOT_SPREAD_MAX_MS past its slot, well inside
   * its lease: the claim, and so exactly-once, is untouched.
   */
  private async waitForSlot(row: ClaimedMessage): Promise<void> {
    const slotWait = row.slotAt - this.o.clock.now();
    if (slotWait > 0) await new Promise((r) => setTimeout(r, slotWait));
    const spacing = row.slotIntervalMs ?? 0;
    if (spacing <= 0) return;
    const now = this.o.clock.now();
    // Its own turn after the previous send. Slightly under one interval, so sends that fell behind
    // their slots (a timer fired late) catch up at 1.25 times the rate instead of never.
    const at = Math.max(now, this.lastPacedSendAt + spacing * SLOT_SPREAD_GAP);
    if (at - row.slotAt > SLOT_SPREAD_MAX_MS) return;
    this.lastPacedSendAt = at;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
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

  /** Records one send attempt's outcome on its row, and what it says about Meta (breaker, rate). */
  async record(row: ClaimedMessage, outcome: SendOutcome): Promise<void> {
    const now = this.o.clock.now();
    await this.noteEvidence(row, outcome, now);
    if (outcome.ok) {
      await this.sent.record(row, outcome.wamid);
      return;
    }
    if (outcome.scope === 'token') {
      await this.markTokenInvalid(outcome, now);
      // Not the message's fault: it goes back to the queue without using up an attempt.
      await this.requeue(row, now, now, { refundAttempt: true, outcome });
      return;
    }
    if (!outcome.retryable || row.attempts >= this.maxAttempts) {
      await this.markFailed(row, outcome, now);
      return;
    }
    const delay = this.retryDelayMs(row, outcome);
    const pause = this.globalPauseMs(outcome);
    if (pause > 0) {
      await writeState(this.o.db, STATE_SEND_PAUSED_UNTIL, now + pause, now);
      this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    }
    await this.requeue(row, now, now + delay, { refundAttempt: false, outcome });
    this.o.log.warn(
      {
        id: row.id,
        user: maskPhone(row.phone),
        code: outcome.code,
        scope: outcome.scope,
        delayMs: delay,
        pauseMs: pause,
      },
      'send failed; will retry',
    );
  }

  /**
   * The message's own schedule: exponential backoff with jitter capped at MAX_RETRY_DELAY_MS, 4^X s
   * for Meta's pair rate limit, and never sooner than Meta's Retry-After (or its own advice, e.g.
   * a day for 131049). It delays only this message, and so only its user's queue.
   */
  private retryDelayMs(row: ClaimedMessage, outcome: Extract<SendOutcome, { ok: false }>): number {
    const random = this.o.random;
    const own =
      outcome.scope === 'recipient'
        ? Math.min(MAX_RETRY_DELAY_MS, 4 ** (row.attempts - 1) * 1_000 * (0.75 + 0.5 * (random ?? Math.random)()))
        : backoffDelayMs(row.attempts, { maxMs: MAX_RETRY_DELAY_MS, random });
    return Math.round(Math.max(outcome.retryAfterMs ?? 0, own));
  }

  /**
   * Everyone pauses only on evidence that the failure is global: Meta's Retry-After on a throughput
   * or outage answer, or an account-level rate limit (80007, 4). 130429 cuts the shared rate
   * instead (noteEvidence); one recipient's Retry-After delays only that recipient.
   */
  private globalPauseMs(outcome: Extract<SendOutcome, { ok: false }>): number {
    if (outcome.scope !== 'throughput' && outcome.scope !== 'outage') return 0;
    if (outcome.retryAfterMs !== null) return outcome.retryAfterMs;
    return outcome.scope === 'throughput' && outcome.code !== 130429 ? THROUGHPUT_PAUSE_MS : 0;
  }

  /** Feeds the breaker and the adaptive rate; a probe's outcome closes or reopens the breaker. */
  private async noteEvidence(row: ClaimedMessage, outcome: SendOutcome, now: number): Promise<void> {
    const outage = !outcome.ok && outcome.scope === 'outage';
    if (row.probe) {
      this.outages.clear();
      if (outage) {
        await reopenBreaker(this.o.db, now, `probe failed: ${outcome.title}`);
        this.o.log.warn({ code: outcome.code }, 'send breaker probe failed; open again');
      } else {
        await closeBreaker(this.o.db);
        this.o.log.info('send breaker closed: the probe went through');
      }
      this.pauseCheckedAt = -Infinity;
      return;
    }
    if (outcome.ok || outcome.scope === 'throughput') {
      const interval = row.slotIntervalMs ?? 0;
      this.throughput.note(outcome.ok, now, interval > 0 ? 1000 / interval : Infinity);
    }
    if (!outcome.ok && outcome.scope === 'throughput') {
      const rate = await noteThrottle(this.o.db, this.o.ratePerSecond, now, this.throughput.evidence(now));
      if (rate !== null) this.o.log.warn({ code: outcome.code, ratePerSecond: rate }, 'Meta throttled: send rate cut');
    }
    if (outcome.ok || outage) this.outages.note(row.phone, outage, now);
    const reason = outage ? this.outages.verdict(now) : null;
    if (reason !== null) {
      this.outages.clear();
      await openBreaker(this.o.db, now, reason, BREAKER_OPEN_MS);
      this.pauseCheckedAt = -Infinity;
      this.o.log.error({ code: outage ? outcome.code : null }, `send breaker open: ${reason}`);
    }
  }

  private async markFailed(
    row: ClaimedMessage,
    outcome: Extract<SendOutcome, { ok: false }>,
    now: number,
  ): Promise<void> {
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
    this.o.log.warn(
      { id: row.id, user: maskPhone(row.phone), code: outcome.code, attempts: row.attempts },
      'outbound message failed',
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
