// ceiling: a minimal node:http server (no database, no logic), N users say "hi": the machine + driver limit.
import { join } from 'node:path';
import { BUSINESS } from '../../test/helpers/payloads.js';
import { loadRow, rows, runDir, say, state } from '../context.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { BENCH_TOKEN, opts } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';
import { freePort, startChild } from '../processes.js';

export async function runCeiling(graph: LeanFakeGraph): Promise<void> {
  say(`▶ ceiling: minimal node:http server, ${opts.users} users, ${opts.inFlight} in flight`);
  graph.reset();
  state.ceilingPort = await freePort();
  const server = await startChild({
    script: 'bench/ceiling-server.ts',
    env: { GRAPH_API_URL: graph.url, PHONE_NUMBER_ID: BUSINESS.phoneNumberId, WHATSAPP_TOKEN: BENCH_TOKEN },
    port: state.ceilingPort,
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
    state.ceilingRepliesPerSec = r.repliesPerSec;
    const row = withCpu(loadRow('ceiling', '-', r, rss, { ratio: 1 }), r.cpu);
    state.ceilingPerCpuSec = Number.isFinite(row.perCpuSec) ? row.perCpuSec : null;
    rows.push(row);
  } finally {
    await server.stop(5_000);
    graph.reset();
  }
}
