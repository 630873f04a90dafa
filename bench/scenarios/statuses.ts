// statuses: the burst, plus sent/delivered/read callbacks for every reply, one webhook each.
import { withBot } from '../bot.js';
import { loadRow, rows, say } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';

export async function runStatuses(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
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
