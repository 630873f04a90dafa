import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * The tables that arrived after 002 (leads work, handoff) keyed users with `varchar(64)`, as 001 did:
 * a BSUID is up to 135 characters (`CC.ENT.` + 128), so moving a user to a long BSUID, or a message
 * from one, would fail on PostgreSQL. Widened like 002 did; SQLite does not enforce varchar lengths.
 */
const USER_KEY_COLUMNS: [string, string][] = [
  ['conversation_handoffs', 'phone'],
  ['handoff_events', 'phone'],
  ['conversation_events', 'phone'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, column] of USER_KEY_COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type varchar(160)`.execute(db);
  }
}

export async function down(): Promise<void> {
  // Narrowing could cut stored BSUIDs: left as it is.
}
