import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { stripNulParams } from './strip-nul.js';

export type DbKind = 'sqlite' | 'postgres';

export interface DbTarget {
  kind: DbKind;
  /** File path for SQLite (or ':memory:'); connection string for PostgreSQL. */
  location: string;
}

export const DEFAULT_SQLITE_PATH = './data/nexora.db';

/** `DATABASE_URL` unset → SQLite under ./data; postgres:// → PostgreSQL; a path or sqlite: URL → SQLite. */
export function resolveDbTarget(databaseUrl: string | undefined): DbTarget {
  const url = databaseUrl?.trim();
  if (!url) return { kind: 'sqlite', location: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', location: url };
  if (/^sqlite:/i.test(url)) {
    // sqlite:///abs/path, sqlite://./rel, sqlite:rel, sqlite::memory:
    const rest = url.replace(/^sqlite:(\/\/)?/i, '');
    return { kind: 'sqlite', location: rest === '' ? DEFAULT_SQLITE_PATH : rest };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    throw new Error(`DATABASE_URL: unsupported scheme in "${url.split(':')[0]}://…"`);
  return { kind: 'sqlite', location: url };
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  /** A short description safe for logs (no password). */
  describe: string;
}

// int8 (bigint) and numeric come back from pg as strings; every such column here holds epoch
// milliseconds, ids or USD amounts, all well inside Number's exact range.
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser(oid, format) {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format) as unknown;
  },
};

export function createDb(target: DbTarget, opts: { poolSize?: number } = {}): DbHandle {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.location,
      max: opts.poolSize ?? 10,
      types: pgTypes,
      connectionTimeoutMillis: 5_000,
    });
    // A client losing its connection (database restarted, network cut) must not crash the process:
    // the query in progress fails (the webhook answers 503, the worker retries) and the pool drops
    // the broken client. Idle clients report through the pool, checked-out ones on themselves.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
      stripNulOnQuery(client);
    });
    const u = new URL(target.location);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      kind: 'postgres',
      describe: `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`,
    };
  }
  const file = target.location;
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // Wait a little for another writer (the CLI, a backup), then fail so the webhook answers 503.
  sqlite.pragma('busy_timeout = 3000');
  sqlite.pragma('foreign_keys = ON');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }) }),
    kind: 'sqlite',
    describe: `sqlite:${file}`,
  };
}

/** Every statement this client runs binds its strings without U+0000 (see strip-nul.ts). */
function stripNulOnQuery(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, params?: unknown, ...rest: unknown[]) =>
    query(text, stripNulParams(params), ...rest);
}

/**
 * better-sqlite3 behind Kysely, with three changes measured by the benchmark:
 * - prepared statements are kept (bounded LRU) instead of prepared again on every query, which was
 *   a tenth of the server's CPU under load; a statement still busy (a streaming read) is not reused;
 * - transactions start with BEGIN IMMEDIATE: every transaction here writes, and taking the write
 *   lock up front lets SQLite's busy timeout wait for another process (the CLI) instead of failing
 *   on a read-to-write upgrade;
 * - bound strings lose U+0000, as on PostgreSQL (see strip-nul.ts), so both databases store the same.
 */
function cachingDatabase(sqlite: SQLite.Database, max = 256) {
  // Each entry keeps its NUL-safe wrapper: building the wrapper's closures on every query was ~2% of
  // the server's CPU in the burst benchmark.
  const cache = new Map<string, { raw: SQLite.Statement; safe: SQLite.Statement }>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      const text = sql === 'begin' ? 'begin immediate' : sql;
      const cached = cache.get(text);
      if (cached && !cached.raw.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached.safe;
      }
      const raw = sqlite.prepare(text);
      const entry = { raw, safe: nulSafe(raw) };
      if (!cached) {
        cache.set(text, entry);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
      }
      return entry.safe;
    },
  };
}

/** The statement's methods Kysely calls, with their parameters cleaned of U+0000. */
function nulSafe(statement: SQLite.Statement): SQLite.Statement {
  return {
    reader: statement.reader,
    all: (params: unknown) => statement.all(stripNulParams(params)),
    run: (params: unknown) => statement.run(stripNulParams(params)),
    iterate: (params: unknown) => statement.iterate(stripNulParams(params)),
  } as unknown as SQLite.Statement;
}
