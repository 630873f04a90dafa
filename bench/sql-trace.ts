// A preload for the profiled server run (`node --import tsx --import ./bench/sql-trace.ts src/main.ts`):
// times every better-sqlite3 prepare and statement execution (wall time, two hrtime reads per call),
// grouped by SQL text, and writes the totals to $BENCH_SQL_TRACE_FILE when the process exits. In the
// CPU profile, time spent inside SQLite shows as the wrapper sqliteStatementCall (bench/sql-trace.ts).
// SQLite only; it changes nothing in the server's logic.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Entry {
  sql: string;
  calls: number;
  wallMs: number;
  prepares: number;
  prepareMs: number;
}

export interface SqlTraceFile {
  startedAt: number;
  writtenAt: number;
  statements: Entry[];
}

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

const require = createRequire(import.meta.url);
const target = process.env.BENCH_SQL_TRACE_FILE;

if (target) {
  const Database = require('better-sqlite3') as { prototype: Record<string, AnyFn> };
  const entries = new Map<string, Entry>();
  const startedAt = Date.now();

  /** Multi-row inserts differ only in how many "(?, ?, …)" tuples they carry: one key for all. */
  const keyOf = (sql: string): string =>
    sql
      .replace(/\s+/g, ' ')
      .replace(/(\((?:\?, )*\?\))(?:, \((?:\?, )*\?\))+/g, '$1, …')
      .replace(/in \((?:\?, )+\?\)/g, 'in (?, …)')
      .slice(0, 300);

  const entry = (sql: string): Entry => {
    const key = keyOf(sql);
    let e = entries.get(key);
    if (e === undefined) {
      e = { sql: key, calls: 0, wallMs: 0, prepares: 0, prepareMs: 0 };
      entries.set(key, e);
    }
    return e;
  };

  let statementPatched = false;
  const patchStatement = (proto: Record<string, AnyFn>): void => {
    for (const method of ['all', 'get', 'run', 'iterate']) {
      const original = proto[method];
      if (typeof original !== 'function') continue;
      const name = `sqlite ${method}`;
      // A named wrapper, so the CPU profile says where SQLite time goes.
      const sqliteStatementCall = {
        [name](this: unknown, ...args: unknown[]) {
          const t0 = process.hrtime.bigint();
          try {
            return original.apply(this, args);
          } finally {
            const e = entry((this as { source: string }).source);
            e.calls++;
            e.wallMs += Number(process.hrtime.bigint() - t0) / 1e6;
          }
        },
      }[name]!;
      proto[method] = sqliteStatementCall;
    }
  };

  const originalPrepare = Database.prototype.prepare!;
  Database.prototype.prepare = function (this: unknown, ...args: unknown[]) {
    const t0 = process.hrtime.bigint();
    const stmt = originalPrepare.apply(this, args) as object;
    const e = entry(String(args[0]));
    e.prepares++;
    e.prepareMs += Number(process.hrtime.bigint() - t0) / 1e6;
    if (!statementPatched) {
      statementPatched = true;
      patchStatement(Object.getPrototypeOf(stmt) as Record<string, AnyFn>);
    }
    return stmt;
  };

  // The benchmark sends SIGUSR2 when the measured part starts: forget the start-up and warm-up.
  process.on('SIGUSR2', () => entries.clear());

  process.on('exit', () => {
    const statements = [...entries.values()].sort((a, b) => b.wallMs + b.prepareMs - (a.wallMs + a.prepareMs));
    const file: SqlTraceFile = { startedAt, writtenAt: Date.now(), statements };
    writeFileSync(target, JSON.stringify(file, null, 1));
  });
}
