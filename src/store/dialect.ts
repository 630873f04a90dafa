// The few places where SQLite and PostgreSQL must be spoken to differently, behind one function each
// (house style: no dialect-only SQL outside store/). Each is tested on both databases.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serialises transactions that touch the same key (e.g. one wamid) across processes.
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: a write transaction already excludes
 * every other writer, so nothing more is needed.
 */
export async function lockKey(trx: Kysely<any>, key: string): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/**
 * lockKey for several keys, in one round trip: taken in sorted order (the array's order), so two
 * transactions locking overlapping sets cannot deadlock.
 */
export async function lockKeys(trx: Kysely<any>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0 || !isPostgres(trx)) return;
  const sorted = [...new Set(keys)].sort();
  // unnest yields the elements in array order, and each row's lock is taken as the row is produced.
  await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sorted}::text[]) as k`.execute(trx);
}

/**
 * `FOR UPDATE SKIP LOCKED` where the database has it. On SQLite the single writer makes row locks
 * meaningless, so the clause is simply left out.
 */
export function lockingClause(db: Kysely<any>, mode: 'skip' | 'wait') {
  if (!isPostgres(db)) return sql``;
  return mode === 'skip' ? sql` for update skip locked` : sql` for update`;
}
