// The benchmark (issue 6): `npm run bench [-- flags]`. See bench/README.md.
//
// Starts the real server as its own process (SQLite file in a temp dir; PostgreSQL too when
// BENCH_DATABASE_URL is set, a fresh schema per run), a lean fake Graph API on loopback, and a load
// driver that posts signed, real-shaped webhooks. Runs a ceiling (a minimal Node server with no
// database and no logic) first; our figures are reported as a fraction of it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUSINESS } from '../test/helpers/payloads.js';
import {
  countMessages,
  createPostgresDatabase,
  createSqliteDatabase,
  dropLeftoverSchemas,
  migrate,
  postgresReachable,
  prefillHistory,
  type BenchDatabase,
  type BenchDbKind,
} from './databases.js';
import { performance } from 'node:perf_hooks';
import {
  APP_SECRET,
  burstPlan,
  checkRate,
  CONVERSATION,
  ratePlan,
  runConversation,
  runLoad,
  type ConversationResult,
  type LoadPlan,
  type LoadResult,
  type RateCheck,
} from './driver.js';
import { startLeanFakeGraph, type LeanFakeGraph } from './fake-graph.js';
import { freePort, killAllChildren, readSchedstat, ROOT, startChild, type ServerChild } from './processes.js';
import {
  findProfile,
  formatProfile,
  formatSqlTrace,
  summariseProfile,
  summariseSqlTrace,
  type ProfileSummary,
  type SqlSummary,
} from './profile-summary.js';
import type { Percentiles } from './stats.js';

// ------------------------------------------------------------------------------------------------
// Flags
// ------------------------------------------------------------------------------------------------

const ALL_SCENARIOS = ['ceiling', 'burst', 'conversation', 'statuses', 'history', 'rate', 'memory'] as const;
type Scenario = (typeof ALL_SCENARIOS)[number];

const { values: flags } = parseArgs({
  options: {
    users: { type: 'string' },
    'conv-users': { type: 'string' },
    scenarios: { type: 'string' },
    'history-rows': { type: 'string' },
    'graph-latency-ms': { type: 'string' },
    json: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'rate-users': { type: 'string' },
    'rate-multi-users': { type: 'string' },
    'in-flight': { type: 'string' },
    'drain-timeout-ms': { type: 'string' },
    'think-ms': { type: 'string' },
    'max-minutes': { type: 'string' },
    warmup: { type: 'string' },
    'no-noread': { type: 'boolean', default: false },
    compiled: { type: 'boolean', default: false },
    cold: { type: 'boolean', default: false },
    'server-preload': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (flags.help) {
  process.stdout.write(`npm run bench -- [flags]
  --users N              burst users (default 5000; --quick 300)
  --conv-users N         conversation users at once (default 50; --quick 5)
  --scenarios list       ${ALL_SCENARIOS.join(',')} (default all)
  --history-rows N       rows pre-filled for the history scenario (default 1000000; --quick 20000)
  --graph-latency-ms N   latency the fake Graph API adds to every answer (default 0)
  --rate-users N         users saying "hi" in the rate scenario (default 800; --quick 160) (+ --rate-multi-users, default 20, with 3 messages each)
  --in-flight N          webhooks in flight (default 64)
  --warmup N             users saying "hi" to each fresh server before measuring, not counted (default 500; --quick 50)
  --json FILE            results file (default bench/results/latest.json)
  --profile              also run one SQLite burst with the server under --cpu-prof (bench/results/profile) and summarise it
  --no-noread            skip the MARK_READ=false burst line
  --compiled             compile src/ with tsconfig.build.json into bench/results/build and run the server with plain
                         node (as \`npm run build && node dist/main.js\` would) instead of node --import tsx src/main.ts
  --server-preload FILE  import this module into every bot server before src/main.ts (experiments, e.g.
                         instrumentation or a monkey-patch to test a hypothesis); not with --compiled
  --cold                 do not open the driver's connections before the clock starts
  --quick                a small smoke run
  BENCH_DATABASE_URL=postgres://… runs every scenario on PostgreSQL too (a fresh schema per run)
`);
  process.exit(0);
}

const quick = flags.quick;
const int = (v: string | undefined, def: number): number => {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number: ${v}`);
  return Math.floor(n);
};
const opts = {
  users: int(flags.users, quick ? 300 : 5000),
  convUsers: int(flags['conv-users'], quick ? 5 : 50),
  historyRows: int(flags['history-rows'], quick ? 20_000 : 1_000_000),
  graphLatencyMs: int(flags['graph-latency-ms'], 0),
  rateUsers: int(flags['rate-users'], quick ? 160 : 800),
  rateMultiUsers: int(flags['rate-multi-users'], 20),
  inFlight: Math.max(1, int(flags['in-flight'], 64)),
  drainTimeoutMs: int(flags['drain-timeout-ms'], 30_000),
  thinkMs: int(flags['think-ms'], 0),
  warmup: int(flags.warmup, quick ? 50 : 500),
  maxMinutes: int(flags['max-minutes'], quick ? 10 : 60),
  json: resolve(flags.json ?? join(ROOT, 'bench/results/latest.json')),
  profile: flags.profile,
  noread: !flags['no-noread'],
  compiled: flags.compiled,
  cold: flags.cold,
  serverPreload: flags['server-preload'],
  quick,
};
const scenarios = new Set<Scenario>(
  (flags.scenarios ?? ALL_SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      if (!(ALL_SCENARIOS as readonly string[]).includes(s))
        throw new Error(`unknown scenario "${s}" (known: ${ALL_SCENARIOS.join(', ')})`);
      return s as Scenario;
    }),
);
const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;

const RATE = 80;
const BUILD_DIR = join(ROOT, 'bench/results/build');
/** The catalogue the server would load by default (src/store/seed-programs.ts), named explicitly so the compiled build finds it too. */
const PROGRAMS_FILE = existsSync(join(ROOT, '../shared/seed/programs.json'))
  ? resolve(ROOT, '../shared/seed/programs.json')
  : join(ROOT, 'data-seed/programs.json');
let serverScript = 'src/main.ts';
const BENCH_TOKEN = 'bench-token';

// ------------------------------------------------------------------------------------------------
// Output helpers
// ------------------------------------------------------------------------------------------------

const tty = process.stderr.isTTY === true;
let lastPlain = 0;
function progress(line: string): void {
  if (tty) {
    const width = process.stderr.columns ?? 160;
    process.stderr.write(`\r\x1b[K${line.slice(0, width - 1)}`);
  } else if (Date.now() - lastPlain > 5_000) {
    lastPlain = Date.now();
    process.stderr.write(`  … ${line}\n`);
  }
}
function say(line: string): void {
  if (tty) process.stderr.write('\r\x1b[K');
  process.stderr.write(`${line}\n`);
}

// ------------------------------------------------------------------------------------------------
// Cleanup: children, schemas and temp dirs on any exit; a global time bound.
// ------------------------------------------------------------------------------------------------

const liveDatabases = new Set<BenchDatabase>();
const runDir = mkdtempSync(join(os.tmpdir(), 'nexora-bench-run-'));
let keepLogs = false;

process.on('exit', () => {
  killAllChildren('SIGKILL');
  for (const db of liveDatabases) if (db.kind === 'sqlite') rmSync(dirname(db.where), { recursive: true, force: true });
  if (!keepLogs) rmSync(runDir, { recursive: true, force: true });
});
let interrupted = false;
async function abort(reason: string, code: number): Promise<never> {
  if (interrupted) process.exit(code);
  interrupted = true;
  say(`\n${reason}: stopping children and cleaning up…`);
  killAllChildren('SIGKILL');
  const bounded = new Promise((r) => setTimeout(r, 5_000).unref());
  await Promise.race([dropLeftoverSchemas(), bounded]);
  process.exit(code);
}
process.on('SIGINT', () => void abort('interrupted', 130));
process.on('SIGTERM', () => void abort('terminated', 143));
setTimeout(() => void abort(`time limit of ${opts.maxMinutes} minutes reached`, 1), opts.maxMinutes * 60_000).unref();

// ------------------------------------------------------------------------------------------------
// Results
// ------------------------------------------------------------------------------------------------

interface Row {
  scenario: string;
  db: string;
  users: number;
  ackPerSec: number;
  repliesPerSec: number;
  ratio: number | null;
  /** Replies per second of server CPU time: throughput with the machine's other load taken out. */
  perCpuSec: number;
  latency: Percentiles;
  ackP99: number;
  rssMb: number;
  lost: number;
  dup: number;
  notes: string[];
  detail: Record<string, unknown>;
}

const rows: Row[] = [];
const problems: string[] = [];
let ceilingRepliesPerSec: number | null = null;
let ceilingPort = -1;
let ceilingPerCpuSec: number | null = null;
let profileSummary: ProfileSummary | null = null;
let sqlSummary: SqlSummary | null = null;
let profiledRun: Record<string, unknown> | null = null;

function loadRow(scenario: string, db: string, r: LoadResult, rssMb: number, extra: Partial<Row> = {}): Row {
  const notes: string[] = [];
  if (r.ackErrors > 0) notes.push(`${r.ackErrors} webhook errors (${r.errorSamples.join('; ')})`);
  if (r.short > 0) notes.push(`${r.short} users short of replies`);
  if (r.drainTimedOut) notes.push('drain timed out');
  return {
    scenario,
    db,
    users: r.users,
    ackPerSec: r.ackPerSec,
    repliesPerSec: r.repliesPerSec,
    ratio: ceilingRepliesPerSec ? r.repliesPerSec / ceilingRepliesPerSec : null,
    perCpuSec: NaN,
    latency: r.e2e,
    ackP99: r.ack.p99,
    rssMb,
    lost: r.lost,
    dup: r.dup,
    notes,
    detail: { ...r, timing: undefined },
    ...extra,
  };
}

// ------------------------------------------------------------------------------------------------
// The server under test
// ------------------------------------------------------------------------------------------------

interface BotOptions {
  markRead: boolean;
  rate: number;
  historyRows?: number;
  nodeArgs?: string[];
  preload?: string;
  extraEnv?: Record<string, string>;
}

interface BotRun<T> {
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
    // BENCH_SERVER_ENV='WORKER_CONCURRENCY=4 …' tries server settings without editing the code.
    ...Object.fromEntries(
      (process.env.BENCH_SERVER_ENV ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((kv) => kv.split(/=(.*)/s).slice(0, 2)),
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

async function withBot<T>(
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
    graph.reset();
    const logFile = join(runDir, `${name}-${kind}.log`);
    const compiled = serverScript !== 'src/main.ts' && o.preload === undefined;
    server = await startChild({
      script: compiled ? serverScript : 'src/main.ts',
      plainNode: compiled,
      env: serverEnv(db, graph, o),
      port: await freePort(),
      logFile,
      ...(o.nodeArgs ? { nodeArgs: o.nodeArgs } : {}),
      ...(o.preload ? { preload: o.preload } : {}),
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
      keepLogs = true;
      problems.push(
        `${name} (${kind}): ${logErrors.length} error lines in the server log ${logFile}, first: ${logErrors[0]}`,
      );
    }
    return { value, rssMb, exitCode, logErrors: logErrors.slice(0, 5), ...(prefill ? { prefill } : {}) };
  } catch (err) {
    keepLogs = true;
    throw err;
  } finally {
    if (server) await server.stop(5_000);
    graph.reset();
    await db.drop().catch((err: unknown) => say(`  could not drop ${db.where}: ${String(err)}`));
    liveDatabases.delete(db);
  }
}

const loadDefaults = (graph: LeanFakeGraph, server: ServerChild) => ({
  serverUrl: server.url,
  // Connections are opened before the clock starts (a cold-connection stall is reported apart: --cold).
  ...(opts.cold ? {} : { preconnectPath: server.port === ceilingPort ? '/' : '/webhook/health' }),
  graph,
  inFlight: opts.inFlight,
  drainTimeoutMs: opts.drainTimeoutMs,
  quietMs: 1_000,
  progress,
  rssMb: () => server.memory().currentMb,
});

const tag = (s: string, kind: string): string => `${s}_${kind}_${Date.now().toString(36)}`;

interface CpuShare {
  /** CPU time used ÷ wall time, first post → last expected reply, in % of one core. */
  server: number;
  driver: number;
  /** Time the process's threads waited in the run queue for a core ÷ wall time, %: other load on the machine. */
  serverWait: number;
  driverWait: number;
  /** 1-minute load average at the end. */
  loadAvg: number;
}

type Measured = LoadResult & { cpu: CpuShare };

/** Starts measuring the CPU share of the server and of this process; call the result to read it. */
function cpuProbe(server: ServerChild): () => CpuShare {
  const c0 = server.cpuSeconds();
  const p0 = process.cpuUsage();
  const s0 = server.schedstat();
  const d0 = readSchedstat('self');
  const w0 = performance.now();
  return () => {
    const wall = (performance.now() - w0) / 1000;
    const p = process.cpuUsage(p0);
    const s1 = server.schedstat();
    const d1 = readSchedstat('self');
    return {
      server: ((server.cpuSeconds() - c0) / wall) * 100,
      driver: ((p.user + p.system) / 1e6 / wall) * 100,
      serverWait: ((s1.waitNs - s0.waitNs) / 1e9 / wall) * 100,
      driverWait: ((d1.waitNs - d0.waitNs) / 1e9 / wall) * 100,
      loadAvg: os.loadavg()[0] ?? NaN,
    };
  };
}

/** runLoad, plus the CPU share of the server and of this process (driver + fake Graph) while it ran. */
async function measuredLoad(
  server: ServerChild,
  graph: LeanFakeGraph,
  plan: LoadPlan,
  statuses: boolean,
  traced = false,
): Promise<Measured> {
  let probe: (() => CpuShare) | null = null;
  let cpu: CpuShare = { server: NaN, driver: NaN, serverWait: NaN, driverWait: NaN, loadAvg: NaN };
  const r = await runLoad(plan, {
    ...loadDefaults(graph, server),
    statuses,
    onStart: () => {
      // The SQL trace preload resets its totals on SIGUSR2 (only ever sent to a traced server).
      if (traced) server.signal('SIGUSR2');
      probe = cpuProbe(server);
    },
    onDrained: () => {
      if (probe) cpu = probe();
    },
  });
  return { ...r, cpu };
}

/**
 * Warms a fresh server up (JIT, connection pools, SQLite page cache) with `users` users saying "hi"
 * (and, for the conversation, two users running the whole script), then forgets what the fake
 * Graph API saw. Not measured.
 */
async function warmUp(server: ServerChild, graph: LeanFakeGraph, users: number, conversation = false): Promise<void> {
  if (users <= 0) return;
  await runLoad(burstPlan('warm-up', users, '4919', tag('warm', 'up')), {
    ...loadDefaults(graph, server),
    statuses: false,
    quietMs: 300,
  });
  if (conversation) {
    await runConversation({
      serverUrl: server.url,
      graph,
      users: 2,
      prefix: '4918',
      tag: tag('warmconv', 'up'),
      stepTimeoutMs: 15_000,
      thinkMs: 0,
      quietMs: 300,
      progress,
    });
  }
  graph.reset();
}

/** Fills the row's replies per server CPU-second (and its ratio to the ceiling's, in the notes). */
function withCpu(row: Row, cpu: CpuShare, repliesPerSec = row.repliesPerSec): Row {
  row.perCpuSec = cpu.server > 0 ? repliesPerSec / (cpu.server / 100) : NaN;
  row.detail.cpu = cpu;
  if (ceilingPerCpuSec && row.scenario !== 'ceiling' && Number.isFinite(row.perCpuSec)) {
    row.detail.cpuRatio = row.perCpuSec / ceilingPerCpuSec;
  }
  row.notes.push(cpuNote(cpu));
  return row;
}

const cpuNote = (c: CpuShare): string =>
  `CPU (% of one core): server ${f0(c.server)}% (+${f0(c.serverWait)}% waiting for a core), driver+fake Graph ${f0(c.driver)}% (+${f0(c.driverWait)}% waiting); load avg ${c.loadAvg.toFixed(1)}`;

// ------------------------------------------------------------------------------------------------
// Scenarios
// ------------------------------------------------------------------------------------------------

async function runCeiling(graph: LeanFakeGraph): Promise<void> {
  say(`▶ ceiling: minimal node:http server, ${opts.users} users, ${opts.inFlight} in flight`);
  graph.reset();
  ceilingPort = await freePort();
  const server = await startChild({
    script: 'bench/ceiling-server.ts',
    env: { GRAPH_API_URL: graph.url, PHONE_NUMBER_ID: BUSINESS.phoneNumberId, WHATSAPP_TOKEN: BENCH_TOKEN },
    port: ceilingPort,
    logFile: join(runDir, 'ceiling.log'),
    readyPath: '/',
  });
  try {
    await warmUp(server, graph, opts.warmup);
    const r = await measuredLoad(
      server,
      graph,
      burstPlan('ceiling', opts.users, '4914', tag('ceiling', 'none')),
      false,
    );
    const rss = server.memory().hwmMb;
    ceilingRepliesPerSec = r.repliesPerSec;
    const row = withCpu(loadRow('ceiling', '-', r, rss, { ratio: 1 }), r.cpu);
    ceilingPerCpuSec = Number.isFinite(row.perCpuSec) ? row.perCpuSec : null;
    rows.push(row);
  } finally {
    await server.stop(5_000);
    graph.reset();
  }
}

async function runBurst(kind: BenchDbKind, graph: LeanFakeGraph, markRead: boolean): Promise<Row> {
  const name = markRead ? 'burst' : 'burst-noread';
  say(`▶ ${name} (${kind}): ${opts.users} new users say "hi", MARK_READ=${markRead}`);
  const run = await withBot(name, kind, graph, { markRead, rate: 0 }, async (server) => {
    await warmUp(server, graph, opts.warmup);
    return measuredLoad(server, graph, burstPlan(`${name} ${kind}`, opts.users, '4915', tag(name, kind)), false);
  });
  const row = loadRow(name, kind, run.value, run.rssMb);
  row.notes.unshift(`MARK_READ=${markRead}${markRead ? ` (${run.value.reads} mark-reads)` : ''}`);
  withCpu(row, run.value.cpu);
  rows.push(row);
  return row;
}

/**
 * Resource bounds (issue 5): one server, two bursts of 2 × --users distinct new users each. Nothing
 * per user is held in memory, so the RSS after the second burst must be about the RSS after the
 * first; growth with the number of users would show here.
 */
async function runMemory(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const users = opts.users * 2;
  say(`▶ memory (${kind}): two bursts of ${users} distinct users on one server, RSS before and after`);
  const run = await withBot('memory', kind, graph, { markRead: true, rate: 0 }, async (server) => {
    await warmUp(server, graph, opts.warmup);
    // 200 users whose replies Meta refuses (131056) the whole time: their sends back off and retry
    // while the bursts run, and must not make memory grow either.
    const failing = burstPlan('failing', 200, '4920', tag('fail', kind));
    for (const phone of failing.phones) graph.failing.add(phone);
    for (const job of failing.jobs) {
      await fetch(`${server.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': job.body.sig },
        body: new Uint8Array(job.body.buf),
      });
    }
    const before = server.memory().currentMb;
    const first = await measuredLoad(
      server,
      graph,
      burstPlan(`memory-1 ${kind}`, users, '4918', tag('mem1', kind)),
      false,
    );
    const afterFirst = server.memory().currentMb;
    graph.reset(); // the driver counts this burst's replies from zero
    const second = await measuredLoad(
      server,
      graph,
      burstPlan(`memory-2 ${kind}`, users, '4919', tag('mem2', kind)),
      false,
    );
    const afterSecond = server.memory().currentMb;
    graph.failing.clear();
    return { first, second, before, afterFirst, afterSecond };
  });
  const v = run.value;
  const row = loadRow('memory', kind, v.second, run.rssMb);
  row.users = users * 2;
  row.notes.unshift(
    `200 recipients failing (131056) throughout; RSS ${v.before.toFixed(0)} MB after warm-up → ${v.afterFirst.toFixed(0)} MB after ${users} users → ${v.afterSecond.toFixed(0)} MB after ${users * 2} users (peak ${run.rssMb.toFixed(0)} MB); lost ${v.first.lost + v.second.lost}, dup ${v.first.dup + v.second.dup}`,
  );
  withCpu(row, v.second.cpu);
  rows.push(row);
}

async function runProfiledBurst(graph: LeanFakeGraph): Promise<void> {
  const dir = join(ROOT, 'bench/results/profile');
  mkdirSync(dir, { recursive: true });
  say(`▶ profile: one SQLite burst (${opts.users} users, MARK_READ=true) with the server under --cpu-prof → ${dir}`);
  const since = Date.now();
  const traceFile = join(dir, `sql-trace-${since}.json`);
  const run = await withBot(
    'burst-profiled',
    'sqlite',
    graph,
    {
      markRead: true,
      rate: 0,
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
      preload: './bench/sql-trace.ts',
      extraEnv: { BENCH_SQL_TRACE_FILE: traceFile },
    },
    async (server) => {
      await warmUp(server, graph, opts.warmup);
      return measuredLoad(
        server,
        graph,
        burstPlan('burst (profiled) sqlite', opts.users, '4915', tag('profiled', 'sqlite')),
        false,
        true,
      );
    },
  );
  profiledRun = {
    repliesPerSec: run.value.repliesPerSec,
    ackPerSec: run.value.ackPerSec,
    e2e: run.value.e2e,
    ack: run.value.ack,
    cpu: run.value.cpu,
    lost: run.value.lost,
    dup: run.value.dup,
  };
  try {
    sqlSummary = summariseSqlTrace(traceFile, 15);
  } catch (err) {
    problems.push(`profile: no SQL trace (${String(err)})`);
  }
  const file = findProfile(dir, since - 1_000);
  if (file === null) {
    problems.push('profile: no .cpuprofile was written (did the server exit cleanly?)');
    return;
  }
  profileSummary = summariseProfile(file, 25);
  say(
    `  profiled burst: ${run.value.repliesPerSec.toFixed(0)} replies/s under the profiler (not in the table), ${cpuNote(run.value.cpu)}; profile ${file}`,
  );
}

async function runStatuses(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  say(
    `▶ statuses (${kind}): ${opts.users} users say "hi"; each reply gets sent/delivered/read callbacks (one webhook each)`,
  );
  const run = await withBot('statuses', kind, graph, { markRead: true, rate: 0 }, async (server) => {
    await warmUp(server, graph, opts.warmup);
    return measuredLoad(server, graph, burstPlan(`statuses ${kind}`, opts.users, '4915', tag('statuses', kind)), true);
  });
  const r = run.value;
  const row = loadRow('statuses', kind, r, run.rssMb);
  row.notes.unshift(`${r.webhooks} webhooks (${r.statusPosted} status callbacks)`);
  withCpu(row, r.cpu);
  if (r.statusPosted < 3 * (r.users - r.lost)) row.notes.push(`expected ${3 * (r.users - r.lost)} status callbacks`);
  rows.push(row);
}

async function runConv(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const per = CONVERSATION.reduce((n, s) => n + s.expect.length, 0);
  say(
    `▶ conversation (${kind}): ${opts.convUsers} users at once, ${CONVERSATION.length} messages / ${per} replies each, waiting for every answer`,
  );
  const run = await withBot('conversation', kind, graph, { markRead: true, rate: 0 }, async (server) => {
    await warmUp(server, graph, opts.warmup, true);
    const probe = cpuProbe(server);
    const result = await runConversation({
      serverUrl: server.url,
      graph,
      users: opts.convUsers,
      prefix: '4916',
      tag: tag('conv', kind),
      stepTimeoutMs: 15_000,
      thinkMs: opts.thinkMs,
      quietMs: 1_000,
      ...(opts.cold ? {} : { preconnectPath: '/webhook/health' }),
      progress,
      rssMb: () => server.memory().currentMb,
    });
    return { ...result, cpu: probe() };
  });
  const r: ConversationResult & { cpu: CpuShare } = run.value;
  const notes = [
    `reply latency over ${r.reply.n} replies; step complete p99 ${r.stepComplete.p99.toFixed(1)} ms`,
    `slowest step: ${r.bySlowestStep[0]?.step} p99 ${r.bySlowestStep[0]?.p99.toFixed(1)} ms`,
  ];
  if (r.wrong > 0) notes.push(`${r.wrong} users got unexpected replies (${r.wrongSample})`);
  if (r.ackErrors > 0) notes.push(`${r.ackErrors} webhook errors (${r.errorSamples.join('; ')})`);
  rows.push({
    scenario: 'conversation',
    db: kind,
    users: r.users,
    ackPerSec: r.ackPerSec,
    repliesPerSec: r.repliesPerSec,
    ratio: null,
    perCpuSec: NaN,
    latency: r.reply,
    ackP99: r.ack.p99,
    rssMb: run.rssMb,
    lost: r.lost,
    dup: r.dup,
    notes,
    detail: { ...r },
  });
  withCpu(rows[rows.length - 1]!, r.cpu);
}

async function runHistory(kind: BenchDbKind, graph: LeanFakeGraph, emptyBurst: Row | undefined): Promise<void> {
  say(
    `▶ history (${kind}): the burst again with ${opts.historyRows.toLocaleString('en-US')} rows already in whatsapp_messages`,
  );
  const run = await withBot(
    'history',
    kind,
    graph,
    { markRead: true, rate: 0, historyRows: opts.historyRows },
    async (server) => {
      await warmUp(server, graph, opts.warmup);
      return measuredLoad(server, graph, burstPlan(`history ${kind}`, opts.users, '4915', tag('history', kind)), false);
    },
  );
  const row = withCpu(loadRow('history', kind, run.value, run.rssMb), run.value.cpu);
  row.notes.unshift(
    `${(run.prefill?.counted ?? 0).toLocaleString('en-US')} rows pre-filled in ${((run.prefill?.ms ?? 0) / 1000).toFixed(1)} s`,
  );
  if (emptyBurst) {
    const vs = run.value.repliesPerSec / emptyBurst.repliesPerSec;
    const vsCpu = row.perCpuSec / emptyBurst.perCpuSec;
    row.notes.unshift(
      `${(vs * 100).toFixed(0)}% of the empty-DB burst's replies/s, ${(vsCpu * 100).toFixed(0)}% of its replies per CPU-second`,
    );
    row.detail.vsEmptyBurst = vs;
    row.detail.vsEmptyBurstPerCpu = vsCpu;
  }
  row.detail.prefill = run.prefill;
  rows.push(row);
}

async function runRate(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const single = opts.rateUsers;
  const multi = opts.rateMultiUsers;
  say(
    `▶ rate (${kind}): SEND_RATE_PER_SECOND=${RATE}, MARK_READ=false; ${single} users say "hi" + ${multi} users send hi, 5, 6 — in one burst`,
  );
  let check: RateCheck | null = null;
  const run = await withBot('rate', kind, graph, { markRead: false, rate: RATE }, async (server) => {
    await warmUp(server, graph, Math.min(opts.warmup, 40));
    // Let the warm-up's reserved send slots pass before the measured burst.
    await new Promise((r) => setTimeout(r, 1_500));
    graph.reset();
    graph.recordTimes = true;
    graph.recordBodies = true;
    const plan = ratePlan(`rate ${kind}`, single, multi, '4917', tag('rate', kind));
    const r = await measuredLoad(server, graph, plan, false);
    check = checkRate(graph, plan, r.timing);
    return r;
  });
  const c = check as RateCheck | null;
  const row = loadRow('rate', kind, run.value, run.rssMb);
  if (c) {
    const w = c.windows;
    row.repliesPerSec = w.overall;
    row.notes.unshift(
      `send rate over ${w.windows} 1-s windows: mean ${w.mean.toFixed(1)}, min ${w.min}, max ${w.max} /s (target ${RATE} ±5%)`,
      `multi-message users in order: ${c.multiInOrder}/${c.multiUsers}; max FIFO displacement ${c.maxDisplacement}`,
      `sends per second: ${c.perSecond.join(' ')}`,
    );
    withCpu(row, run.value.cpu, w.overall);
    row.detail.rate = c;
  }
  row.ratio = null;
  rows.push(row);
}

// ------------------------------------------------------------------------------------------------
// Table, targets, JSON
// ------------------------------------------------------------------------------------------------

const f0 = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : '-');
const f1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '-');

function table(): string {
  const header = [
    'scenario',
    'db',
    'users',
    'ack/s',
    'replies/s',
    'ratio',
    'rep/CPU-s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'ack p99',
    'RSS MB',
    'lost',
    'dup',
  ];
  const body = rows.map((r) => [
    r.scenario,
    r.db,
    String(r.users),
    f0(r.ackPerSec),
    f0(r.repliesPerSec),
    r.ratio === null ? '-' : `${(r.ratio * 100).toFixed(0)}%`,
    f0(r.perCpuSec),
    f1(r.latency.p50),
    f1(r.latency.p95),
    f1(r.latency.p99),
    f1(r.latency.max),
    f1(r.ackP99),
    f0(r.rssMb),
    String(r.lost),
    String(r.dup),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const out = [line(header), sep, ...body.map(line)];
  const notes = rows.filter((r) => r.notes.length > 0).map((r) => `- ${r.scenario} (${r.db}): ${r.notes.join('; ')}`);
  return [...out, '', ...notes].join('\n');
}

interface Target {
  what: string;
  pass: boolean | null;
  got: string;
}

function targets(): Target[] {
  const t: Target[] = [];
  const find = (s: string, db: string) => rows.find((r) => r.scenario === s && r.db === db);
  const burst = find('burst', 'sqlite');
  if (burst) {
    t.push({
      what: `burst sqlite: replies/s ≥ 60% of the ceiling`,
      pass: burst.ratio === null ? null : burst.ratio >= 0.6,
      got: burst.ratio === null ? 'no ceiling' : `${(burst.ratio * 100).toFixed(0)}%${cpuRatioNote(burst)}`,
    });
    t.push({
      what: 'burst sqlite: zero lost, zero duplicate replies',
      pass: burst.lost === 0 && burst.dup === 0,
      got: `lost ${burst.lost}, dup ${burst.dup}`,
    });
    t.push({ what: 'burst sqlite: webhook ack p99 < 50 ms', pass: burst.ackP99 < 50, got: `${f1(burst.ackP99)} ms` });
    t.push({ what: 'burst sqlite: server peak RSS < 200 MB', pass: burst.rssMb < 200, got: `${f0(burst.rssMb)} MB` });
  }
  const pgBurst = find('burst', 'postgres');
  if (pgBurst) {
    t.push({
      what: 'burst postgres: replies/s ≥ 40% of the ceiling',
      pass: pgBurst.ratio === null ? null : pgBurst.ratio >= 0.4,
      got: pgBurst.ratio === null ? 'no ceiling' : `${(pgBurst.ratio * 100).toFixed(0)}%${cpuRatioNote(pgBurst)}`,
    });
    t.push({
      what: 'burst postgres: zero lost, zero duplicate replies',
      pass: pgBurst.lost === 0 && pgBurst.dup === 0,
      got: `lost ${pgBurst.lost}, dup ${pgBurst.dup}`,
    });
    t.push({
      what: 'burst postgres: server peak RSS < 200 MB',
      pass: pgBurst.rssMb < 200,
      got: `${f0(pgBurst.rssMb)} MB`,
    });
  }
  const conv = find('conversation', 'sqlite');
  if (conv)
    t.push({
      what: `conversation sqlite (${conv.users} users): reply latency p99 < 50 ms`,
      pass: conv.latency.p99 < 50,
      got: `${f1(conv.latency.p99)} ms`,
    });
  for (const db of ['sqlite', 'postgres']) {
    const h = find('history', db);
    const vs = h?.detail.vsEmptyBurst as number | undefined;
    const vsCpu = h?.detail.vsEmptyBurstPerCpu as number | undefined;
    if (h)
      t.push({
        what: `history ${db}: burst with ${opts.historyRows.toLocaleString('en-US')} rows within 20% of the empty DB`,
        pass: vs === undefined ? null : vs >= 0.8,
        got:
          vs === undefined
            ? 'no empty-DB burst to compare'
            : `${(vs * 100).toFixed(0)}% (per server CPU-second: ${vsCpu === undefined ? '-' : `${(vsCpu * 100).toFixed(0)}%`})`,
      });
    const r = find('rate', db);
    const c = r?.detail.rate as RateCheck | undefined;
    if (r && c) {
      const w = c.windows;
      t.push({
        what: `rate ${db}: sender holds ${RATE}/s ±5% (every full 1-s window), backlog drained in order`,
        pass:
          w.min >= RATE * 0.95 &&
          w.max <= RATE * 1.05 &&
          c.multiInOrder === c.multiUsers &&
          r.lost === 0 &&
          r.dup === 0,
        got: `mean ${f1(w.mean)}, min ${w.min}, max ${w.max}; in order ${c.multiInOrder}/${c.multiUsers}; lost ${r.lost}, dup ${r.dup}`,
      });
    }
  }
  for (const r of rows) {
    if (r.scenario === 'burst' || r.scenario === 'ceiling') continue;
    if (r.lost > 0 || r.dup > 0)
      t.push({
        what: `${r.scenario} ${r.db}: zero lost, zero duplicate replies`,
        pass: false,
        got: `lost ${r.lost}, dup ${r.dup}`,
      });
  }
  return t;
}

function cpuRatioNote(r: Row): string {
  const c = r.detail.cpuRatio as number | undefined;
  return c === undefined ? '' : ` (per server CPU-second: ${(c * 100).toFixed(0)}% of the ceiling's)`;
}

/** sha256 over src/ (paths and contents): which code was measured, without asking git. */
function srcFingerprint(): { sha256: string; files: number } {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(p);
    }
  };
  walk(join(ROOT, 'src'));
  files.sort();
  const h = createHash('sha256');
  for (const f of files) h.update(f.slice(ROOT.length)).update('\0').update(readFileSync(f)).update('\0');
  return { sha256: h.digest('hex').slice(0, 16), files: files.length };
}

function machine(pgVersion: string | null) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    postgres: pgVersion,
  };
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  let pgVersion: string | null = null;
  if (pgUrl) {
    pgVersion = await postgresReachable(pgUrl);
    if (pgVersion === null)
      throw new Error(
        `BENCH_DATABASE_URL is set but PostgreSQL does not answer at ${pgUrl.replace(/\/\/[^@]*@/, '//…@')}`,
      );
  }
  const m = machine(pgVersion);
  const started = new Date();
  const startLoad = os.loadavg();
  const code = srcFingerprint();
  say(
    `Nexora bench ${started.toISOString()} — ${m.cpu}, ${m.cores} cores, ${m.memGb} GB, Node ${m.node}${pgVersion ? `, ${pgVersion.split(' on ')[0]}` : ''}`,
  );
  say(
    `scenarios: ${[...scenarios].join(', ')}; databases: sqlite${pgUrl ? ', postgres' : ''}; users ${opts.users}, conversation users ${opts.convUsers}, history rows ${opts.historyRows}, ${opts.inFlight} in flight, graph latency ${opts.graphLatencyMs} ms${opts.quick ? ' (quick)' : ''}`,
  );

  if (opts.compiled) {
    say(`compiling src/ (tsconfig.build.json) into ${BUILD_DIR}…`);
    rmSync(BUILD_DIR, { recursive: true, force: true });
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    if (tsc.status !== 0) throw new Error(`tsc failed (${tsc.status ?? tsc.signal}):\n${tsc.stdout}${tsc.stderr}`);
    serverScript = join(BUILD_DIR, 'main.js');
  }
  const graph = await startLeanFakeGraph({ latencyMs: opts.graphLatencyMs });
  const resetLatency = graph.reset.bind(graph);
  graph.reset = () => {
    resetLatency();
    graph.latencyMs = opts.graphLatencyMs;
  };
  try {
    if (scenarios.has('ceiling')) await runCeiling(graph);
    const kinds: BenchDbKind[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
    for (const kind of kinds) {
      let burst: Row | undefined;
      if (scenarios.has('burst')) {
        burst = await runBurst(kind, graph, true);
        if (opts.noread) await runBurst(kind, graph, false);
      }
      if (scenarios.has('statuses')) await runStatuses(kind, graph);
      if (scenarios.has('conversation')) await runConv(kind, graph);
      if (scenarios.has('history')) await runHistory(kind, graph, burst);
      if (scenarios.has('rate')) await runRate(kind, graph);
      if (scenarios.has('memory')) await runMemory(kind, graph);
    }
    if (opts.profile) await runProfiledBurst(graph);
  } finally {
    await graph.close();
  }

  const finished = new Date();
  const tgt = targets();
  const out: string[] = [];
  out.push('');
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores (os.cpus), ${m.memGb} GB RAM, Node ${m.node}, ${m.os}${pgVersion ? `; ${pgVersion.split(',')[0]}` : ''}`,
  );
  out.push(
    `Run: ${started.toISOString()} → ${finished.toISOString()} (${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s); ${opts.inFlight} webhooks in flight; fake Graph latency ${opts.graphLatencyMs} ms; load average at start ${startLoad.map((l) => l.toFixed(1)).join(' ')}, at end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (opts.serverPreload) out.push(`Server preload (experiment): ${opts.serverPreload}`);
  out.push(
    `Code measured: src/ fingerprint ${code.sha256} (sha256 of ${code.files} .ts files at the start of the run)`,
  );
  out.push(
    `Server: ${opts.compiled ? `node ${serverScript} (compiled with tsconfig.build.json)` : 'node --import tsx src/main.ts'}; SQLite file in a temp dir${pgUrl ? '; PostgreSQL: a fresh schema per scenario' : ''}`,
  );
  out.push("rep/CPU-s = replies per second of server CPU time (throughput with the machine's other load taken out).");
  out.push(
    'Latency columns: burst/statuses/history/rate = post of "hi" → its reply at the fake Graph API; conversation = each reply − the post of the message it answers. "ratio" = replies/s ÷ the ceiling\'s.',
  );
  out.push('');
  out.push(table());
  if (tgt.length > 0) {
    out.push('');
    out.push('Targets (issue 6):');
    for (const t of tgt) out.push(`  ${t.pass === null ? ' n/a' : t.pass ? 'PASS' : 'FAIL'}  ${t.what}: ${t.got}`);
  }
  if (problems.length > 0) {
    out.push('');
    out.push('Problems seen:');
    for (const p of problems) out.push(`  - ${p}`);
  }
  if (profileSummary) {
    out.push('');
    if (profiledRun)
      out.push(
        `Profiled burst (sqlite, ${opts.users} users, under --cpu-prof and the SQL trace; not in the table): ${f0(profiledRun.repliesPerSec as number)} replies/s, ${cpuNote(profiledRun.cpu as CpuShare)}`,
      );
    out.push(formatProfile(profileSummary));
  }
  if (sqlSummary) {
    out.push('');
    out.push(formatSqlTrace(sqlSummary));
  }
  if (keepLogs) out.push(`\nServer logs kept in ${runDir}`);
  say('');
  process.stdout.write(`${out.join('\n')}\n`);

  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(
    opts.json,
    `${JSON.stringify({ started: started.toISOString(), finished: finished.toISOString(), machine: m, code, options: { ...opts, scenarios: [...scenarios], postgres: Boolean(pgUrl) }, ceilingRepliesPerSec, rows, targets: tgt, problems, profile: profileSummary, profiledRun, sql: sqlSummary }, null, 2)}\n`,
  );
  say(`results written to ${opts.json}`);
}

main()
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    keepLogs = true;
    say(`\nbench failed: ${(err as Error)?.stack ?? String(err)}`);
    killAllChildren('SIGKILL');
    await dropLeftoverSchemas().catch(() => {});
    say(`logs kept in ${runDir}`);
    process.exit(1);
  });
