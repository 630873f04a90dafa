import type { Kysely } from 'kysely';
import { GroupQueue } from '../lib/group-queue.js';
import type { Database } from '../store/schema.js';
import type { ParsedWebhook } from '../whatsapp/types.js';
import { ingestWebhook, ingestWebhooks, type IngestResult } from './ingest-webhook.js';

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
 * largest single saving under load; a lone webhook still goes straight through.
 *
 * If a group fails, each of its webhooks is retried in a transaction of its own, so a webhook the
 * database refuses fails alone and the others are still stored (and acknowledged).
 */
export class IngestBatcher {
  private readonly queue: GroupQueue<ParsedWebhook, IngestResult>;

  constructor(db: Kysely<Database>, o: IngestBatcherOptions) {
    this.queue = new GroupQueue({
      maxConcurrent: o.maxConcurrent,
      maxGroup: o.maxGroup ?? 128,
      write: (group) => ingestWebhooks(db, group, o.now()),
      retryAlone: (parsed) => ingestWebhook(db, parsed, o.now()),
    });
  }

  ingest(parsed: ParsedWebhook): Promise<IngestResult> {
    return this.queue.push(parsed);
  }
}
