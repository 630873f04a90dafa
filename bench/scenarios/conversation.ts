// conversation: M users at once, each running the scripted conversation, waiting for every answer.
import { withBot } from '../bot.js';
import { rows, say } from '../context.js';
import type { BenchDbKind } from '../databases.js';
import { CONVERSATION, runConversation, type ConversationResult } from '../driver/conversation.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { cpuProbe, tag, warmUp, withCpu, type CpuShare } from '../measure.js';
import { progress } from '../context.js';

export async function runConv(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const per = CONVERSATION.reduce((n, s) => n + s.expect.length, 0);
  say(
    `▶ conversation (${kind}): ${opts.convUsers} users at once, ${CONVERSATION.length} messages / ${per} replies each, waiting for every answer`,
  );
  const run = await withBot('conversation', kind, graph, { markRead: true, rate: 0 }, async (server) => {
    await warmUp(server, graph, opts.warmup, true);
    const probe = cpuProbe(server);
    const result = await runConversation({
      serverUrl: server.url,
      graph,
      users: opts.convUsers,
      prefix: '4916',
      tag: tag('conv', kind),
      stepTimeoutMs: 15_000,
      thinkMs: opts.thinkMs,
      quietMs: 1_000,
      ...(opts.cold ? {} : { preconnectPath: '/webhook/health' }),
      progress,
      rssMb: () => server.memory().currentMb,
    });
    return { ...result, cpu: probe() };
  });
  const r: ConversationResult & { cpu: CpuShare } = run.value;
  const notes = [
    `reply latency over ${r.reply.n} replies; step complete p99 ${r.stepComplete.p99.toFixed(1)} ms`,
    `slowest step: ${r.bySlowestStep[0]?.step} p99 ${r.bySlowestStep[0]?.p99.toFixed(1)} ms`,
  ];
  if (r.wrong > 0) notes.push(`${r.wrong} users got unexpected replies (${r.wrongSample})`);
  if (r.ackErrors > 0) notes.push(`${r.ackErrors} webhook errors (${r.errorSamples.join('; ')})`);
  rows.push({
    scenario: 'conversation',
    db: kind,
    users: r.users,
    ackPerSec: r.ackPerSec,
    repliesPerSec: r.repliesPerSec,
    ratio: null,
    perCpuSec: NaN,
    latency: r.reply,
    ackP99: r.ack.p99,
    rssMb: run.rssMb,
    lost: r.lost,
    dup: r.dup,
    notes,
    detail: { ...r },
  });
  withCpu(rows[rows.length - 1]!, r.cpu);
}
