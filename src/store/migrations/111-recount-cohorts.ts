import type { Kysely } from 'kysely';

/**
 * The funnel's steps now include every lead (a lead made through a WhatsApp Flow never chose menu
 * option 3, so "became a lead" could exceed "started the consultant form", up to 150%): forget the
 * stored cohort days, so the roll-up job (or the dashboard itself, for a day it finds missing)
 * computes them again with the new rule. Nothing else is lost: cohorts are derived data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.deleteFrom('dashboard_cohorts' as never).execute();
}

export async function down(): Promise<void> {
  // Derived data: nothing to restore.
}
