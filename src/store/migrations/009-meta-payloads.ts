import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Everything Meta sends that we dropped (issue 12):
 * - the user's country code (a BSUID starts with it) and the Click-to-WhatsApp ad of their first
 *   message (`source` "ad <headline>", `referral` as received), on the session; the lead's `source`
 *   and ad id, so the dashboard counts leads per campaign;
 * - a reaction recorded on the message it reacts to (the emoji, or null once removed);
 * - `user_preferences` (marketing stopped / resumed), one row per user, read before any marketing send;
 * - `value.errors`, template status updates and the other account-level notices, kept as events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.alterTable('whatsapp_sessions').addColumn('country_code', 'varchar(8)').execute();
  await db.schema.alterTable('whatsapp_sessions').addColumn('source', 'varchar(255)').execute();
  await db.schema.alterTable('whatsapp_sessions').addColumn('referral', 'text').execute();
  await db.schema.alterTable('whatsapp_leads').addColumn('source', 'varchar(255)').execute();
  await db.schema.alterTable('whatsapp_leads').addColumn('source_id', 'varchar(128)').execute();
  await db.schema.alterTable('whatsapp_messages').addColumn('reaction', 'varchar(64)').execute();
  await db.schema.alterTable('whatsapp_messages').addColumn('reacted_at', 'bigint').execute();
  await db.schema
    .createTable('marketing_preferences')
    .addColumn('phone', 'varchar(160)', (c) => c.primaryKey())
    .addColumn('marketing_stopped', 'integer', (c) => c.notNull())
    .addColumn('detail', 'varchar(255)')
    // Meta's timestamp of the change: a late webhook never overwrites a newer preference.
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  const events = db.schema.createTable('webhook_events');
  await (
    pg
      ? events.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : events.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('field', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('phone', 'varchar(160)')
    .addColumn('code', 'integer')
    .addColumn('summary', 'varchar(500)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_webhook_events_kind').on('webhook_events').columns(['kind', 'created_at']).execute();
  await db.schema.createIndex('idx_webhook_events_phone').on('webhook_events').column('phone').execute();
  await db.schema.createIndex('idx_leads_source').on('whatsapp_leads').column('source').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_leads_source').execute();
  await db.schema.dropTable('webhook_events').ifExists().execute();
  await db.schema.dropTable('marketing_preferences').ifExists().execute();
  await db.schema.alterTable('whatsapp_messages').dropColumn('reacted_at').execute();
  await db.schema.alterTable('whatsapp_messages').dropColumn('reaction').execute();
  await db.schema.alterTable('whatsapp_leads').dropColumn('source_id').execute();
  await db.schema.alterTable('whatsapp_leads').dropColumn('source').execute();
  await db.schema.alterTable('whatsapp_sessions').dropColumn('referral').execute();
  await db.schema.alterTable('whatsapp_sessions').dropColumn('source').execute();
  await db.schema.alterTable('whatsapp_sessions').dropColumn('country_code').execute();
}
