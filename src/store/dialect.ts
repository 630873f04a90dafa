// The few places where SQLite and PostgreSQL must be spoken to differently, behind one function each
// (house style: no dialect-only SQL outside store/). Each is tested on both databases.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** A database handle whatever its tables: what migrations and these helpers take (as Kysely's migration docs do). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<DB> is invariant in DB, so only `any` accepts every schema
export type AnyKysely = Kysely<any>;

export function isPostgres(db: AnyKysely): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serialises transactions that touch the same key (e.g. one wamid) across processes.
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: a write transaction already excludes
 * every other writer, so nothing more is needed.
 */
export async function lockKey(trx: AnyKysely, key: string): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/**
 * lockKey for several keys, in one round trip: taken in sorted order (the array's order), so two
 * transactions locking overlapping sets cannot deadlock.
 */
export async function lockKeys(trx: AnyKysely, keys: readonly string[]): Promise<void> {
  if (keys.length === 0 || !isPostgres(trx)) return;
  const sorted = [...new Set(keys)].sort();
  // unnest yields the elements in array order, and each row's lock is taken as the row is produced.
  await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sorted}::text[]) as k`.execute(trx);
}

/**
 * `FOR UPDATE SKIP LOCKED` where the database has it. On SQLite the single writer makes row locks
 * meaningless, so the clause is simply left out.
 */
export function lockingClause(db: AnyKysely, mode: 'skip' | 'wait') {
  if (!isPostgres(db)) return sql``;
  return mode === 'skip' ? sql` for update skip locked` : sql` for update`;
}
