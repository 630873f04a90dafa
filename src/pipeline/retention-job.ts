import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { purgeExpiredMessages } from '../ops/cleanup-sessions.js';
import type { Database } from '../store/schema.js';

const DAY_MS = 86_400_000;

/**
 * The server's daily DATA_RETENTION_DAYS purge (the same operation as `cleanup-sessions`). It runs
 * a minute after start and then every day; with several instances each runs it, which is harmless:
 * the purge only deletes finished rows past the cut-off.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly o: {
      db: Kysely<Database>;
      clock: Clock;
      log: Logger;
      retentionDays: number | undefined;
      firstRunMs?: number;
    },
  ) {}

  start(): void {
    if (this.o.retentionDays === undefined || this.timer) return;
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        this.running = this.runOnce().finally(() => {
          this.running = null;
          if (this.timer) schedule(DAY_MS);
        });
      }, ms);
      this.timer.unref();
    };
    schedule(this.o.firstRunMs ?? 60_000);
  }

  async runOnce(): Promise<void> {
    if (this.o.retentionDays === undefined) return;
    try {
      const r = await purgeExpiredMessages(this.o.db, { retentionDays: this.o.retentionDays }, this.o.clock.now());
      this.o.log.info(
        { messagesPurged: r.messagesPurged, statusesPurged: r.statusesPurged, before: r.purgedBefore },
        'retention purge done',
      );
    } catch (err) {
      this.o.log.error({ err }, 'retention purge failed; it runs again tomorrow');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
