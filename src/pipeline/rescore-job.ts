import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { PeriodicTask } from '../lib/periodic-task.js';
import { rescoreLeads } from '../ops/rescore-leads.js';
import type { Database } from '../store/schema.js';

const DAY_MS = 86_400_000;

/**
 * The server's daily lead rescore (the same operation as `rescore-leads`), so the recency part of
 * every stored score follows the calendar. It runs five minutes after start and then every day; with
 * several instances each runs it, which is harmless: a rescore writes the same score for the same day.
 */
export class RescoreJob {
  private readonly periodic: PeriodicTask;

  constructor(private readonly o: { db: Kysely<Database>; clock: Clock; log: Logger; firstRunMs?: number }) {
    this.periodic = new PeriodicTask(() => this.runOnce(), { firstMs: o.firstRunMs ?? 5 * 60_000, everyMs: DAY_MS });
  }

  start(): void {
    this.periodic.start();
  }

  async runOnce(): Promise<void> {
    try {
      const r = await rescoreLeads(this.o.db, this.o.clock.now());
      this.o.log.info({ leadsScored: r.leadsScored }, 'daily lead rescore done');
    } catch (err) {
      this.o.log.error({ err }, 'lead rescore failed; it runs again tomorrow');
    }
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
