import type { AnyKysely } from '../store/dialect.js';
import { migrateDown, migrateToLatest, migrationsAreCurrent } from '../store/migrate.js';

/** `init-db` / `migrate`: creates or upgrades the schema; running it again changes nothing. */
export async function initDb(db: AnyKysely): Promise<{ applied: string[] }> {
  return { applied: await migrateToLatest(db) };
}

/** Whether every migration has run (commands other than init-db refuse to work on an old schema). */
export function schemaIsCurrent(db: AnyKysely): Promise<boolean> {
  return migrationsAreCurrent(db);
}

export type ResetDbResult =
  { ok: true; applied: string[] } | { ok: false; reason: 'production_without_force' | 'not_confirmed' };

/**
 * `reset-db`: every table dropped (all migrations undone) and created empty again, once confirmed.
 * Refused in production unless forced: it erases every conversation, lead and queued message.
 */
export async function resetDb(
  db: AnyKysely,
  opts: { production: boolean; force: boolean; confirm: () => Promise<boolean> },
): Promise<ResetDbResult> {
  // Refused before anyone is asked, so nobody confirms something that will not happen.
  if (opts.production && !opts.force) return { ok: false, reason: 'production_without_force' };
  if (!(await opts.confirm())) return { ok: false, reason: 'not_confirmed' };
  await migrateDown(db);
  return { ok: true, ...(await initDb(db)) };
}
