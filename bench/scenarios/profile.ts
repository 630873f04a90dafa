// --profile: one SQLite burst with the server under --cpu-prof and the SQL trace, summarised.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withBot } from '../bot.js';
import { problems, say, state } from '../context.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { cpuNote, measuredLoad, tag, warmUp } from '../measure.js';
import { ROOT } from '../processes.js';
import { findProfile, summariseProfile, summariseSqlTrace } from '../profile-summary.js';

export async function runProfiledBurst(graph: LeanFakeGraph): Promise<void> {
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
  state.profiledRun = {
    repliesPerSec: run.value.repliesPerSec,
    ackPerSec: run.value.ackPerSec,
    e2e: run.value.e2e,
    ack: run.value.ack,
    cpu: run.value.cpu,
    lost: run.value.lost,
    dup: run.value.dup,
  };
  try {
    state.sqlSummary = summariseSqlTrace(traceFile, 15);
  } catch (err) {
    problems.push(`profile: no SQL trace (${String(err)})`);
  }
  const file = findProfile(dir, since - 1_000);
  if (file === null) {
    problems.push('profile: no .cpuprofile was written (did the server exit cleanly?)');
    return;
  }
  state.profileSummary = summariseProfile(file, 25);
  say(
    `  profiled burst: ${run.value.repliesPerSec.toFixed(0)} replies/s under the profiler (not in the table), ${cpuNote(run.value.cpu)}; profile ${file}`,
  );
}
