// history: the burst with 1,000,000 rows already stored, compared with the empty-database burst.
import { withBot } from '../bot.js';
import { loadRow, rows, say, type Row } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';

export async function runHistory(kind: BenchDbKind, graph: LeanFakeGraph, emptyBurst: Row | undefined): Promise<void> {
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
