// The server under test: a fresh database (SQLite file or PostgreSQL schema), the real server as
// its own process, its exit and its log checked afterwards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSINESS } from '../test/helpers/payloads.js';
import { liveDatabases, problems, runDir, say, state } from './context.js';
import {
  countMessages,
  createPostgresDatabase,
  createSqliteDatabase,
  migrate,
  prefillHistory,
  type BenchDatabase,
  type BenchDbKind,
} from './databases.js';
import { APP_SECRET } from './driver/http.js';
import type { LeanFakeGraph } from './fake-graph.js';
import { BENCH_TOKEN, CURRENCY_RATES_FILE, opts, pgUrl, PROGRAMS_FILE } from './flags.js';
import { freePort, startChild, type ServerChild } from './processes.js';

export interface BotOptions {
  markRead: boolean;
  rate: number;
  historyRows?: number;
  nodeArgs?: string[];
  preload?: string;
  /** How long the server may take to answer its health route (default 60 s; a big database on a loaded machine needs more). */
  readyTimeoutMs?: number;
  extraEnv?: Record<string, string>;
  /** More data after the history pre-fill (the schema is migrated first), before the server starts. */
  seed?: (db: BenchDatabase) => Promise<void>;
}

export interface BotRun<T> {
  value: T;
  rssMb: number;
  exitCode: number | null;
  logErrors: string[];
  prefill?: { rows: number; users: number; ms: number; counted: number };
}

function serverEnv(db: BenchDatabase, graph: LeanFakeGraph, o: BotOptions): Record<string, string> {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    WHATSAPP_TOKEN: BENCH_TOKEN,
    PHONE_NUMBER_ID: BUSINESS.phoneNumberId,
    VERIFY_TOKEN: 'bench-verify-token',
    APP_SECRET,
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    GRAPH_API_URL: graph.url,
    GRAPH_API_VERSION: 'v24.0',
    LOG_LEVEL: 'warn',
    SEND_RATE_PER_SECOND: String(o.rate),
    MARK_READ: o.markRead ? 'true' : 'false',
    // No .env from the working tree: only what is set here.
    DOTENV_CONFIG_PATH: join(runDir, 'no.env'),
    DOTENV_CONFIG_QUIET: 'true',
    PROGRAMS_FILE,
    CURRENCY_RATES_FILE,
    // BENCH_SERVER_ENV='WORKER_CONCURRENCY=4 …' tries server settings without editing the code.
    ...Object.fromEntries(
      (process.env.BENCH_SERVER_ENV ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((kv) => kv.split(/=(.*)/s).slice(0, 2) as [string, string]),
    ),
    ...o.extraEnv,
  };
}

/** Pino lines at error level or above in a server log (a crash, a failed transaction…). */
function errorLines(file: string): string[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const level = /"level":(\d+)/.exec(line)?.[1];
    if ((level !== undefined && Number(level) >= 50) || /Error|error:/.test(line)) out.push(line.slice(0, 400));
  }
  return out;
}

export async function withBot<T>(
  name: string,
  kind: BenchDbKind,
  graph: LeanFakeGraph,
  botOptions: BotOptions,
  fn: (server: ServerChild) => Promise<T>,
): Promise<BotRun<T>> {
  const o: BotOptions = { ...botOptions };
  if (o.preload === undefined && opts.serverPreload !== undefined) o.preload = opts.serverPreload;
  const db = kind === 'sqlite' ? createSqliteDatabase() : await createPostgresDatabase(pgUrl!);
  liveDatabases.add(db);
  let server: ServerChild | null = null;
  try {
    let prefill: BotRun<T>['prefill'];
    if (o.historyRows !== undefined && o.historyRows > 0) {
      say(`  migrating and pre-filling ${o.historyRows.toLocaleString('en-US')} history rows (${kind})…`);
      await migrate(db);
      const p = await prefillHistory(db, o.historyRows);
      const counted = await countMessages(db);
      prefill = { ...p, counted };
      say(
        `  pre-filled ${counted.toLocaleString('en-US')} rows for ${p.users.toLocaleString('en-US')} users in ${(p.ms / 1000).toFixed(1)} s`,
      );
    }
    if (o.seed) {
      if (prefill === undefined) await migrate(db);
      await o.seed(db);
    }
    graph.reset();
    const logFile = join(runDir, `${name}-${kind}.log`);
    const compiled = state.serverScript !== 'src/main.ts' && o.preload === undefined;
    server = await startChild({
      script: compiled ? state.serverScript : 'src/main.ts',
      plainNode: compiled,
      env: serverEnv(db, graph, o),
      port: await freePort(),
      logFile,
      ...(o.nodeArgs ? { nodeArgs: o.nodeArgs } : {}),
      ...(o.preload ? { preload: o.preload } : {}),
      ...(o.readyTimeoutMs ? { readyTimeoutMs: o.readyTimeoutMs } : {}),
    });
    const s = server;
    const value = await fn(s);
    const aliveAfter = s.alive();
    const rssMb = s.memory().hwmMb;
    const exitCode = await s.stop();
    server = null;
    const logErrors = errorLines(logFile);
    if (!aliveAfter) problems.push(`${name} (${kind}): the server process died during the run (see ${logFile})`);
    if (exitCode !== 0)
      problems.push(
        `${name} (${kind}): the server exited with ${exitCode === null ? 'a kill after the shutdown timeout' : `code ${exitCode}`}`,
      );
    if (logErrors.length > 0) {
      state.keepLogs = true;
      problems.push(
        `${name} (${kind}): ${logErrors.length} error lines in the server log ${logFile}, first: ${logErrors[0]}`,
      );
    }
    return { value, rssMb, exitCode, logErrors: logErrors.slice(0, 5), ...(prefill ? { prefill } : {}) };
  } catch (err) {
    state.keepLogs = true;
    throw err;
  } finally {
    if (server) await server.stop(5_000);
    graph.reset();
    await db.drop().catch((err: unknown) => say(`  could not drop ${db.where}: ${String(err)}`));
    liveDatabases.delete(db);
  }
}
