import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { PeriodicTask } from '../lib/periodic-task.js';
import { rollUpDays } from '../ops/dashboard-days.js';
import type { Database } from '../store/schema.js';

const EVERY_MS = 10 * 60_000;

/**
 * Keeps the dashboard's daily roll-up (`dashboard_days`) current, off the message path: every ten
 * minutes it recomputes the last three closed days and fills any closed day of the last 400 that is
 * missing. Each day is one idempotent upsert computed from the messages, so several instances running
 * it at once only repeat work. Today is never stored: the dashboard computes it from the messages.
 */
export class DashboardRollUpJob {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly o: {
      db: Kysely<Database>;
      clock: Clock;
      log: Logger;
      firstRunMs?: number;
    },
  ) {
    this.periodic = new PeriodicTask(() => this.runOnce(), { firstMs: o.firstRunMs ?? 2 * 60_000, everyMs: EVERY_MS });
  }

  start(): void {
    this.periodic.start();
  }

  async runOnce(): Promise<void> {
    try {
      const t0 = Date.now();
      const days = await rollUpDays(this.o.db, this.o.clock.now());
      this.o.log.debug({ days, ms: Date.now() - t0 }, 'dashboard roll-up done');
    } catch (err) {
      this.o.log.error({ err }, 'dashboard roll-up failed; the dashboard computes the missing days itself');
    }
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
