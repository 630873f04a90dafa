import type { Kysely } from 'kysely';
import type { Clock } from '../lib/clock.js';
import { GroupQueue } from '../lib/group-queue.js';
import { isPostgres, lockKeys } from '../store/dialect.js';
import { markSentMany } from '../store/fixed-sql.js';
import type { Database } from '../store/schema.js';
import { applyStatuses } from './ingest-webhook.js';

interface Result {
  id: number;
  lockedUntil: number;
  wamid: string | null;
}

const MAX_BATCH = 256;

/**
 * Records successful sends in groups (GroupQueue): every result that arrives while the previous
 * group is being written joins the next transaction (one commit for many messages), and the statuses that
 * beat their send result are looked up once for the whole group. A result is only recorded while
 * the row's lease is still the one this send was claimed with.
 */
export class SentRecorder {
  private readonly queue: GroupQueue<Result, undefined>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    // Results arriving while groups are being written join the next group (fewer, larger commits).
    // Two groups at a time on SQLite (one is prepared while the other holds the writer), four on
    // PostgreSQL, where a group mostly waits on the network.
    this.queue = new GroupQueue({
      maxConcurrent: isPostgres(db) ? 4 : 2,
      maxGroup: MAX_BATCH,
      write: async (group) => {
        await this.flush(group);
        return group.map(() => undefined);
      },
    });
  }

  async record(row: { id: number; lockedUntil: number }, wamid: string | null): Promise<void> {
    await this.queue.push({ id: row.id, lockedUntil: row.lockedUntil, wamid });
  }

  private async flush(batch: Result[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      // Locks in a fixed order, so two groups (or a group and a status webhook) cannot deadlock.
      const wamids = [...new Set(batch.map((b) => b.wamid).filter((w): w is string => w !== null))].sort();
      await lockKeys(
        trx,
        wamids.map((w) => `wamid:${w}`),
      );
      await markSentMany(trx, batch, now);
      if (wamids.length === 0) return;
      const early = await trx
        .selectFrom('whatsapp_statuses')
        .select(['message_id', 'status', 'error_code', 'error_title'])
        .where('message_id', 'in', wamids)
        .orderBy('id')
        .execute();
      await applyStatuses(
        trx,
        early.map((s) => ({
          wamid: s.message_id,
          status: s.status,
          errorCode: s.error_code,
          errorTitle: s.error_title,
        })),
        now,
      );
    });
  }
}
