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
 * `FOR UPDATE SKIP LOCKED` where the database has it. On SQLite the single writer makes row locks
 * meaningless, so the clause is simply left out.
 */
export function lockingClause(db: Kysely<any>, mode: 'skip' | 'wait') {
  if (!isPostgres(db)) return sql``;
  return mode === 'skip' ? sql` for update skip locked` : sql` for update`;
}
