// Issue 13: the send circuit breaker, with a controlled clock. It opens when most sends to
// many users fail, pauses every sender sharing the database, lets exactly one probe through once
// its bounded open time is over, reopens for twice as long when the probe fails, and closes when
// it goes through. Real senders, a real database (both kinds), the fake Graph API on loopback.
import { afterEach, expect, it } from 'vitest';
import { pino } from 'pino';
import { OutboundSender } from '../src/pipeline/outbound-sender.js';
import { queueOutbound } from '../src/pipeline/queue-outbound.js';
import { BREAKER_OPEN_MS, readBreaker } from '../src/pipeline/send-breaker.js';
import { createDb, resolveDbTarget, type DbHandle } from '../src/store/create-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createGraphClient, type GraphClient } from '../src/whatsapp/graph-client.js';
import { startFakeGraph, type FakeGraph } from './helpers/fake-graph.js';
import { BUSINESS } from './helpers/payloads.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from './helpers/test-db.js';

const clock = { t: 1_900_000_000_000, now: () => clock.t };
const log = pino({ level: 'silent' });

/** Polls the database until `pred` holds (the senders run on their own; this waits for their effect). */
async function until<T>(read: () => Promise<T>, pred: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await read();
    if (pred(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeEachDb('send circuit breaker (controlled clock)', (kind) => {
  let database: TestDatabase;
  let graph: FakeGraph;
  const handles: DbHandle[] = [];
  const clients: GraphClient[] = [];
  const senders: OutboundSender[] = [];
  let failing = true;

  afterEach(async () => {
    for (const s of senders.splice(0)) await s.stop();
    for (const c of clients.splice(0)) await c.close();
    for (const h of handles.splice(0)) await h.db.destroy();
    await graph.close();
    await database.drop();
  });

  async function setUp(instances: number): Promise<DbHandle> {
    database = await createTestDatabase(kind);
    graph = await startFakeGraph();
    failing = true;
    graph.respondWith((req) => (req.kind === 'send' && failing ? { status: 500, body: 'down' } : undefined));
    for (let i = 0; i < instances; i++) {
      const handle = createDb(resolveDbTarget(database.url), { poolSize: 4 });
      handles.push(handle);
      if (i === 0) await migrateToLatest(handle.db);
      const client = createGraphClient({
        baseUrl: graph.url,
        version: 'v24.0',
        phoneNumberId: BUSINESS.phoneNumberId,
        token: 't',
      });
      clients.push(client);
      senders.push(
        new OutboundSender({
          db: handle.db,
          clock,
          log,
          graph: client,
          tokenFingerprint: 't',
          ratePerSecond: 0,
          pollMs: 20,
          random: () => 0.5,
        }),
      );
    }
    return handles[0]!;
  }

  async function queueUsers(db: DbHandle, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await queueOutbound(db.db, {
        phone: String(155500700000 + i),
        replies: [{ kind: 'text', body: `hello ${i}` }],
        replyTo: null,
        now: clock.now(),
      });
    }
  }

  const sendsAnswered = (): number => graph.sent.filter((r) => r.response !== undefined).length;
  /** Every first attempt answered and recorded: all rows back in the queue, none being sent. */
  const allRequeued = (db: DbHandle, n: number) =>
    until(
      () => db.db.selectFrom('whatsapp_messages').select('status').where('status', '=', 'queued').execute(),
      (rows) => rows.length === n,
      'every attempt to be recorded',
    );

  it('opens on many users failing, probes once when the open time is over, reopens longer, then closes', async () => {
    const db = await setUp(1);
    await queueUsers(db, 8);
    for (const s of senders) s.start();
    const opened = await until(
      () => readBreaker(db.db),
      (b) => b?.state === 'open',
      'the breaker to open',
    );
    expect(opened!.until - opened!.openedAt).toBe(BREAKER_OPEN_MS);
    await allRequeued(db, 8);

    // Past the open time: exactly one send (the probe); Meta still fails, so it opens for twice as long.
    const before = sendsAnswered();
    clock.t = opened!.until + 1;
    const reopened = await until(
      () => readBreaker(db.db),
      (b) => b?.state === 'open' && b.openMs === 2 * BREAKER_OPEN_MS,
      'the probe to reopen it',
    );
    expect(reopened!.openMs).toBe(2 * BREAKER_OPEN_MS);
    expect(sendsAnswered()).toBe(before + 1);

    // Meta is back: the next probe closes the breaker and every reply goes out, each once.
    failing = false;
    clock.t = reopened!.until + 1;
    await until(
      () => readBreaker(db.db),
      (b) => b === undefined,
      'the breaker to close',
    );
    clock.t += 60_000; // every message's own backoff is over
    for (const s of senders) s.wake();
    await graph.waitFor(() => graph.accepted.length >= 8, 15_000);
    expect(new Set(graph.accepted.map((a) => a.to)).size).toBe(8);
  }, 60_000);

  it('never opens for one recipient failing again and again', async () => {
    const db = await setUp(1);
    failing = false;
    graph.poison('155500700000');
    await queueUsers(db, 8);
    for (const s of senders) s.start();
    await graph.waitFor(() => graph.accepted.length >= 7, 15_000);
    const poisoned = () =>
      db.db
        .selectFrom('whatsapp_messages')
        .select(['status', 'attempts'])
        .where('phone', '=', '155500700000')
        .executeTakeFirstOrThrow();
    for (let attempts = 1; attempts <= 5; attempts++) {
      // Its attempt is recorded (back in the queue) before the clock moves on to its next one.
      await until(poisoned, (r) => r.status === 'queued' && r.attempts === attempts, `attempt ${attempts}`);
      clock.t += 60_000;
      senders[0]!.wake();
    }
    await until(poisoned, (r) => r.status === 'queued' && r.attempts === 6, 'attempt 6');
    expect(await readBreaker(db.db)).toBeUndefined();
  }, 60_000);

  if (kind === 'postgres') {
    it('is shared by two instances: both pause, and only one of them probes', async () => {
      const db = await setUp(2);
      await queueUsers(db, 16);
      for (const s of senders) s.start();
      const opened = await until(
        () => readBreaker(db.db),
        (b) => b?.state === 'open',
        'the breaker to open',
      );
      await allRequeued(db, 16);
      // Both instances re-read the shared state (their cache lasts 250 ms of the clock); retries are due.
      clock.t += 1_000;
      const before = sendsAnswered();
      clock.t = opened!.until + 1;
      const reopened = await until(
        () => readBreaker(db.db),
        (b) => b?.state === 'open' && b.openMs === 2 * BREAKER_OPEN_MS,
        'the probe to reopen it',
      );
      expect(sendsAnswered()).toBe(before + 1);
      failing = false;
      clock.t = reopened!.until + 60_000;
      await until(
        () => readBreaker(db.db),
        (b) => b === undefined,
        'the breaker to close',
      );
      for (const s of senders) s.wake();
      await graph.waitFor(() => graph.accepted.length >= 16, 15_000);
      expect(new Set(graph.accepted.map((a) => a.to)).size).toBe(16);
    }, 60_000);
  }
});
