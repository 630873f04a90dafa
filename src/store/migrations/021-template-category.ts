import type { Kysely } from 'kysely';

/**
 * A queued template's category (MARKETING, UTILITY, AUTHENTICATION) on its outbound row (issue 12):
 * when WhatsApp reports that the user stopped marketing messages (`user_preferences`), the marketing
 * templates still queued for them are cancelled, as a typed STOP cancels every queued reply.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('whatsapp_messages').addColumn('template_category', 'varchar(32)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('whatsapp_messages').dropColumn('template_category').execute();
}
