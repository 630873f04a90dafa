import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Working leads and measuring the funnel (issue 14): a lead's status, assignee and stored score;
 * every submission, status change, assignment and note as a lead event (history); and what each
 * user did in the conversation (menu option, category, budget) as conversation events, so the
 * dashboard and the score are computed from the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id = pg ? ('bigint' as const) : ('integer' as const);

  await db.schema
    .alterTable('whatsapp_leads')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('new'))
    .execute();
  // An operator id (text, so it needs no table to exist; the console's operators table holds them).
  await db.schema.alterTable('whatsapp_leads').addColumn('assignee_id', 'varchar(64)').execute();
  await db.schema
    .alterTable('whatsapp_leads')
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // JSON text: the reasons, one per scoring rule that gave points.
  await db.schema
    .alterTable('whatsapp_leads')
    .addColumn('score_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('whatsapp_leads').addColumn('scored_at', 'bigint').execute();
  await db.schema.createIndex('idx_leads_score').on('whatsapp_leads').columns(['score', 'id']).execute();
  await db.schema.createIndex('idx_leads_status').on('whatsapp_leads').columns(['status', 'created_at']).execute();

  const events = db.schema
    .createTable('lead_events')
    .addColumn('id', id, (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('lead_id', id, (c) => c.notNull().references('whatsapp_leads.id').onDelete('cascade'))
    // submitted, status, assigned, note
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // 'bot' for a submission on WhatsApp; else the operator's id
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    // JSON text: what the event says (fields submitted and what changed, from/to, the note's text)
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull());
  await events.execute();
  await db.schema.createIndex('idx_lead_events_lead').on('lead_events').columns(['lead_id', 'id']).execute();

  await db.schema
    .createTable('conversation_events')
    .addColumn('id', id, (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('phone', 'varchar(64)', (c) => c.notNull())
    // option, category, budget
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // the option's number, the category's name, or the budget in whole USD, as text
    .addColumn('value', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idx_conversation_events_kind')
    .on('conversation_events')
    .columns(['kind', 'created_at'])
    .execute();
  await db.schema
    .createIndex('idx_conversation_events_phone')
    .on('conversation_events')
    .columns(['phone', 'id'])
    .execute();
  // The dashboard's period queries.
  await db.schema.createIndex('idx_sessions_created_at').on('whatsapp_sessions').column('created_at').execute();
  await db.schema
    .createIndex('idx_messages_reply_to')
    .on('whatsapp_messages')
    .column('reply_to')
    .where(sql.ref('reply_to'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_events').ifExists().execute();
  await db.schema.dropTable('lead_events').ifExists().execute();
  await db.schema.dropIndex('idx_messages_reply_to').ifExists().execute();
  await db.schema.dropIndex('idx_sessions_created_at').ifExists().execute();
  await db.schema.dropIndex('idx_leads_status').ifExists().execute();
  await db.schema.dropIndex('idx_leads_score').ifExists().execute();
  for (const c of ['scored_at', 'score_reasons', 'score', 'assignee_id', 'status'])
    await db.schema.alterTable('whatsapp_leads').dropColumn(c).execute();
}
