// The load driver (bench/README.md): posts signed, real-shaped webhooks through an undici pool (64 in
// flight by default); measures acknowledgement latency per request and, with the lean fake Graph
// API in the same process (same clock), the time from the post of a user's message to the arrival
// of its reply.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { envelope, statusUpdate } from '../../test/helpers/payloads.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { percentiles, type Percentiles } from '../stats.js';
import { newPool, nowSec, postWebhook, preconnect, sign, type Progress, type SignedBody } from './http.js';

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
  /** Pace the inbound posts: job i is posted no earlier than i / postsPerSecond s after the start. */
  postsPerSecond?: number;
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
      if (o.postsPerSecond !== undefined) {
        const due = t0 + (job.index * 1000) / o.postsPerSecond - performance.now();
        if (due > 0) await sleep(due);
      }
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
  let inboundDone = false as boolean; // set by allInboundAcked while the loop below polls
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
