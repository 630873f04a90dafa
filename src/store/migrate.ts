import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { isPostgres } from './dialect.js';
import * as m001 from './migrations/001-initial.js';

// Listed here rather than read from a folder, so the same code runs from TypeScript and compiled JS.
const migrations: Record<string, Migration> = {
  '001-initial': m001,
};

export async function createMigrator(db: Kysely<any>): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables by name in every schema unless told which one: name the
  // schema we run in, so a database with several schemas (one per test, or per tenant) works.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema });
}

/** Brings the schema up to date; idempotent. Throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result: MigrationResultSet = await (await createMigrator(db)).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String((result.error as Error)?.message ?? result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has run (used by /ready). */
export async function migrationsAreCurrent(db: Kysely<any>): Promise<boolean> {
  const list = await (await createMigrator(db)).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}

export const LATEST_MIGRATION = Object.keys(migrations).at(-1);
