import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { PeriodicTask } from '../lib/periodic-task.js';
import type { Database } from '../store/schema.js';
import { queueUnseenNotices, timeOutIdleHandoffs, type DeadlineSettings } from './handoff-deadlines.js';

/** Both clocks are in minutes: looking every half minute keeps them within a minute of their word. */
const DEFAULT_EVERY_MS = 30_000;

/**
 * Runs the handoff deadlines (handoff-deadlines.ts) on a timer. Every instance runs it; the work is
 * made under row locks and dedupe keys, so that is harmless. Whatever it queues wakes the sender or
 * the notification worker at once.
 */
export class HandoffJob {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly o: {
      db: Kysely<Database>;
      clock: Clock;
      log: Logger;
      settings: DeadlineSettings;
      onRepliesQueued: () => void;
      onNoticesQueued: () => void;
      everyMs?: number;
    },
  ) {
    this.periodic = new PeriodicTask(() => this.runOnce(), {
      firstMs: o.everyMs ?? DEFAULT_EVERY_MS,
      everyMs: o.everyMs ?? DEFAULT_EVERY_MS,
    });
  }

  start(): void {
    this.periodic.start();
  }

  /** One pass of both clocks at the clock's time; never throws (the next pass tries again). */
  async runOnce(): Promise<void> {
    const now = this.o.clock.now();
    try {
      const t = await timeOutIdleHandoffs(this.o.db, this.o.settings, now);
      if (t.timedOut.length > 0) {
        this.o.log.info({ timedOut: t.timedOut.length, told: t.told }, 'handoffs timed out: back to the bot');
        if (t.told > 0) this.o.onRepliesQueued();
      }
      const queued = await queueUnseenNotices(this.o.db, this.o.settings, now);
      if (queued > 0) {
        this.o.log.info({ queued }, 'unseen client messages: owners notified');
        this.o.onNoticesQueued();
      }
    } catch (err) {
      this.o.log.error({ err }, 'handoff deadlines failed; the next pass tries again');
    }
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
