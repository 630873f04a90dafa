// partial-outage (issue 13): 30% of sends fail with HTTP 500 at random while users keep writing.
// Each failure retries on its own schedule, so the first-reply latency stays low: p50 < 1 s,
// p90 < 5 s; nothing lost or doubled.
import { withBot } from '../bot.js';
import { loadRow, rows, say } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';

export const OUTAGE_SHARE = 0.3;

export async function runPartialOutage(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const users = opts.outageUsers;
  const pace = opts.outagePace;
  say(
    `▶ partial-outage (${kind}): ${OUTAGE_SHARE * 100}% of sends answered 500 at random; ${users} users say "hi", ${pace} a second`,
  );
  const run = await withBot('partial-outage', kind, graph, { markRead: false, rate: 0 }, async (server) => {
    await warmUp(server, graph, Math.min(opts.warmup, 40));
    graph.reset();
    graph.failShare = OUTAGE_SHARE;
    const r = await measuredLoad(
      server,
      graph,
      burstPlan(`partial-outage ${kind}`, users, '4922', tag('out', kind)),
      false,
      false,
      pace,
    );
    const outage = graph.refused.outage;
    graph.failShare = 0;
    return { r, outage };
  });
  const { r, outage } = run.value;
  const row = loadRow('partial-outage', kind, r, run.rssMb);
  row.ratio = null;
  row.notes.unshift(
    `first-reply latency p50 ${r.e2e.p50.toFixed(0)} ms, p90 ${r.e2e.p90.toFixed(0)} ms, max ${r.e2e.max.toFixed(0)} ms; ${outage} sends answered 500 of ${outage + r.sends}`,
  );
  row.detail.outage = { share: OUTAGE_SHARE, failedSends: outage, pace };
  withCpu(row, r.cpu);
  rows.push(row);
}
