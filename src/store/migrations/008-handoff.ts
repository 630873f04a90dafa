import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Conversation ownership (issue 15): one row per user who ever asked for a human (no row = the bot
 * owns it), and every change of owner or status, with who made it and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('conversation_handoffs')
    .addColumn('phone', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('owner', 'varchar(10)', (c) => c.notNull())
    .addColumn('operator', 'varchar(128)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('requested_at', 'bigint')
    .addColumn('claimed_at', 'bigint')
    .addColumn('last_operator_reply_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idx_handoffs_status')
    .on('conversation_handoffs')
    .columns(['status', 'requested_at'])
    .execute();
  const events = db.schema.createTable('handoff_events');
  await (
    pg
      ? events.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : events.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('phone', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor', 'varchar(128)', (c) => c.notNull())
    .addColumn('event', 'varchar(20)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(40)', (c) => c.notNull())
    .addColumn('to_state', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Which operator wrote an outbound message (null: the bot).
  await db.schema.alterTable('whatsapp_messages').addColumn('operator', 'varchar(128)').execute();
  await db.schema.createIndex('idx_handoff_events_phone').on('handoff_events').columns(['phone', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('whatsapp_messages').dropColumn('operator').execute();
  await db.schema.dropTable('handoff_events').ifExists().execute();
  await db.schema.dropTable('conversation_handoffs').ifExists().execute();
}
