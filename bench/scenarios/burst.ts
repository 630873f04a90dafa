// burst (and burst-noread): N new users each say "hi", 64 in flight.
import { withBot } from '../bot.js';
import { loadRow, rows, say, type Row } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';

export async function runBurst(kind: BenchDbKind, graph: LeanFakeGraph, markRead: boolean): Promise<Row> {
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
