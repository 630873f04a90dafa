import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import { isPostgres } from '../dialect.js';

function withId<T extends string>(t: CreateTableBuilder<T, never>, pg: boolean): CreateTableBuilder<T, 'id'> {
  return pg
    ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);

  await withId(db.schema.createTable('whatsapp_messages'), pg)
    .addColumn('phone', 'varchar(64)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('direction', 'varchar(20)', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('message_id', 'varchar(128)', (c) => c.unique())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('locked_until', 'bigint')
    .addColumn('error_code', 'integer')
    .addColumn('error_title', 'text')
    .addColumn('reply_to', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .addColumn('sent_at', 'bigint')
    .execute();
  // History per user, and the seed's indexes.
  await db.schema.createIndex('idx_messages_phone_id').on('whatsapp_messages').columns(['phone', 'id']).execute();
  await db.schema.createIndex('idx_messages_timestamp').on('whatsapp_messages').column('timestamp').execute();
  // The hot queries only ever look at unfinished work: partial indexes keep them as small as the backlog,
  // however large the history grows.
  await db.schema
    .createIndex('idx_messages_inbound_pending')
    .on('whatsapp_messages')
    .columns(['phone', 'timestamp', 'id'])
    .where(sql.ref('status'), '=', 'received')
    .execute();
  // The processor's scan for users with work, in arrival order.
  await db.schema
    .createIndex('idx_messages_inbound_queue')
    .on('whatsapp_messages')
    .columns(['id'])
    .where(sql.ref('status'), '=', 'received')
    .execute();
  await db.schema
    .createIndex('idx_messages_outbound_pending')
    .on('whatsapp_messages')
    .columns(['id'])
    .where(sql<boolean>`status in ('queued', 'sending')`)
    .execute();
  await db.schema
    .createIndex('idx_messages_outbound_pending_phone')
    .on('whatsapp_messages')
    .columns(['phone', 'id'])
    .where(sql<boolean>`status in ('queued', 'sending') and type <> 'read'`)
    .execute();
  // Only failed rows (for retry-failed and the admin's list). An index on all statuses would tempt the
  // planner away from the partial queue indexes above, into sorting the whole backlog on every claim.
  await db.schema
    .createIndex('idx_messages_failed')
    .on('whatsapp_messages')
    .columns(['updated_at'])
    .where(sql.ref('status'), '=', 'failed')
    .execute();

  await withId(db.schema.createTable('whatsapp_statuses'), pg)
    .addColumn('message_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('recipient_id', 'varchar(64)')
    .addColumn('error_code', 'integer')
    .addColumn('error_title', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('uq_statuses_message_status', ['message_id', 'status'])
    .execute();

  await withId(db.schema.createTable('whatsapp_sessions'), pg)
    .addColumn('phone', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('current_step', 'varchar(100)', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity', 'bigint')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('bsuid', 'varchar(128)')
    .addColumn('profile_name', 'varchar(255)')
    .addColumn('last_inbound_at', 'bigint')
    .addColumn('country_of_interest', 'varchar(100)')
    .addColumn('opted_out', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_sessions_last_activity').on('whatsapp_sessions').column('last_activity').execute();

  await withId(db.schema.createTable('whatsapp_leads'), pg)
    .addColumn('phone', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(255)')
    .addColumn('email', 'varchar(255)')
    .addColumn('interest', 'varchar(100)')
    .addColumn('budget', 'bigint')
    .addColumn('country_of_interest', 'varchar(100)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  await db.schema.createIndex('idx_leads_created_at').on('whatsapp_leads').column('created_at').execute();

  await withId(db.schema.createTable('investment_programs'), pg)
    .addColumn('country', 'varchar(100)', (c) => c.notNull())
    .addColumn('category', 'varchar(50)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('minimum_investment', 'bigint', (c) => c.notNull())
    .addColumn('processing_time', 'varchar(100)', (c) => c.notNull())
    .addColumn('link', 'varchar(500)', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idx_programs_category_rank')
    .on('investment_programs')
    .columns(['category', 'rank'])
    .execute();

  await withId(db.schema.createTable('notifications'), pg)
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('phone', 'varchar(64)')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('idx_notifications_pending')
    .on('notifications')
    .columns(['next_attempt_at'])
    .where(sql<boolean>`status in ('pending', 'sending')`)
    .execute();
  await db.schema.createIndex('idx_notifications_phone').on('notifications').column('phone').execute();

  await db.schema
    .createTable('service_state')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('audit_log'), pg)
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor', 'varchar(32)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'audit_log',
    'service_state',
    'notifications',
    'investment_programs',
    'whatsapp_leads',
    'whatsapp_sessions',
    'whatsapp_statuses',
    'whatsapp_messages',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
