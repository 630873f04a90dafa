import type { Kysely } from 'kysely';

/**
 * When the operator who owns a conversation last looked at it (issue 15): a client message after
 * this (and after their last reply) is unread, and NOTIFY_AFTER_MINUTES later they are e-mailed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_handoffs').addColumn('seen_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_handoffs').dropColumn('seen_at').execute();
}
