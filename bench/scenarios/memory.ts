// memory: resource bounds (issue 5).
import { withBot } from '../bot.js';
import { loadRow, rows, say } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { burstPlan } from '../driver/plans.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { measuredLoad, tag, warmUp, withCpu } from '../measure.js';

/**
 * Resource bounds (issue 5): one server, two bursts of 2 × --users distinct new users each. Nothing
 * per user is held in memory, so the RSS after the second burst must be about the RSS after the
 * first; growth with the number of users would show here.
 */
export async function runMemory(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const users = opts.users * 2;
  say(`▶ memory (${kind}): two bursts of ${users} distinct users on one server, RSS before and after`);
  const run = await withBot('memory', kind, graph, { markRead: true, rate: 0 }, async (server) => {
    await warmUp(server, graph, opts.warmup);
    // 200 users whose replies Meta refuses (131056) the whole time: their sends back off and retry
    // while the bursts run, and must not make memory grow either.
    const failing = burstPlan('failing', 200, '4920', tag('fail', kind));
    for (const phone of failing.phones) graph.failing.add(phone);
    for (const job of failing.jobs) {
      await fetch(`${server.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': job.body.sig },
        body: new Uint8Array(job.body.buf),
      });
    }
    const before = server.memory().currentMb;
    const first = await measuredLoad(
      server,
      graph,
      burstPlan(`memory-1 ${kind}`, users, '4918', tag('mem1', kind)),
      false,
    );
    const afterFirst = server.memory().currentMb;
    graph.reset(); // the driver counts this burst's replies from zero
    const second = await measuredLoad(
      server,
      graph,
      burstPlan(`memory-2 ${kind}`, users, '4919', tag('mem2', kind)),
      false,
    );
    const afterSecond = server.memory().currentMb;
    graph.failing.clear();
    return { first, second, before, afterFirst, afterSecond };
  });
  const v = run.value;
  const row = loadRow('memory', kind, v.second, run.rssMb);
  row.users = users * 2;
  row.notes.unshift(
    `200 recipients failing (131056) throughout; RSS ${v.before.toFixed(0)} MB after warm-up → ${v.afterFirst.toFixed(0)} MB after ${users} users → ${v.afterSecond.toFixed(0)} MB after ${users * 2} users (peak ${run.rssMb.toFixed(0)} MB); lost ${v.first.lost + v.second.lost}, dup ${v.first.dup + v.second.dup}`,
  );
  withCpu(row, v.second.cpu);
  rows.push(row);
}
