import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { PeriodicTask } from '../lib/periodic-task.js';
import type { MediaStore } from '../media/media-store.js';
import { purgeExpiredMessages } from '../ops/cleanup-sessions.js';
import type { Database } from '../store/schema.js';

const DAY_MS = 86_400_000;

/**
 * The server's daily DATA_RETENTION_DAYS purge (the same operation as `cleanup-sessions`). It runs
 * a minute after start and then every day; with several instances each runs it, which is harmless:
 * the purge only deletes finished rows past the cut-off.
 */
export class RetentionJob {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly o: {
      db: Kysely<Database>;
      clock: Clock;
      log: Logger;
      retentionDays: number | undefined;
      /** Client files under MEDIA_DIR, purged with the messages. */
      media: MediaStore;
      firstRunMs?: number;
    },
  ) {
    this.periodic = new PeriodicTask(() => this.runOnce(), { firstMs: o.firstRunMs ?? 60_000, everyMs: DAY_MS });
  }

  start(): void {
    if (this.o.retentionDays === undefined) return;
    this.periodic.start();
  }

  async runOnce(): Promise<void> {
    if (this.o.retentionDays === undefined) return;
    try {
      const r = await purgeExpiredMessages(
        this.o.db,
        { retentionDays: this.o.retentionDays, media: this.o.media },
        this.o.clock.now(),
      );
      this.o.log.info(
        {
          messagesPurged: r.messagesPurged,
          statusesPurged: r.statusesPurged,
          filesPurged: r.filesPurged,
          before: r.purgedBefore,
        },
        'retention purge done',
      );
    } catch (err) {
      this.o.log.error({ err }, 'retention purge failed; it runs again tomorrow');
    }
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
