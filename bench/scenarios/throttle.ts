// throttle (issue 13): a fake Graph API that admits N sends/s (a token bucket) and answers 130429
// above it, SEND_RATE_PER_SECOND=80 as the ceiling. The adaptive rate must deliver at least 95% of
// N with at most 3% of its sends refused, losing and doubling nothing.
import { withBot } from '../bot.js';
import { loadRow, rows, say } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts, RATE } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';
import { slidingWindowRates } from '../stats.js';

/** The first seconds, while the rate is found from the ceiling down, are reported apart. */
const DISCOVERY_MS = 5_000;

export async function runThrottle(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const n = opts.throttleCapacity;
  const users = Math.round(n * opts.throttleSeconds);
  say(
    `▶ throttle (${kind}): fake Graph admits ${n}/s (130429 above), SEND_RATE_PER_SECOND=${RATE}; ${users} users say "hi" at once`,
  );
  const run = await withBot('throttle', kind, graph, { markRead: false, rate: RATE }, async (server) => {
    await warmUp(server, graph, Math.min(opts.warmup, 40));
    await new Promise((r) => setTimeout(r, 1_500)); // the warm-up's reserved slots pass
    graph.reset();
    graph.capacityPerSecond = n;
    graph.recordTimes = true;
    const r = await measuredLoad(server, graph, burstPlan(`throttle ${kind}`, users, '4921', tag('thr', kind)), false);
    const refused = { ...graph.refused };
    const times = [...graph.sendTimes];
    graph.capacityPerSecond = null;
    return { r, refused, times };
  });
  const { r, refused, times } = run.value;
  const row = loadRow('throttle', kind, r, run.rssMb);
  const steady = slidingWindowRates(times, DISCOVERY_MS);
  const all = slidingWindowRates(times, 0);
  const attempts = r.sends + refused.throttled;
  const share = attempts > 0 ? refused.throttled / attempts : NaN;
  row.repliesPerSec = all.overall;
  row.ratio = null;
  row.notes.unshift(
    `delivered ${all.overall.toFixed(1)}/s overall = ${((all.overall / n) * 100).toFixed(1)}% of N=${n}; after the first ${DISCOVERY_MS / 1000} s: mean ${steady.mean.toFixed(1)}/s = ${((steady.mean / n) * 100).toFixed(1)}% (min ${steady.min}, max ${steady.max})`,
    `refused (130429): ${refused.throttled} of ${attempts} sends = ${(share * 100).toFixed(1)}%`,
  );
  row.detail.throttle = { capacity: n, refused: refused.throttled, attempts, refusedShare: share, all, steady };
  withCpu(row, r.cpu, all.overall);
  rows.push(row);
}
