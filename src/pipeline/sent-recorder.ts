import type { Kysely } from 'kysely';
import type { Clock } from '../lib/clock.js';
import { lockKeys } from '../store/dialect.js';
import { markSentMany } from '../store/fixed-sql.js';
import type { Database } from '../store/schema.js';
import { applyStatuses } from './ingest-webhook.js';

interface Pending {
  id: number;
  lockedUntil: number;
  wamid: string | null;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 256;

/**
 * Records successful sends in groups: every result that arrives while a flush is being prepared is
 * written in the same transaction (one commit instead of one per message), and the statuses that
 * beat their send result are looked up once for the whole group. A result is only recorded while
 * the row's lease is still the one this send was claimed with.
 */
export class SentRecorder {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  record(row: { id: number; lockedUntil: number }, wamid: string | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ id: row.id, lockedUntil: row.lockedUntil, wamid, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.pending.splice(0, MAX_BATCH);
      if (this.pending.length > 0) this.schedule();
      void this.flush(batch);
    });
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
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
          early.map((s) => ({ wamid: s.message_id, status: s.status, errorCode: s.error_code, errorTitle: s.error_title })),
          now,
        );
      });
      for (const b of batch) b.resolve();
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
