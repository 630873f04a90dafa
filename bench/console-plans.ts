// The query plans behind each console page: runs the page's ops function on the bench database with
// every query captured, then asks the database how it runs each one (SQLite EXPLAIN QUERY PLAN,
// PostgreSQL EXPLAIN (ANALYZE) with its timing). Printed into the report.
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../src/store/schema.js';
import type { BenchDatabase } from './databases.js';
import { openBenchDb } from './console-data.js';

export interface PagePlan {
  page: string;
  queries: { sql: string; ms: number; plan: string[] }[];
}

async function explain(k: Kysely<Database>, kind: BenchDatabase['kind'], q: CompiledQuery): Promise<string[]> {
  const text = q.sql;
  const params = q.parameters as unknown[];
  if (kind === 'sqlite') {
    const rows = await k.executeQuery<{ detail: string }>({
      ...q,
      sql: `explain query plan ${text}`,
      parameters: params,
    });
    return rows.rows.map((r) => r.detail);
  }
  const rows = await k.executeQuery<{ 'QUERY PLAN': string }>({
    ...q,
    sql: `explain (analyze, costs off, buffers off) ${text}`,
    parameters: params,
  });
  return rows.rows.map((r) => r['QUERY PLAN']);
}

/** Runs `pages` (each an ops call) once, capturing their queries, and explains each query. */
export async function pagePlans(
  db: BenchDatabase,
  pages: { page: string; run: (k: Kysely<Database>) => Promise<unknown> }[],
): Promise<PagePlan[]> {
  let captured: { q: CompiledQuery; ms: number }[] = [];
  const k = openBenchDb(db, (q, ms) => captured.push({ q, ms }));
  const plain = openBenchDb(db);
  try {
    const out: PagePlan[] = [];
    for (const p of pages) {
      captured = [];
      await p.run(k);
      const queries = [];
      for (const c of captured)
        queries.push({
          sql: c.q.sql.replace(/\s+/g, ' ').slice(0, 400),
          ms: c.ms,
          plan: await explain(plain, db.kind, c.q),
        });
      out.push({ page: p.page, queries });
    }
    return out;
  } finally {
    await k.destroy();
    await plain.destroy();
  }
}

export function formatPlans(kind: string, plans: PagePlan[]): string {
  const lines = [`Query plans, console pages (${kind}):`];
  for (const p of plans) {
    lines.push(
      `  ${p.page}: ${p.queries.length} queries, ${p.queries.reduce((a, q) => a + q.ms, 0).toFixed(1)} ms in all`,
    );
    for (const q of p.queries) {
      lines.push(`    [${q.ms.toFixed(1)} ms] ${q.sql}`);
      for (const l of q.plan) lines.push(`        ${l}`);
    }
  }
  return lines.join('\n');
}
