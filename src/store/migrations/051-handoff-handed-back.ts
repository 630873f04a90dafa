import type { Kysely } from 'kysely';

/**
 * When a person last handed the conversation back to the bot (resolve or timeout; issue 15). The
 * client's first message after it gets the menu. `updated_at` could not tell: a client who cancels
 * their own request (`menu`) also moves it, and their next choice ("1") was answered with the menu again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_handoffs').addColumn('handed_back_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_handoffs').dropColumn('handed_back_at').execute();
}
