// The load driver: posts signed, real-shaped webhooks through an undici pool (64 in flight by
// default), bodies and signatures computed before the clock starts; measures acknowledgement
// latency per request and, with the lean fake Graph API in the same process (same clock), the time
// from the post of a user's message to the arrival of its reply.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { signBody } from '../src/whatsapp/verify-signature.js';
import { envelope, listReply, statusUpdate, textMessage } from '../test/helpers/payloads.js';
import type { LeanFakeGraph } from './fake-graph.js';
import { percentiles, slidingWindowRates, type Percentiles, type WindowRates } from './stats.js';

export const APP_SECRET = 'bench-app-secret-0123456789';

export interface Progress {
  (line: string): void;
}

export interface SignedBody {
  buf: Buffer;
  sig: string;
}

export function sign(body: unknown): SignedBody {
  const raw = JSON.stringify(body);
  return { buf: Buffer.from(raw), sig: signBody(raw, APP_SECRET) };
}

/** Distinct users per run: `prefix` + 8 digits (wa_id shape). */
export const userPhone = (prefix: string, i: number): string => `${prefix}${String(i).padStart(8, '0')}`;

const nowSec = (): number => Math.floor(Date.now() / 1000);

function newPool(url: string, connections: number): Pool {
  return new Pool(url, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 120_000,
    keepAliveMaxTimeout: 120_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
}

/**
 * Opens `n` connections before the clock starts (n concurrent GETs). Without it, on SQLite, some of
 * the first webhooks of a burst, on brand-new connections, were sometimes held ~2 s (see README).
 */
async function preconnect(pool: Pool, path: string, n: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, async () => {
      const res = await pool.request({ method: 'GET', path });
      await res.body.dump();
    }),
  );
}

async function postWebhook(pool: Pool, body: SignedBody): Promise<number> {
  const res = await pool.request({
    method: 'POST',
    path: '/webhook',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': body.sig },
    body: body.buf,
  });
  await res.body.dump();
  return res.statusCode;
}

// ------------------------------------------------------------------------------------------------
// Load: a list of posts (some waiting for an earlier post's acknowledgement), many users, each
// expecting a known number of replies; optionally three status callbacks per reply.
// ------------------------------------------------------------------------------------------------

export interface LoadJob {
  user: number;
  body: SignedBody;
  /** Index of a job whose acknowledgement this one waits for (per-user order of posting). */
  after?: number;
}

export interface LoadPlan {
  label: string;
  phones: string[];
  /** Message sends each user should receive (mark-reads not counted). */
  expected: number[];
  jobs: LoadJob[];
}

export interface LoadOptions {
  serverUrl: string;
  graph: LeanFakeGraph;
  inFlight: number;
  /** For every reply the fake Graph accepts, post sent/delivered/read callbacks, one webhook each. */
  statuses: boolean;
  /** Give up when no reply arrived for this long after the last post was acknowledged. */
  drainTimeoutMs: number;
  /** After the last expected reply, keep listening this long for duplicates. */
  quietMs: number;
  progress: Progress;
  rssMb?: () => number;
  /** Open the pool's connections (concurrent GETs of this path) before the clock starts. */
  preconnectPath?: string;
  /** Called just before the first post, and when the last expected reply arrived (before the quiet period). */
  onStart?: () => void;
  onDrained?: () => void;
}

export interface LoadResult {
  users: number;
  inboundPosted: number;
  statusPosted: number;
  webhooks: number;
  ackErrors: number;
  errorSamples: string[];
  /** First post → last acknowledgement. */
  ackSeconds: number;
  ackPerSec: number;
  /** First post → last expected reply (the user's first). */
  replySeconds: number;
  repliesPerSec: number;
  /** All sends received (replies, mark-reads excluded) / reply seconds. */
  sendsPerSec: number;
  sends: number;
  reads: number;
  e2e: Percentiles;
  ack: Percentiles;
  ackInbound: Percentiles;
  lost: number;
  dup: number;
  /** Users who got some but fewer replies than expected. */
  short: number;
  drainTimedOut: boolean;
  /** Per user: the start of its first post and that post's acknowledgement (performance.now()); not for JSON. */
  timing: { t0: number; postAt: Float64Array; ackAt: Float64Array };
}

export async function runLoad(plan: LoadPlan, o: LoadOptions): Promise<LoadResult> {
  const { graph } = o;
  const users = plan.phones.length;
  const totalExpected = plan.expected.reduce((a, b) => a + b, 0);
  const pool = newPool(o.serverUrl, o.inFlight);
  const postAt = new Float64Array(users).fill(NaN);
  const ackAt = new Float64Array(users).fill(NaN);
  const ackAll: number[] = [];
  const ackInbound: number[] = [];
  const errorSamples: string[] = [];
  let ackErrors = 0;
  let inboundPosted = 0;
  let statusPosted = 0;
  let lastAckAt = 0;

  // Jobs other jobs wait for get a deferred acknowledgement.
  const ackWaiters = new Map<number, { promise: Promise<void>; resolve: () => void }>();
  for (const job of plan.jobs) {
    if (job.after === undefined || ackWaiters.has(job.after)) continue;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    ackWaiters.set(job.after, { promise, resolve });
  }

  const statusJobs: (SignedBody | undefined)[] = [];
  let statusHead = 0;
  let nextJob = 0;
  let flip = false;
  let closed = !o.statuses;
  let wake: (() => void) | null = null;
  const wakeAll = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  let idle: Promise<void> | null = null;
  const waitForWork = (): Promise<void> => {
    idle ??= new Promise<void>((resolve) => {
      wake = () => {
        idle = null;
        resolve();
      };
    });
    return idle;
  };

  if (o.statuses) {
    graph.onSend = (recipient, wamid) => {
      const ts = nowSec();
      for (const status of ['sent', 'delivered', 'read']) {
        statusJobs.push(sign(envelope({ statuses: [statusUpdate(wamid, status, recipient, { ts })] })));
      }
      wakeAll();
    };
  }

  type Taken = { kind: 'inbound'; index: number } | { kind: 'status'; body: SignedBody } | 'wait' | null;
  const take = (): Taken => {
    const haveStatus = statusHead < statusJobs.length;
    const haveInbound = nextJob < plan.jobs.length;
    if (haveStatus && (!haveInbound || flip)) {
      flip = false;
      const body = statusJobs[statusHead]!;
      statusJobs[statusHead++] = undefined;
      return { kind: 'status', body };
    }
    if (haveInbound) {
      flip = true;
      return { kind: 'inbound', index: nextJob++ };
    }
    return closed ? null : 'wait';
  };

  if (o.preconnectPath !== undefined) await preconnect(pool, o.preconnectPath, o.inFlight);
  o.onStart?.();
  const t0 = performance.now();
  const record = (started: number, status: number | Error, inbound: boolean): void => {
    const end = performance.now();
    lastAckAt = end;
    const ms = end - started;
    ackAll.push(ms);
    if (inbound) ackInbound.push(ms);
    if (status instanceof Error || status !== 200) {
      ackErrors++;
      if (errorSamples.length < 5) errorSamples.push(status instanceof Error ? status.message : `HTTP ${status}`);
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const job = take();
      if (job === null) return;
      if (job === 'wait') {
        await waitForWork();
        continue;
      }
      if (job.kind === 'status') {
        const started = performance.now();
        statusPosted++;
        try {
          record(started, await postWebhook(pool, job.body), false);
        } catch (err) {
          record(started, err as Error, false);
        }
        continue;
      }
      const j = plan.jobs[job.index]!;
      if (j.after !== undefined) await ackWaiters.get(j.after)?.promise;
      const started = performance.now();
      const first = Number.isNaN(postAt[j.user]!);
      if (first) postAt[j.user] = started;
      inboundPosted++;
      try {
        record(started, await postWebhook(pool, j.body), true);
      } catch (err) {
        record(started, err as Error, true);
      }
      if (first) ackAt[j.user] = performance.now();
      ackWaiters.get(job.index)?.resolve();
    }
  };

  const ticker = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    const rss = o.rssMb ? ` rss ${o.rssMb().toFixed(0)} MB` : '';
    o.progress(
      `${plan.label}: posted ${inboundPosted}/${plan.jobs.length}${o.statuses ? ` +${statusPosted} statuses` : ''}, ` +
        `replies ${graph.stats.sends}/${totalExpected}, reads ${graph.stats.reads}, ${s.toFixed(1)} s${rss}`,
    );
  }, 250);

  const workers = Array.from({ length: o.inFlight }, () => worker());
  let inboundDone = false;
  let inboundDoneAt = 0;
  const allInboundAcked = (async () => {
    // Inbound is done when every job was taken and acknowledged: poll cheaply.
    while (inboundPosted < plan.jobs.length || ackInbound.length < plan.jobs.length) await sleep(5);
    inboundDone = true;
    inboundDoneAt = performance.now();
  })();

  // Wait for the replies: all expected ones, or no progress for drainTimeoutMs after the last post.
  let drainTimedOut = false;
  let lastSends = -1;
  let lastChange = performance.now();
  for (;;) {
    if (graph.stats.sends >= totalExpected && inboundDone) break;
    if (graph.stats.sends !== lastSends) {
      lastSends = graph.stats.sends;
      lastChange = performance.now();
    } else if (inboundDone && performance.now() - Math.max(lastChange, inboundDoneAt) > o.drainTimeoutMs) {
      drainTimedOut = true;
      break;
    }
    await sleep(5);
  }
  await allInboundAcked;
  o.onDrained?.();
  // Listen a little longer for duplicates (their status callbacks are posted too).
  await sleep(o.quietMs);
  closed = true;
  wakeAll();
  await Promise.all(workers);
  clearInterval(ticker);
  graph.onSend = null;
  await pool.close();

  let lost = 0;
  let dup = 0;
  let short = 0;
  let lastReply = 0;
  const e2e: number[] = [];
  for (let i = 0; i < users; i++) {
    const rec = graph.recipients.get(plan.phones[i]!);
    const count = rec?.count ?? 0;
    const want = plan.expected[i]!;
    if (count === 0) {
      lost++;
      continue;
    }
    if (count > want) dup++;
    else if (count < want) short++;
    const first = rec!.arrivals[0]!;
    e2e.push(first - postAt[i]!);
    const lastWanted = rec!.arrivals[Math.min(count, want) - 1]!;
    if (lastWanted > lastReply) lastReply = lastWanted;
  }
  const ackSeconds = (lastAckAt - t0) / 1000;
  const replySeconds = (lastReply - t0) / 1000;
  return {
    users,
    inboundPosted,
    statusPosted,
    webhooks: ackAll.length,
    ackErrors,
    errorSamples,
    ackSeconds,
    ackPerSec: ackAll.length / ackSeconds,
    replySeconds,
    repliesPerSec: (users - lost) / replySeconds,
    sendsPerSec: Math.min(graph.stats.sends, totalExpected) / replySeconds,
    sends: graph.stats.sends,
    reads: graph.stats.reads,
    e2e: percentiles(e2e),
    ack: percentiles(ackAll),
    ackInbound: percentiles(ackInbound),
    lost,
    dup,
    short,
    drainTimedOut,
    timing: { t0, postAt, ackAt },
  };
}

// ------------------------------------------------------------------------------------------------
// Plans
// ------------------------------------------------------------------------------------------------

/** N new users each say "hi" once: exactly one reply each (the welcome menu). */
export function burstPlan(label: string, users: number, prefix: string, tag: string): LoadPlan {
  const ts = nowSec();
  const phones: string[] = [];
  const jobs: LoadJob[] = [];
  for (let i = 0; i < users; i++) {
    const phone = userPhone(prefix, i);
    phones.push(phone);
    jobs.push({
      user: i,
      body: sign(
        envelope({
          messages: [textMessage(phone, 'hi', { wamid: `wamid.BENCH_${tag}_${i}`, ts })],
          name: `Bench User ${i}`,
        }),
      ),
    });
  }
  return { label, phones, expected: phones.map(() => 1), jobs };
}

/** The three messages of a "multi" user in the rate scenario, and the reply types they must get, in order. */
const MULTI_SCRIPT = ['hi', '5', '6'];
export const MULTI_EXPECTED_TYPES = ['interactive', 'text', 'interactive', 'document', 'interactive'];

/**
 * Rate scenario: `single` users say "hi" once, plus `multi` users who send three messages each (hi,
 * 5, 6; each posted after the previous one was acknowledged), spread through the burst.
 */
export function ratePlan(
  label: string,
  single: number,
  multi: number,
  prefix: string,
  tag: string,
): LoadPlan & { multiFrom: number } {
  const ts = nowSec();
  const phones: string[] = [];
  const expected: number[] = [];
  const jobs: LoadJob[] = [];
  for (let i = 0; i < single; i++) {
    const phone = userPhone(prefix, i);
    phones.push(phone);
    expected.push(1);
  }
  for (let k = 0; k < multi; k++) {
    phones.push(userPhone(prefix, single + k));
    expected.push(MULTI_EXPECTED_TYPES.length);
  }
  // Singles in order; each multi user's messages start at an evenly spread position.
  const multiStart = new Map<number, number>();
  for (let k = 0; k < multi; k++) multiStart.set(Math.floor((k * single) / Math.max(1, multi)), k);
  for (let i = 0; i < single; i++) {
    const k = multiStart.get(i);
    if (k !== undefined) {
      const user = single + k;
      const phone = phones[user]!;
      let prev: number | undefined;
      MULTI_SCRIPT.forEach((text, step) => {
        const index = jobs.length;
        jobs.push({
          user,
          body: sign(
            envelope({
              messages: [textMessage(phone, text, { wamid: `wamid.BENCH_${tag}_m${k}_${step}`, ts: ts + step })],
            }),
          ),
          ...(prev !== undefined ? { after: prev } : {}),
        });
        prev = index;
      });
    }
    const phone = phones[i]!;
    jobs.push({
      user: i,
      body: sign(envelope({ messages: [textMessage(phone, 'hi', { wamid: `wamid.BENCH_${tag}_${i}`, ts })] })),
    });
  }
  return { label, phones, expected, jobs, multiFrom: single };
}

/** The top-level `type` of each body a recipient received. */
export function replyTypes(bodies: readonly string[]): string[] {
  return bodies.map((b) => {
    try {
      return String((JSON.parse(b) as { type?: unknown }).type);
    } catch {
      return '?';
    }
  });
}

export interface RateCheck {
  windows: WindowRates;
  multiUsers: number;
  multiInOrder: number;
  /** Single users: the largest distance between a user's place in the post order and in the reply order. */
  maxDisplacement: number;
  /** Sends in each whole second from the first send (and in each 100 ms of the first two seconds). */
  perSecond: number[];
  first2sPer100ms: number[];
  /** Sends in each 100 ms from the first send, the whole run. */
  per100ms: number[];
  /** The most displaced single users: place in the post order vs in the reply order, and when (ms from the first post) each was posted, acknowledged and answered. */
  mostDisplaced: { user: number; posted: number; replied: number; postMs: number; ackMs: number; replyMs: number }[];
}

export function checkRate(
  graph: LeanFakeGraph,
  plan: LoadPlan & { multiFrom: number },
  timing: LoadResult['timing'],
): RateCheck {
  const windows = slidingWindowRates(graph.sendTimes);
  let multiInOrder = 0;
  for (let u = plan.multiFrom; u < plan.phones.length; u++) {
    const bodies = graph.recipients.get(plan.phones[u]!)?.bodies ?? [];
    if (replyTypes(bodies).join(',') === MULTI_EXPECTED_TYPES.join(',')) multiInOrder++;
  }
  // FIFO across users (single users only): rank by the post's start vs rank by the reply's arrival.
  const firsts: { u: number; at: number }[] = [];
  for (let u = 0; u < plan.multiFrom; u++) {
    const at = graph.recipients.get(plan.phones[u]!)?.arrivals[0];
    if (at !== undefined) firsts.push({ u, at });
  }
  const postRank = new Map<number, number>();
  [...firsts].sort((a, b) => timing.postAt[a.u]! - timing.postAt[b.u]!).forEach((f, rank) => postRank.set(f.u, rank));
  firsts.sort((a, b) => a.at - b.at);
  let maxDisplacement = 0;
  const displaced: RateCheck['mostDisplaced'] = [];
  const rel = (v: number): number => Math.round(v - timing.t0);
  firsts.forEach((f, rank) => {
    const posted = postRank.get(f.u) ?? f.u;
    maxDisplacement = Math.max(maxDisplacement, Math.abs(posted - rank));
    displaced.push({
      user: f.u,
      posted,
      replied: rank,
      postMs: rel(timing.postAt[f.u]!),
      ackMs: rel(timing.ackAt[f.u]!),
      replyMs: rel(f.at),
    });
  });
  const mostDisplaced = displaced
    .sort((a, b) => Math.abs(b.posted - b.replied) - Math.abs(a.posted - a.replied))
    .slice(0, 10);
  const times = [...graph.sendTimes].sort((a, b) => a - b);
  const perSecond: number[] = [];
  const per100ms: number[] = [];
  const t0 = times[0] ?? 0;
  for (const t of times) {
    const s = Math.floor((t - t0) / 1000);
    perSecond[s] = (perSecond[s] ?? 0) + 1;
    const d = Math.floor((t - t0) / 100);
    per100ms[d] = (per100ms[d] ?? 0) + 1;
  }
  for (let i = 0; i < perSecond.length; i++) perSecond[i] ??= 0;
  for (let i = 0; i < per100ms.length; i++) per100ms[i] ??= 0;
  const first2sPer100ms = Array.from({ length: 20 }, (_, i) => per100ms[i] ?? 0);
  return {
    windows,
    multiUsers: plan.phones.length - plan.multiFrom,
    multiInOrder,
    maxDisplacement,
    perSecond,
    first2sPer100ms,
    per100ms,
    mostDisplaced,
  };
}

// ------------------------------------------------------------------------------------------------
// Conversation: M users at once, each running the scripted conversation and waiting for each
// answer before the next message, like a person.
// ------------------------------------------------------------------------------------------------

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
    name: 'e-mail → lead saved',
    make: (p, id, ts, u) => textMessage(p, `ana.bench${u}@example.com`, { wamid: id, ts }),
    expect: ['text', 'interactive'],
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
