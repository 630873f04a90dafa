// A lean fake of Meta's Graph API messages endpoint for the benchmark: loopback, keep-alive, answers
// like Meta, optional latency, and records only what the benchmark needs, cheaply: per recipient the
// count and arrival times of message sends (mark-reads are only counted), optionally the bodies.
// The test helper (test/helpers/fake-graph.ts) records every request in full and would distort
// the measurement.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RecipientRecord {
  /** Message sends (not mark-reads) accepted for this recipient. */
  count: number;
  /** performance.now() at the arrival of each send, in order. */
  arrivals: number[];
  /** The raw JSON bodies, in arrival order (only while `recordBodies` is on). */
  bodies: string[] | null;
  waiter: { count: number; resolve: () => void } | null;
}

export interface LeanFakeGraph {
  readonly url: string;
  /** Delay before each answer (ms); 0 = answer at once. */
  latencyMs: number;
  /** Keep every send body per recipient (conversation and rate scenarios). */
  recordBodies: boolean;
  /** Keep the arrival time of every send in `sendTimes` (rate scenario). */
  recordTimes: boolean;
  readonly sendTimes: number[];
  /** Called for every accepted send, after it is answered (the statuses scenario posts callbacks). */
  onSend: ((recipient: string, wamid: string) => void) | null;
  /** recipients = how many recipients have had at least one send. */
  readonly stats: { sends: number; reads: number; other: number; recipients: number };
  /** Recipient digits → record. */
  readonly recipients: Map<string, RecipientRecord>;
  /** Recipients whose sends Meta refuses with 131056 (pair rate limit, retryable) for as long as they are listed. */
  readonly failing: Set<string>;
  /**
   * Capacity mode (throttle scenario): a token bucket admitting this many sends per second (burst:
   * a fifth of a second's worth); sends beyond it get Meta's 400 / 130429. null = no limit.
   */
  capacityPerSecond: number | null;
  /** Partial-outage mode: this share (0…1) of sends get HTTP 500, at random. */
  failShare: number;
  /** Sends refused by the capacity mode, and answered 500 by the partial-outage mode. */
  readonly refused: { throttled: number; outage: number };
  /** Resolves when `recipient` has received at least `count` sends. */
  waitFor(recipient: string, count: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const TO_MARK = '"to":"';

/** The recipient's digits from a Graph body (`"to":"+4915…"`), or null for a mark-read. */
function recipientOf(text: string): string | null {
  const at = text.indexOf(TO_MARK);
  if (at < 0) return null;
  const start = at + TO_MARK.length;
  const end = text.indexOf('"', start);
  if (end < 0) return null;
  let raw = text.slice(start, end);
  if (raw.startsWith('+')) raw = raw.slice(1);
  return raw;
}

export async function startLeanFakeGraph(opts: { latencyMs?: number } = {}): Promise<LeanFakeGraph> {
  let counter = 0;
  const recipients = new Map<string, RecipientRecord>();
  const stats = { sends: 0, reads: 0, other: 0, recipients: 0 };
  const sendTimes: number[] = [];
  const refused = { throttled: 0, outage: 0 };
  let tokens = 0;
  let tokensAt = 0;
  let bucketFor: number | null = null;

  /** Capacity mode: true when the bucket has a token for this send (and takes it). */
  function admitted(now: number): boolean {
    const perSecond = fake.capacityPerSecond;
    if (perSecond === null) return true;
    const burst = Math.max(1, perSecond / 5);
    if (bucketFor !== perSecond) {
      bucketFor = perSecond;
      tokens = burst;
      tokensAt = now;
    }
    tokens = Math.min(burst, tokens + ((now - tokensAt) / 1000) * perSecond);
    tokensAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  function record(to: string, at: number, text: string): RecipientRecord {
    let rec = recipients.get(to);
    if (rec === undefined) {
      rec = { count: 0, arrivals: [], bodies: fake.recordBodies ? [] : null, waiter: null };
      recipients.set(to, rec);
    }
    if (rec.count === 0) stats.recipients++;
    rec.count++;
    rec.arrivals.push(at);
    if (rec.bodies !== null) rec.bodies.push(text);
    if (fake.recordTimes) sendTimes.push(at);
    const w = rec.waiter;
    if (w !== null && rec.count >= w.count) {
      rec.waiter = null;
      w.resolve();
    }
    return rec;
  }

  function answer(res: ServerResponse, status: number, body: string, after: (() => void) | null): void {
    const send = (): void => {
      res
        .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
        .end(body);
      after?.();
    };
    if (fake.latencyMs > 0) setTimeout(send, fake.latencyMs);
    else send();
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      if (req.method !== 'POST' || !req.url?.endsWith('/messages')) {
        stats.other++;
        answer(
          res,
          400,
          '{"error":{"message":"(#100) Unsupported post request","type":"OAuthException","code":100}}',
          null,
        );
        return;
      }
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      const to = recipientOf(text);
      if (to === null) {
        // Mark read (and typing indicator): {"status":"read","message_id":…}
        stats.reads++;
        answer(res, 200, '{"success":true}', null);
        return;
      }
      if (fake.failing.has(to)) {
        stats.other++;
        answer(
          res,
          400,
          '{"error":{"message":"(#131056) pair rate limit hit","type":"OAuthException","code":131056}}',
          null,
        );
        return;
      }
      if (fake.failShare > 0 && Math.random() < fake.failShare) {
        refused.outage++;
        answer(res, 500, '{"error":{"message":"Fake outage","type":"FakeGraphException"}}', null);
        return;
      }
      if (!admitted(at)) {
        refused.throttled++;
        answer(
          res,
          400,
          '{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429}}',
          null,
        );
        return;
      }
      stats.sends++;
      counter++;
      const wamid = `wamid.B${counter}`;
      record(to, at, text);
      const body = `{"messaging_product":"whatsapp","contacts":[{"input":"+${to}","wa_id":"${to}"}],"messages":[{"id":"${wamid}"}]}`;
      const hook = fake.onSend;
      answer(res, 200, body, hook === null ? null : () => hook(to, wamid));
    });
  }

  const server = createServer({ keepAliveTimeout: 120_000, requestTimeout: 0, headersTimeout: 120_000 }, onRequest);
  server.maxRequestsPerSocket = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: LeanFakeGraph = {
    url: `http://127.0.0.1:${port}`,
    latencyMs: opts.latencyMs ?? 0,
    recordBodies: false,
    recordTimes: false,
    sendTimes,
    onSend: null,
    stats,
    recipients,
    failing: new Set<string>(),
    capacityPerSecond: null,
    failShare: 0,
    refused,
    waitFor(recipient, count) {
      let rec = recipients.get(recipient);
      if (rec === undefined) {
        rec = { count: 0, arrivals: [], bodies: fake.recordBodies ? [] : null, waiter: null };
        recipients.set(recipient, rec);
      }
      if (rec.count >= count) return Promise.resolve();
      const r = rec;
      return new Promise<void>((resolve) => {
        r.waiter = { count, resolve };
      });
    },
    reset() {
      recipients.clear();
      sendTimes.length = 0;
      stats.sends = 0;
      stats.reads = 0;
      stats.other = 0;
      stats.recipients = 0;
      fake.onSend = null;
      fake.recordBodies = false;
      fake.recordTimes = false;
      fake.capacityPerSecond = null;
      fake.failShare = 0;
      bucketFor = null;
      refused.throttled = 0;
      refused.outage = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
