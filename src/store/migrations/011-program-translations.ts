import type { Kysely } from 'kysely';

/**
 * Program texts in other languages (issue 16): JSON text `{ "<tag>": { "description"?, "processingTime"? } }`,
 * null when the program has none. The row's own columns stay the English text and the fallback.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('investment_programs').addColumn('translations', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('investment_programs').dropColumn('translations').execute();
}
