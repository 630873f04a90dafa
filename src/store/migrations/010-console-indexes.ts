import type { Kysely } from 'kysely';

/**
 * Indexes for the console's queries (issue 14), chosen from their plans (`npm run bench --
 * --scenarios console` prints them):
 * - the dashboard's response time and delivery outcomes read one direction of messages over a period;
 *   without (direction, timestamp) SQLite drove the response-time join from every reply ever sent
 *   (`SCAN o USING INDEX idx_messages_reply_to`), whatever the period;
 * - the leads table filters by assignee and shows the newest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('idx_messages_direction_timestamp')
    .on('whatsapp_messages')
    .columns(['direction', 'timestamp'])
    .execute();
  await db.schema
    .createIndex('idx_leads_assignee')
    .on('whatsapp_leads')
    .columns(['assignee_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_leads_assignee').ifExists().execute();
  await db.schema.dropIndex('idx_messages_direction_timestamp').ifExists().execute();
}
