// The console scenario's data on top of the history pre-fill: users spread over the last 30 days,
// leads for one user in ten (status, score, assignee, a submission event), menu options and budgets
// as conversation events, and one admin operator to sign in with.
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { addOperator } from '../src/ops/operators.js';
import type { Database } from '../src/store/schema.js';
import type { BenchDatabase } from './databases.js';

export const CONSOLE_ADMIN = { email: 'bench-admin@nexora.test', password: 'bench console password' };
const DAY_MS = 24 * 60 * 60 * 1000;
const STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
const INTERESTS = ['Europe Golden Visa', 'Caribbean Citizenship', 'Middle East Residency', 'Asia Pacific'];

/** A Kysely of our own on the bench database, with every query it runs handed to `onQuery` (for the plans). */
export function openBenchDb(db: BenchDatabase, onQuery?: (q: CompiledQuery, ms: number) => void): Kysely<Database> {
  const log = onQuery
    ? (e: { level: string; query: CompiledQuery; queryDurationMillis: number }) => {
        if (e.level === 'query') onQuery(e.query, e.queryDurationMillis);
      }
    : undefined;
  if (db.kind === 'sqlite')
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(db.url) }), ...(log && { log }) });
  const types: pg.CustomTypesConfig = {
    getTypeParser: (oid, format) =>
      oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
        ? (v: string) => Number(v)
        : (pg.types.getTypeParser(oid, format) as unknown),
  };
  const pool = new pg.Pool({ connectionString: db.url, max: 2, types });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log && { log }) });
}

async function inBatches<T>(items: T[], size: number, run: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}

/** Adds the console's data for `users` users (the history pre-fill made their sessions and messages). */
export async function seedConsoleData(db: BenchDatabase, users: number): Promise<{ leads: number; events: number }> {
  const k = openBenchDb(db);
  try {
    const now = Date.now();
    const since = now - 30 * DAY_MS;
    // Users beyond the history's (users > rows/10) get a session of their own, without messages.
    const existing = await k.selectFrom('whatsapp_sessions').select('phone').orderBy('phone').execute();
    const phones = existing.map((r) => r.phone);
    for (let u = phones.length; u < users; u++) phones.push(`4931${String(u).padStart(7, '0')}`);
    await inBatches(phones.slice(existing.length), 500, (batch) =>
      k
        .insertInto('whatsapp_sessions')
        .values(
          batch.map((phone) => ({
            phone,
            current_step: 'main_menu',
            metadata: '{}',
            created_at: since,
            updated_at: since,
            last_activity: since,
            is_active: 1,
            opted_out: 0,
          })),
        )
        .execute(),
    );
    // Spread the users' first contact over the 30 days (deterministic: by position).
    const created = (i: number) => since + Math.floor((i / phones.length) * 30 * DAY_MS);
    if (db.kind === 'sqlite')
      await sql`update whatsapp_sessions set created_at = ${since} + (rowid * ${Math.floor((30 * DAY_MS) / phones.length)})`.execute(
        k,
      );
    else
      await sql`update whatsapp_sessions s set created_at = ${since}::bigint + (r.n * ${Math.floor((30 * DAY_MS) / phones.length)})::bigint
        from (select phone, row_number() over (order by phone) as n from whatsapp_sessions) r where r.phone = s.phone`.execute(
        k,
      );

    const admin = await addOperator(
      k,
      { email: CONSOLE_ADMIN.email, display_name: 'Bench Admin', role: 'admin', password: CONSOLE_ADMIN.password },
      now,
    );
    const leadPhones = phones.filter((_, i) => i % 10 === 0);
    await inBatches(
      leadPhones.map((phone, j) => ({ phone, j, i: j * 10 })),
      500,
      (batch) =>
        k
          .insertInto('whatsapp_leads')
          .values(
            batch.map(({ phone, j, i }) => ({
              phone,
              name: `Bench Lead ${j}`,
              email: `lead${j}@example.com`,
              interest: INTERESTS[j % INTERESTS.length]!,
              budget: 50_000 + (j % 40) * 25_000,
              country_of_interest: j % 3 === 0 ? 'Portugal' : null,
              created_at: created(i),
              updated_at: created(i),
              status: STATUSES[j % STATUSES.length]!,
              assignee_id: j % 4 === 0 ? String(admin.id) : null,
              score: (j * 37) % 101,
              score_reasons: '[{"rule":"form_completed","points":12,"reason":"Completed the consultant form"}]',
              scored_at: created(i),
            })),
          )
          .execute(),
    );
    const leads = await k.selectFrom('whatsapp_leads').select(['id', 'created_at']).execute();
    await inBatches(leads, 500, (batch) =>
      k
        .insertInto('lead_events')
        .values(
          batch.map((l) => ({
            lead_id: l.id,
            kind: 'submitted' as const,
            actor: 'bot',
            details: '{"fields":{},"changes":null}',
            created_at: Number(l.created_at),
          })),
        )
        .execute(),
    );
    // Each user chose an option (1-6) and one in three typed a budget.
    const events = phones.flatMap((phone, i) => [
      { phone, kind: 'option' as const, value: String((i % 6) + 1), created_at: created(i) + 60_000 },
      ...(i % 3 === 0
        ? [
            {
              phone,
              kind: 'budget' as const,
              value: String(40_000 + (i % 50) * 20_000),
              created_at: created(i) + 120_000,
            },
          ]
        : []),
    ]);
    await inBatches(events, 1000, (batch) => k.insertInto('conversation_events').values(batch).execute());
    // What autovacuum does soon after a bulk load; SQLite gets no ANALYZE (the server never runs one).
    if (db.kind === 'postgres') await sql`analyze`.execute(k);
    return { leads: leads.length, events: events.length };
  } finally {
    await k.destroy();
  }
}
