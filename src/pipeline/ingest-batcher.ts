import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ParsedWebhook } from '../whatsapp/types.js';
import { ingestWebhook, ingestWebhooks, type IngestResult } from './ingest-webhook.js';

interface Pending {
  parsed: ParsedWebhook;
  resolve: (r: IngestResult) => void;
  reject: (err: unknown) => void;
}

export interface IngestBatcherOptions {
  /** Groups written at once (SQLite has one writer: 1; PostgreSQL gains from a few). */
  maxConcurrent: number;
  /** Webhooks per group. */
  maxGroup?: number;
  now: () => number;
}

/**
 * Group commit for webhooks: every webhook that arrives while the previous group is being written
 * (or in the same turn of the event loop) is stored in one transaction, and each is acknowledged
 * only after that transaction commits. One commit per group instead of one per webhook is the
 * largest single saving under load; a lone webhook still goes straight through (its group is itself).
 *
 * If a group fails, each of its webhooks is retried in a transaction of its own, so a webhook the
 * database refuses fails alone and the others are still stored (and acknowledged).
 */
export class IngestBatcher {
  private pending: Pending[] = [];
  private active = 0;
  private scheduled = false;
  private readonly maxGroup: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly o: IngestBatcherOptions,
  ) {
    this.maxGroup = o.maxGroup ?? 128;
  }

  ingest(parsed: ParsedWebhook): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ parsed, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.active >= this.o.maxConcurrent || this.pending.length === 0) return;
    this.scheduled = true;
    // setImmediate: the webhooks whose bodies completed in this turn of the event loop join the group.
    setImmediate(() => {
      this.scheduled = false;
      if (this.active >= this.o.maxConcurrent) return;
      const group = this.pending.splice(0, this.maxGroup);
      if (group.length === 0) return;
      this.active++;
      void this.write(group).finally(() => {
        this.active--;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async write(group: Pending[]): Promise<void> {
    const now = this.o.now();
    try {
      const results = await ingestWebhooks(
        this.db,
        group.map((p) => p.parsed),
        now,
      );
      group.forEach((p, i) => p.resolve(results[i]!));
      return;
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
    }
    for (const p of group) {
      try {
        p.resolve(await ingestWebhook(this.db, p.parsed, now));
      } catch (err) {
        p.reject(err);
      }
    }
  }
}
