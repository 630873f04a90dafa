import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Users without a phone number (2026 usernames): a BSUID is up to 135 characters (`CC.ENT.` + 128),
 * longer than the 64 the user-key columns had; sessions remember the username and are found by
 * BSUID, so a message that carries only the BSUID joins the history of the phone it belongs to.
 * SQLite does not enforce varchar lengths, so the widening is PostgreSQL only.
 */
const USER_KEY_COLUMNS: [string, string][] = [
  ['whatsapp_messages', 'phone'],
  ['whatsapp_sessions', 'phone'],
  ['whatsapp_leads', 'phone'],
  ['notifications', 'phone'],
  ['whatsapp_statuses', 'recipient_id'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const [table, column] of USER_KEY_COLUMNS) {
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type varchar(160)`.execute(db);
    }
  }
  await db.schema.alterTable('whatsapp_sessions').addColumn('username', 'varchar(255)').execute();
  await db.schema.createIndex('idx_sessions_bsuid').on('whatsapp_sessions').column('bsuid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_sessions_bsuid').execute();
  await db.schema.alterTable('whatsapp_sessions').dropColumn('username').execute();
}
