import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { errorMessage } from '../lib/error-text.js';
import { nextTurn } from '../lib/next-turn.js';
import { maskPhone } from '../lib/phone.js';
import { WakeSignal } from '../lib/wake-signal.js';
import { usersWithReceived } from '../store/pending-work.js';
import type { Database } from '../store/schema.js';
import {
  processNextForUser,
  processNextForUsers,
  type ProcessContext,
  type ProcessOutcome,
} from './process-inbound.js';

export interface InboundWorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  /** How many users are processed at once (each one strictly in order). */
  concurrency: number;
  /** Fallback poll, for work stored by another instance or left by a crash. */
  pollMs?: number;
  context: (now: number) => Promise<Omit<ProcessContext, 'now'>>;
  /** Called after a message was processed (the sender has new work). */
  onProcessed?: (outcome: ProcessOutcome) => void;
  /** Called when processing a message fails and is retried later. */
  onError?: (err: unknown) => void;
}

const MAX_FAILURES = 5;
const SCAN_LIMIT = 500;
/** Users processed in one transaction (one commit for the group). */
const GROUP_SIZE = 16;

/**
 * Picks users with unprocessed messages and processes each user's messages one at a time, many
 * users in parallel: the next message of up to GROUP_SIZE users in one transaction, and several
 * such groups at once (`concurrency` users in all). It keeps no message in memory: the database is
 * the queue, and this worker only holds a bounded list of user keys to look at next.
 */
export class InboundWorker {
  private readonly signal = new WakeSignal();
  private readonly inFlight = new Set<string>();
  private readonly candidates: string[] = [];
  private running = false;
  private groups = 0;
  private loop: Promise<void> | null = null;
  private failures = new Map<number, number>();
  /** Where the next scan's walk over user keys starts ('' = from the first). */
  private scanCursor = '';

  constructor(private readonly o: InboundWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.signal.wake();
  }

  /** Stops taking new users and waits for the ones in progress to finish their current message. */
  async stop(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loop;
    while (this.inFlight.size > 0) await this.signal.wait(50);
  }

  get busy(): number {
    return this.inFlight.size;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.fill();
      } catch (err) {
        this.o.log.error({ err }, 'inbound scan failed; retrying');
        this.o.onError?.(err);
        await this.signal.wait(1_000);
        continue;
      }
      await this.signal.wait(this.o.pollMs ?? 500);
    }
  }

  /** Starts as many groups as there are free slots, scanning the database when the list runs dry. */
  private async fill(): Promise<void> {
    const maxGroups = Math.max(1, Math.ceil(this.o.concurrency / GROUP_SIZE));
    const groupSize = Math.min(GROUP_SIZE, this.o.concurrency);
    while (this.running && this.groups < maxGroups) {
      if (this.candidates.length === 0) {
        const found = await this.scan();
        if (found === 0) return;
      }
      const group: string[] = [];
      while (group.length < groupSize && this.candidates.length > 0) {
        const phone = this.candidates.shift()!;
        if (this.inFlight.has(phone) || group.includes(phone)) continue;
        group.push(phone);
      }
      if (group.length === 0) continue;
      for (const phone of group) this.inFlight.add(phone);
      this.groups++;
      void this.runGroup(group.sort()).finally(() => {
        this.groups--;
        this.signal.wake();
      });
    }
  }

  /**
   * One message of each user of the group, in one transaction. Users with more waiting go back to
   * the front of the list. If the group fails, each user is processed on their own, so the failure
   * (and its retry accounting) stays with the user whose message caused it.
   */
  private async runGroup(group: string[]): Promise<void> {
    // Each group starts on a turn of its own: a user with thousands of messages waiting is many
    // groups in a row, and on SQLite nothing in between would otherwise let a request in.
    await nextTurn();
    const now = this.o.clock.now();
    let outcomes: ProcessOutcome[];
    try {
      outcomes = await processNextForUsers(this.o.db, group, { now, ...(await this.o.context(now)) });
    } catch (err) {
      if (group.length === 1) await this.recordFailure(group[0]!, err);
      else await Promise.all(group.map((phone) => this.drainUser(phone)));
      for (const phone of group) this.inFlight.delete(phone);
      return;
    }
    const again: string[] = [];
    group.forEach((phone, i) => {
      this.inFlight.delete(phone);
      if (this.handled(phone, outcomes[i]!)) again.push(phone);
    });
    this.candidates.unshift(...again);
  }

  /** Logs and reports one outcome; true when this user has another message waiting. */
  private handled(phone: string, outcome: ProcessOutcome): boolean {
    if (outcome.kind === 'locked') {
      // Another instance holds this user; it may finish just before our message became visible
      // to it, so look again shortly instead of waiting for the next poll.
      setTimeout(() => this.signal.wake(), 50).unref();
      return false;
    }
    if (outcome.kind === 'none') return false;
    this.failures.delete(outcome.messageId);
    this.o.log.debug({ wamid: outcome.wamid, user: maskPhone(phone), outcome: outcome.kind }, 'inbound processed');
    this.o.onProcessed?.(outcome);
    return this.running && outcome.more;
  }

  /**
   * Finds users with unprocessed messages: a walk over the user keys from where the last scan
   * stopped (store/pending-work.ts), so every user is reached in turn and one user's thousands of
   * waiting messages cost the scan no more than one.
   */
  private async scan(): Promise<number> {
    let walk = await usersWithReceived(this.o.db, this.scanCursor, SCAN_LIMIT);
    if (walk.found.length === 0 && this.scanCursor !== '') walk = await usersWithReceived(this.o.db, '', SCAN_LIMIT);
    this.scanCursor = walk.next;
    let added = 0;
    for (const phone of walk.found) {
      if (this.inFlight.has(phone)) continue;
      added++;
      this.candidates.push(phone);
    }
    return added;
  }

  /** Processes this user's messages in order until none is left (or another worker holds the user). */
  private async drainUser(phone: string): Promise<void> {
    for (;;) {
      await nextTurn();
      const now = this.o.clock.now();
      let outcome: ProcessOutcome;
      try {
        outcome = await processNextForUser(this.o.db, phone, { now, ...(await this.o.context(now)) });
      } catch (err) {
        await this.recordFailure(phone, err);
        return;
      }
      if (!this.handled(phone, outcome)) return;
    }
  }

  /**
   * A message whose processing keeps failing (a bug, or data the code cannot handle) must not block
   * its user for ever: after MAX_FAILURES it is marked failed and the next message goes ahead.
   * Failures caused by the database being away are retried without limit by the next scan.
   */
  private async recordFailure(phone: string, err: unknown): Promise<void> {
    this.o.onError?.(err);
    try {
      const head = await this.o.db
        .selectFrom('whatsapp_messages')
        .select(['id', 'message_id'])
        .where('phone', '=', phone)
        .where('status', '=', 'received')
        .orderBy('timestamp')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!head) return;
      const n = (this.failures.get(head.id) ?? 0) + 1;
      this.failures.set(head.id, n);
      this.o.log.error(
        { err, wamid: head.message_id, user: maskPhone(phone), failures: n },
        'processing an inbound message failed',
      );
      if (n >= MAX_FAILURES) {
        const now = this.o.clock.now();
        await this.o.db
          .updateTable('whatsapp_messages')
          .set({ status: 'failed', error_title: errorMessage(err).slice(0, 500), updated_at: now })
          .where('id', '=', head.id)
          .where('status', '=', 'received')
          .execute();
        this.failures.delete(head.id);
      }
      if (this.failures.size > 10_000) this.failures.clear();
    } catch (inner) {
      this.o.log.error({ err: inner }, 'database unavailable while recording a processing failure');
    }
    // A plain pause: the wake signal belongs to the run loop, whose waiter must not be displaced.
    await new Promise((r) => setTimeout(r, 200));
  }
}
