// rate: SEND_RATE_PER_SECOND=80 held whatever the inbound rate, backlog drained in order.
import { withBot } from '../bot.js';
import { loadRow, rows, say } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { ratePlan } from '../driver/plans.js';
import { checkRate, type RateCheck } from '../driver/rate-check.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts, RATE } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';

export async function runRate(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
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
