import type { Kysely } from 'kysely';

/**
 * The user's language (issue 16): a BCP 47 tag of ours (i18n/languages.ts), detected from the first
 * message or chosen from the language menu; null until either happens (the bot then speaks English
 * and tries to detect again on the next message).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('whatsapp_sessions').addColumn('language', 'varchar(16)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('whatsapp_sessions').dropColumn('language').execute();
}
