// Composition root: every side effect the app and the workers use, built once from the config.
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Clock } from './lib/clock.js';
import type { DbKind } from './store/create-db.js';
import type { ProgramCatalogue } from './store/programs-repository.js';
import type { Database } from './store/schema.js';
import type { MediaStore } from './media/media-store.js';
import type { TemplateSource } from './whatsapp/template-source.js';
import type { ParsedWebhook } from './whatsapp/types.js';
import type { IngestResult } from './pipeline/ingest-webhook.js';

/** Counters the HTTP layer reports to (Prometheus in production; absent in some tests). */
export interface WebhookMetrics {
  webhookIngested(parsed: ParsedWebhook, result: IngestResult): void;
}

export interface Deps {
  config: Config;
  db: Kysely<Database>;
  dbKind: DbKind;
  clock: Clock;
  programs: ProgramCatalogue;
  /** Where approved templates are read from: the Graph API, or the sandbox file. */
  templates: TemplateSource;
  /** Wakes the workers when new work was stored (absent when no worker runs in this process). */
  workers?: { inboundStored(): void };
  metrics?: WebhookMetrics;
  /** Client documents and media under MEDIA_DIR. */
  media: MediaStore;
}
