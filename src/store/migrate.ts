import { Migrator, NO_MIGRATIONS, sql, type Migration, type MigrationResultSet } from 'kysely';
import { isPostgres, type AnyKysely } from './dialect.js';
import { errorMessage } from '../lib/error-text.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-user-identities.js';
import * as m005 from './migrations/005-console-operators.js';
import * as m006 from './migrations/006-leads-work.js';
import * as m007 from './migrations/007-user-language.js';
import * as m008 from './migrations/008-handoff.js';
import * as m009 from './migrations/009-meta-payloads.js';
import * as m010 from './migrations/010-console-indexes.js';
import * as m011 from './migrations/011-program-translations.js';
import * as m013 from './migrations/013-handoff-seen.js';
import * as m016 from './migrations/016-user-key-widths.js';
import * as m021 from './migrations/021-template-category.js';
import * as m061 from './migrations/061-media-files.js';
import * as m051 from './migrations/051-handoff-handed-back.js';
import * as m022 from './migrations/022-bsuid-width.js';
import * as m041 from './migrations/041-dashboard-days.js';
import * as m091 from './migrations/091-canned-replies.js';
import * as m111 from './migrations/111-recount-cohorts.js';

// Listed here rather than read from a folder, so the same code runs from TypeScript and compiled JS.
const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-user-identities': m002,
  '005-console-operators': m005,
  '006-leads-work': m006,
  '007-user-language': m007,
  '008-handoff': m008,
  '009-meta-payloads': m009,
  '010-console-indexes': m010,
  '011-program-translations': m011,
  '013-handoff-seen': m013,
  '016-user-key-widths': m016,
  '021-template-category': m021,
  '061-media-files': m061,
  '051-handoff-handed-back': m051,
  '022-bsuid-width': m022,
  '041-dashboard-days': m041,
  '091-canned-replies': m091,
  '111-recount-cohorts': m111,
};

export async function createMigrator(db: AnyKysely): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables by name in every schema unless told which one: name the
  // schema we run in, so a database with several schemas (one per test, or per tenant) works.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  // Numbers are handed out ahead to work that lands in any order (010 after 013, say): a database
  // that already ran a later number still takes an earlier one that arrives afterwards.
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableSchema,
    allowUnorderedMigrations: true,
  });
}

/**
 * Kysely's migrator looks for its table with a catalogue query over every schema of the database
 * (it calls pg_get_serial_sequence on every table's columns); a schema, table or column dropped by
 * someone else at that instant (another tenant, a test) fails it with 3F000, 42P01 or 42703. The
 * calls below are idempotent, so a few retries, a moment apart, are safe; a migration that is itself
 * wrong fails the same way every time and is reported after the last one.
 */
const CONCURRENT_DDL = new Set(['3F000', '42P01', '42703']);
async function retryIfSchemaVanished<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
      if (!CONCURRENT_DDL.has(code ?? '') || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 20 * i));
    }
  }
}

/**
 * Brings the schema up to date; idempotent. Throws with the failing migration's error.
 * On PostgreSQL, instances starting together take turns under an advisory lock: Kysely's own lock
 * row lives in a table that the first of them must create, and two creating it at once collide.
 */
export function migrateToLatest(db: AnyKysely): Promise<string[]> {
  if (!isPostgres(db)) return retryIfSchemaVanished(() => runMigrations(db));
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('nexora-bot:migrations'))`.execute(conn);
    try {
      return await retryIfSchemaVanished(() => runMigrations(conn));
    } finally {
      await sql`select pg_advisory_unlock(hashtext('nexora-bot:migrations'))`.execute(conn);
    }
  });
}

async function runMigrations(db: AnyKysely): Promise<string[]> {
  const result: MigrationResultSet = await (await createMigrator(db)).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${errorMessage(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has run (used by /ready). */
export function migrationsAreCurrent(db: AnyKysely): Promise<boolean> {
  return retryIfSchemaVanished(async () => {
    const list = await (await createMigrator(db)).getMigrations();
    return list.every((m) => m.executedAt !== undefined);
  });
}

export const LATEST_MIGRATION = Object.keys(migrations).at(-1);

/** Undoes every migration (drops every table): `reset-db`, before migrating up again. */
export function migrateDown(db: AnyKysely): Promise<void> {
  return retryIfSchemaVanished(async () => {
    // Kysely reports a failed migration in its result instead of throwing.
    const down = await (await createMigrator(db)).migrateTo(NO_MIGRATIONS);
    if (down.error)
      throw new Error(`dropping the schema failed: ${errorMessage(down.error)}`, {
        cause: down.error,
      });
  });
}
