// The benchmark (issue 6): `npm run bench [-- flags]`. See bench/README.md.
//
// Starts the real server as its own process (SQLite file in a temp dir; PostgreSQL too when
// BENCH_DATABASE_URL is set, a fresh schema per run), a lean fake Graph API on loopback, and a load
// driver that posts signed, real-shaped webhooks. Runs a ceiling (a minimal Node server with no
// database and no logic) first; our figures are reported as a fraction of it. One file per
// scenario in bench/scenarios/; this file runs the chosen ones and prints the report.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { f0, problems, rows, runDir, say, state, type Row } from './context.js';
import { dropLeftoverSchemas, postgresReachable, type BenchDbKind } from './databases.js';
import { startLeanFakeGraph } from './fake-graph.js';
import { BUILD_DIR, opts, pgUrl, scenarios } from './flags.js';
import { cpuNote, type CpuShare } from './measure.js';
import { killAllChildren, ROOT } from './processes.js';
import { formatProfile, formatSqlTrace } from './profile-summary.js';
import { machine, srcFingerprint, table, targets } from './report.js';
import { runBurst } from './scenarios/burst.js';
import { runCeiling } from './scenarios/ceiling.js';
import { runConsole } from './scenarios/console.js';
import { runConv } from './scenarios/conversation.js';
import { runHistory } from './scenarios/history.js';
import { runMemory } from './scenarios/memory.js';
import { runProfiledBurst } from './scenarios/profile.js';
import { runPartialOutage } from './scenarios/partial-outage.js';
import { runRate } from './scenarios/rate.js';
import { runStatuses } from './scenarios/statuses.js';
import { runThrottle } from './scenarios/throttle.js';

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
    // As `npm run build` does: the console's templates and assets are read from beside the code.
    for (const d of ['views', 'assets'])
      cpSync(join(ROOT, 'src/console', d), join(BUILD_DIR, 'console', d), { recursive: true });
    state.serverScript = join(BUILD_DIR, 'main.js');
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
      if (scenarios.has('throttle')) await runThrottle(kind, graph);
      if (scenarios.has('partial-outage')) await runPartialOutage(kind, graph);
      if (scenarios.has('console')) await runConsole(kind, graph);
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
    `Server: ${opts.compiled ? `node ${state.serverScript} (compiled with tsconfig.build.json)` : 'node --import tsx src/main.ts'}; SQLite file in a temp dir${pgUrl ? '; PostgreSQL: a fresh schema per scenario' : ''}`,
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
  if (state.profileSummary) {
    out.push('');
    if (state.profiledRun)
      out.push(
        `Profiled burst (sqlite, ${opts.users} users, under --cpu-prof and the SQL trace; not in the table): ${f0(state.profiledRun.repliesPerSec as number)} replies/s, ${cpuNote(state.profiledRun.cpu as CpuShare)}`,
      );
    out.push(formatProfile(state.profileSummary));
  }
  if (state.sqlSummary) {
    out.push('');
    out.push(formatSqlTrace(state.sqlSummary));
  }
  for (const plans of state.consolePlans) {
    out.push('');
    out.push(plans);
  }
  if (state.keepLogs) out.push(`\nServer logs kept in ${runDir}`);
  say('');
  process.stdout.write(`${out.join('\n')}\n`);

  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(
    opts.json,
    `${JSON.stringify({ started: started.toISOString(), finished: finished.toISOString(), machine: m, code, options: { ...opts, scenarios: [...scenarios], postgres: Boolean(pgUrl) }, ceilingRepliesPerSec: state.ceilingRepliesPerSec, rows, targets: tgt, problems, profile: state.profileSummary, profiledRun: state.profiledRun, sql: state.sqlSummary }, null, 2)}\n`,
  );
  say(`results written to ${opts.json}`);
}

main()
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    state.keepLogs = true;
    say(`\nbench failed: ${err instanceof Error ? err.stack : String(err)}`);
    killAllChildren('SIGKILL');
    await dropLeftoverSchemas().catch(() => {});
    say(`logs kept in ${runDir}`);
    process.exit(1);
  });
