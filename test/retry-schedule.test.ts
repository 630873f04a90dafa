// Issue 13, "bound the tail": no message waits more than 60 s between attempts unless Meta's
// Retry-After says so, and a message is marked failed only when its attempts are used up, never
// because time ran out. A real sender on a real database (both kinds), the fake Graph API on
// loopback, and a controlled clock moved to each retry's time.
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_MAX_SEND_ATTEMPTS, MAX_RETRY_DELAY_MS, OutboundSender } from '../src/pipeline/outbound-sender.js';
import { queueOutbound } from '../src/pipeline/queue-outbound.js';
import { createDb, resolveDbTarget, type DbHandle } from '../src/store/create-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { MessageRow } from '../src/store/schema.js';
import { createGraphClient, type GraphClient } from '../src/whatsapp/graph-client.js';
import { startFakeGraph, type FakeGraph } from './helpers/fake-graph.js';
import { BUSINESS } from './helpers/payloads.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from './helpers/test-db.js';

const USER = '155500730000';

describeEachDb('a failing message retries on a bounded schedule (controlled clock)', (kind) => {
  const clock = { t: 1_900_000_000_000, now: () => clock.t };
  let database: TestDatabase;
  let graph: FakeGraph;
  let handle: DbHandle;
  let client: GraphClient;
  let sender: OutboundSender;

  afterEach(async () => {
    await sender.stop();
    await client.close();
    await handle.db.destroy();
    await graph.close();
    await database.drop();
  });

  async function setUp(): Promise<void> {
    database = await createTestDatabase(kind);
    graph = await startFakeGraph();
    handle = createDb(resolveDbTarget(database.url), { poolSize: 2 });
    await migrateToLatest(handle.db);
    client = createGraphClient({
      baseUrl: graph.url,
      version: 'v24.0',
      phoneNumberId: BUSINESS.phoneNumberId,
      token: 't',
    });
    // random() = 1: the largest jitter, so the bound is tested at its worst.
    sender = new OutboundSender({
      db: handle.db,
      clock,
      log: pino({ level: 'silent' }),
      graph: client,
      tokenFingerprint: 't',
      ratePerSecond: 0,
      pollMs: 20,
      random: () => 1,
    });
    await queueOutbound(handle.db, {
      phone: USER,
      replies: [{ kind: 'text', body: 'hello' }],
      replyTo: null,
      now: clock.t,
    });
  }

  /** Waits until attempt `n` is recorded (the row is out of `sending`). */
  async function afterAttempt(n: number): Promise<MessageRow> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const row = await handle.db
        .selectFrom('whatsapp_messages')
        .selectAll()
        .where('phone', '=', USER)
        .executeTakeFirst();
      if (row && row.attempts === n && row.status !== 'sending') return row;
      if (Date.now() > deadline) throw new Error(`attempt ${n} never recorded`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('waits at most 60 s between attempts and fails only after the last one, however long it has been', async () => {
    await setUp();
    graph.respondWith((req) => (req.kind === 'send' ? { status: 500, body: 'down' } : undefined));
    sender.start();
    const waits: number[] = [];
    for (let n = 1; n < DEFAULT_MAX_SEND_ATTEMPTS; n++) {
      const row = await afterAttempt(n);
      expect(row.status).toBe('queued');
      waits.push(row.next_attempt_at! - clock.t);
      // Two days pass before the next attempt: the message is still retried, not given up on.
      clock.t = row.next_attempt_at! + (n === 4 ? 2 * 24 * 3_600_000 : 0);
      sender.wake();
    }
    const last = await afterAttempt(DEFAULT_MAX_SEND_ATTEMPTS);
    expect(last.status).toBe('failed');
    expect(Math.max(...waits)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    expect(waits.at(-1)).toBe(MAX_RETRY_DELAY_MS); // the backoff reached the cap and stayed there
    expect(graph.sent).toHaveLength(DEFAULT_MAX_SEND_ATTEMPTS);
  }, 60_000);

  it("waits longer than 60 s only when Meta's Retry-After asks for it", async () => {
    await setUp();
    graph.fail({ status: 503, retryAfterSec: 120 });
    sender.start();
    const row = await afterAttempt(1);
    expect(row.status).toBe('queued');
    expect(row.next_attempt_at! - clock.t).toBeGreaterThanOrEqual(120_000);
  }, 60_000);
});
