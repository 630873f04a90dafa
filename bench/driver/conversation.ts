// Conversation: M users at once, each running the scripted conversation and waiting for each
// answer before the next message, like a person.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { envelope, listReply, textMessage } from '../../test/helpers/payloads.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { percentiles, type Percentiles } from '../stats.js';
import { newPool, nowSec, postWebhook, preconnect, sign, userPhone, type Progress } from './http.js';
import { replyTypes } from './rate-check.js';

interface ConversationStep {
  name: string;
  make(phone: string, wamid: string, ts: number, user: number): { from: string; id: string } & Record<string, unknown>;
  /** The reply types, in order. */
  expect: string[];
}

export const CONVERSATION: ConversationStep[] = [
  { name: 'hi → menu', make: (p, id, ts) => textMessage(p, 'hi', { wamid: id, ts }), expect: ['interactive'] },
  {
    name: 'menu:1 → categories',
    make: (p, id, ts) => listReply(p, 'menu:1', '1. Explore Programs', { wamid: id, ts }),
    expect: ['interactive'],
  },
  {
    name: 'cat:A → programs',
    make: (p, id, ts) => listReply(p, 'cat:A', 'Europe Golden Visa', { wamid: id, ts }),
    expect: ['text', 'interactive'],
  },
  {
    name: 'menu:2 → budget?',
    make: (p, id, ts) => listReply(p, 'menu:2', '2. Check Eligibility', { wamid: id, ts }),
    expect: ['text'],
  },
  {
    name: '$300k → eligible',
    make: (p, id, ts) => textMessage(p, '$300k', { wamid: id, ts }),
    expect: ['text', 'interactive'],
  },
  {
    name: 'menu:3 → name?',
    make: (p, id, ts) => listReply(p, 'menu:3', '3. Talk to Consultant', { wamid: id, ts }),
    expect: ['text'],
  },
  { name: 'name → e-mail?', make: (p, id, ts) => textMessage(p, 'Ana Bench', { wamid: id, ts }), expect: ['text'] },
  {
    // Thanked with the offer of a consultant now, one message with Yes / No buttons (menu option 7).
    name: 'e-mail → lead saved',
    make: (p, id, ts, u) => textMessage(p, `ana.bench${u}@example.com`, { wamid: id, ts }),
    expect: ['interactive'],
  },
  { name: '5 → booking', make: (p, id, ts) => textMessage(p, '5', { wamid: id, ts }), expect: ['text', 'interactive'] },
  {
    name: 'menu:6 → brochure',
    make: (p, id, ts) => listReply(p, 'menu:6', '6. Download Brochure', { wamid: id, ts }),
    expect: ['document', 'interactive'],
  },
];

export interface ConversationResult {
  users: number;
  steps: number;
  posted: number;
  ackErrors: number;
  errorSamples: string[];
  seconds: number;
  repliesPerSec: number;
  ackPerSec: number;
  /** Every reply: its arrival − the post of the message it answers. */
  reply: Percentiles;
  /** Each step: the last reply's arrival − the post (what the person waits before typing again). */
  stepComplete: Percentiles;
  ack: Percentiles;
  /** Users who did not get all their replies in time. */
  lost: number;
  dup: number;
  /** Users whose replies were not of the expected types in the expected order. */
  wrong: number;
  wrongSample: string | null;
  bySlowestStep: { step: string; p99: number }[];
}

export async function runConversation(o: {
  serverUrl: string;
  graph: LeanFakeGraph;
  users: number;
  prefix: string;
  tag: string;
  stepTimeoutMs: number;
  thinkMs: number;
  quietMs: number;
  progress: Progress;
  rssMb?: () => number;
  /** Open the pool's connections (concurrent GETs of this path) before the clock starts. */
  preconnectPath?: string;
}): Promise<ConversationResult> {
  const { graph } = o;
  graph.recordBodies = true;
  const pool = newPool(o.serverUrl, o.users);
  if (o.preconnectPath !== undefined) await preconnect(pool, o.preconnectPath, o.users);
  const replyLat: number[] = [];
  const stepLat: number[] = [];
  const perStep: number[][] = CONVERSATION.map(() => []);
  const ack: number[] = [];
  const errorSamples: string[] = [];
  let ackErrors = 0;
  let posted = 0;
  let lost = 0;
  const total = CONVERSATION.reduce((n, s) => n + s.expect.length, 0);
  const phones = Array.from({ length: o.users }, (_, i) => userPhone(o.prefix, i));

  const runUser = async (u: number): Promise<void> => {
    const phone = phones[u]!;
    let want = 0;
    for (const [s, step] of CONVERSATION.entries()) {
      const body = sign(
        envelope({ messages: [step.make(phone, `wamid.BENCH_${o.tag}_${u}_${s}`, nowSec(), u)], name: 'Ana Bench' }),
      );
      const started = performance.now();
      posted++;
      try {
        const status = await postWebhook(pool, body);
        ack.push(performance.now() - started);
        if (status !== 200) {
          ackErrors++;
          if (errorSamples.length < 5) errorSamples.push(`HTTP ${status}`);
        }
      } catch (err) {
        ackErrors++;
        if (errorSamples.length < 5) errorSamples.push((err as Error).message);
      }
      const from = want;
      want += step.expect.length;
      const timedOut = await Promise.race([
        graph.waitFor(phone, want).then(() => false),
        sleep(o.stepTimeoutMs).then(() => true),
      ]);
      if (timedOut) {
        lost++;
        return;
      }
      const arrivals = graph.recipients.get(phone)!.arrivals;
      for (let k = from; k < want; k++) replyLat.push(arrivals[k]! - started);
      const done = arrivals[want - 1]! - started;
      stepLat.push(done);
      perStep[s]!.push(done);
      if (o.thinkMs > 0) await sleep(o.thinkMs);
    }
  };

  const t0 = performance.now();
  const ticker = setInterval(() => {
    const rss = o.rssMb ? ` rss ${o.rssMb().toFixed(0)} MB` : '';
    o.progress(
      `conversation: ${o.users} users, posted ${posted}/${o.users * CONVERSATION.length}, replies ${graph.stats.sends}/${o.users * total}, ${((performance.now() - t0) / 1000).toFixed(1)} s${rss}`,
    );
  }, 250);
  await Promise.all(phones.map((_, u) => runUser(u)));
  const seconds = (performance.now() - t0) / 1000;
  await sleep(o.quietMs);
  clearInterval(ticker);
  await pool.close();

  let dup = 0;
  let wrong = 0;
  let wrongSample: string | null = null;
  const want = CONVERSATION.flatMap((s) => s.expect).join(',');
  for (const phone of phones) {
    const rec = graph.recipients.get(phone);
    if (rec === undefined) continue;
    if (rec.count > total) dup++;
    const got = replyTypes(rec.bodies ?? []).join(',');
    if (rec.count >= total && got.slice(0, want.length) !== want) {
      wrong++;
      wrongSample ??= `${phone}: got ${got}`;
    }
  }
  return {
    users: o.users,
    steps: CONVERSATION.length,
    posted,
    ackErrors,
    errorSamples,
    seconds,
    repliesPerSec: graph.stats.sends / seconds,
    ackPerSec: posted / seconds,
    reply: percentiles(replyLat),
    stepComplete: percentiles(stepLat),
    ack: percentiles(ack),
    lost,
    dup,
    wrong,
    wrongSample,
    bySlowestStep: CONVERSATION.map((s, i) => ({ step: s.name, p99: percentiles(perStep[i]!).p99 })).sort(
      (a, b) => b.p99 - a.p99,
    ),
  };
}
