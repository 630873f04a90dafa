import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Canned replies (issue 15): texts an admin keeps for consultants to start a reply from. `language`
 * is a tag of i18n/languages.ts, or null for a reply offered whatever the client's language.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema.createTable('canned_replies');
  await (
    isPostgres(db)
      ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('title', 'varchar(80)', (c) => c.notNull())
    .addColumn('body', 'varchar(4096)', (c) => c.notNull())
    .addColumn('language', 'varchar(20)')
    .addColumn('updated_by', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('canned_replies').ifExists().execute();
}
