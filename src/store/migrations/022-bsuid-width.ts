import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * `whatsapp_sessions.bsuid` was `varchar(128)` (001), but a parent BSUID is 135 characters
 * (`CC.ENT.` + 128): pairing a phone with one failed on PostgreSQL. Widened to 160 as the user-key
 * columns were (002, 016); SQLite does not enforce varchar lengths.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table whatsapp_sessions alter column bsuid type varchar(160)`.execute(db);
}

export async function down(): Promise<void> {
  // Narrowing could cut stored BSUIDs: left as it is.
}
