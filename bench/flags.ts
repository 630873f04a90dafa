// The benchmark's flags and the options derived from them (`npm run bench -- --help`).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './processes.js';

export const ALL_SCENARIOS = [
  'ceiling',
  'burst',
  'conversation',
  'statuses',
  'history',
  'rate',
  'memory',
  'throttle',
  'partial-outage',
  'console',
] as const;
export type Scenario = (typeof ALL_SCENARIOS)[number];

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
    'throttle-capacity': { type: 'string' },
    'throttle-seconds': { type: 'string' },
    'outage-users': { type: 'string' },
    'outage-pace': { type: 'string' },
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
    'console-users': { type: 'string' },
    'console-messages': { type: 'string' },
    'console-requests': { type: 'string' },
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
  --throttle-capacity N  sends/s the fake Graph admits in the throttle scenario (default 40)
  --throttle-seconds N   backlog of the throttle scenario, in seconds at that capacity (default 60; --quick 15)
  --outage-users N       users in the partial-outage scenario (default 600; --quick 150)
  --outage-pace N        their posts per second (default 20)
  --in-flight N          webhooks in flight (default 64)
  --warmup N             users saying "hi" to each fresh server before measuring, not counted (default 500; --quick 50)
  --json FILE            results file (default bench/results/latest.json)
  --profile              also run one SQLite burst with the server under --cpu-prof (bench/results/profile) and summarise it
  --no-noread            skip the MARK_READ=false burst line
  --compiled             compile src/ with tsconfig.build.json into bench/results/build and run the server with plain
                         node (as \`npm run build && node dist/main.js\` would) instead of node --import tsx src/main.ts
  --server-preload FILE  import this module into every bot server before src/main.ts (experiments, e.g.
                         instrumentation or a monkey-patch to test a hypothesis); not with --compiled
  --console-users N      users stored for the console scenario (default 100000; --quick 1000)
  --console-messages N   messages stored for it, ten per history user (default 1000000; --quick 10000)
  --console-requests N   GETs of each page, timed one after the other (default 50; --quick 10), after 3 not counted
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
export const opts = {
  users: int(flags.users, quick ? 300 : 5000),
  convUsers: int(flags['conv-users'], quick ? 5 : 50),
  historyRows: int(flags['history-rows'], quick ? 20_000 : 1_000_000),
  graphLatencyMs: int(flags['graph-latency-ms'], 0),
  rateUsers: int(flags['rate-users'], quick ? 160 : 800),
  throttleCapacity: Math.max(1, int(flags['throttle-capacity'], 40)),
  throttleSeconds: Math.max(1, int(flags['throttle-seconds'], quick ? 15 : 60)),
  outageUsers: int(flags['outage-users'], quick ? 150 : 600),
  outagePace: Math.max(1, int(flags['outage-pace'], 20)),
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
  consoleUsers: Math.max(1, int(flags['console-users'], quick ? 1000 : 100_000)),
  consoleMessages: Math.max(10, int(flags['console-messages'], quick ? 10_000 : 1_000_000)),
  consoleRequests: Math.max(1, int(flags['console-requests'], quick ? 10 : 50)),
  consoleWarmup: 3,
  quick,
};
export const scenarios = new Set<Scenario>(
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
export const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;

export const RATE = 80;
export const BUILD_DIR = join(ROOT, 'bench/results/build');
/** The catalogue the server would load by default (src/store/seed-programs.ts), named explicitly so the compiled build finds it too. */
export const PROGRAMS_FILE = join(ROOT, 'data-seed/programs.json');
/** Likewise the dated exchange rates (src/store/load-currency-rates.ts resolves them beside the code). */
export const CURRENCY_RATES_FILE = join(ROOT, 'data-seed/currency-rates.json');
export const BENCH_TOKEN = 'bench-token';
