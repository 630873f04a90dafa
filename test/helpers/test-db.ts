// Every database test runs on SQLite and on PostgreSQL. Each test gets its own SQLite file or its
// own PostgreSQL schema, so tests never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import type { DbKind } from '../../src/store/create-db.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgCheck: Promise<boolean> | null = null;
/** Whether PostgreSQL answers; in CI its absence is an error, never a silent skip. */
export function postgresAvailable(): Promise<boolean> {
  pgCheck ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgCheck;
}

export interface TestDatabase {
  kind: DbKind;
  /** A DATABASE_URL for this test only (a SQLite file, or PostgreSQL with its own search_path). */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'nexora-test-'));
    return { kind, url: join(dir, 'bot.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!(await postgresAvailable())) {
    throw new Error(`PostgreSQL is not reachable at ${PG_URL}: start it (see README) or set TEST_DATABASE_URL`);
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const sep = PG_URL.includes('?') ? '&' : '?';
  return {
    kind,
    url: `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

const pgReachable = await postgresAvailable();
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** The databases this run covers: both in CI (where a missing PostgreSQL fails the run), else what answers. */
export const DB_KINDS: DbKind[] = pgReachable || inCi ? ['sqlite', 'postgres'] : ['sqlite'];

/** `describe` once per database. */
export function describeEachDb(name: string, body: (kind: DbKind) => void): void {
  for (const kind of DB_KINDS) describe(`${name} [${kind}]`, () => body(kind));
}
