import type { Kysely } from 'kysely';

/**
 * The dashboard's daily roll-up (issue 14's performance part): one row per closed UTC day
 * with that day's message counts, reply-time percentiles, delivery outcomes and error codes, and the
 * day's active users grouped by the day each was last active before (so "active conversations" over
 * any range of days is an exact sum, not a count(distinct) over a million rows). Written by
 * src/pipeline/dashboard-rollup-job.ts (ops/dashboard-days.ts); a cache of figures the messages define:
 * a missing day is computed from the messages instead, so dropping a row is always safe.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dashboard_days')
    // Days since 1970-01-01 UTC (timestamp / 86,400,000).
    .addColumn('day', 'integer', (c) => c.primaryKey())
    .addColumn('messages_in', 'integer', (c) => c.notNull())
    .addColumn('messages_out', 'integer', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addColumn('p50_ms', 'bigint')
    .addColumn('p95_ms', 'bigint')
    .addColumn('sent', 'integer', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull())
    .addColumn('read_n', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('pending', 'integer', (c) => c.notNull())
    // JSON: [{ "code": 131047 | null, "title": "…" | null, "n": 3 }]
    .addColumn('errors', 'text', (c) => c.notNull())
    // JSON: [[prevDay | null, users]]: the day's active users by the day each was last active before.
    .addColumn('active', 'text', (c) => c.notNull())
    // JSON: [[option, uses, [[prevDay | null, users]]]] and [[budget in USD, count]], from conversation_events.
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('budgets', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
  // The funnel by cohort day (the users whose first message fell on it, and how far they went by
  // `computed_at`): used while no later option event or lead of its users says otherwise.
  await db.schema
    .createTable('dashboard_cohorts')
    .addColumn('day', 'integer', (c) => c.primaryKey())
    .addColumn('users', 'integer', (c) => c.notNull())
    .addColumn('chose', 'integer', (c) => c.notNull())
    .addColumn('form', 'integer', (c) => c.notNull())
    .addColumn('leads', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dashboard_cohorts').ifExists().execute();
  await db.schema.dropTable('dashboard_days').ifExists().execute();
}
