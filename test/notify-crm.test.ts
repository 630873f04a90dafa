// Lead events to the CRM webhook end to end: WhatsApp webhooks in, a real HTTP receiver on
// loopback out (it checks the signature itself and drops repeats by idempotency key), both databases.
import { afterEach, expect, it } from 'vitest';
import { notificationHandlers } from '../src/pipeline/notification-handlers.js';
import { NotificationWorker } from '../src/pipeline/notification-worker.js';
import { startCrmReceiver, type CrmReceiver } from './helpers/crm-receiver.js';
import { notificationsOf, retryNow, sayInOrder, waitForNotification } from './helpers/fake-smtp.js';
import { ManualClock, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550007101';
const SECRET = 'crm-shared-secret';
const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describeEachDb('lead events to the CRM webhook', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function receiver(): Promise<CrmReceiver> {
    const crm = await startCrmReceiver(SECRET);
    cleanups.push(() => crm.close());
    return crm;
  }
  async function bot(
    crm: CrmReceiver,
    opts: Parameters<typeof startTestBot>[2] = {},
    secret = SECRET,
  ): Promise<TestBot> {
    const b = await startTestBot(kind, { LEAD_WEBHOOK_URL: crm.url, LEAD_WEBHOOK_SECRET: secret }, opts);
    cleanups.push(() => b.stop());
    return b;
  }
  /** Option 3 (after `before`), all in one webhook: the lead is saved. */
  async function leaveLead(b: TestBot, email: string, before: string[] = []): Promise<void> {
    await sayInOrder(b, USER, [...before, '3', 'Ana Lima', email]);
  }

  it('posts each lead event signed, keyed by its event id, in the documented version-1 shape', async () => {
    const crm = await receiver();
    const b = await bot(crm);
    await leaveLead(b, 'ana@example.com', ['2', '250000']);

    const row = await waitForNotification(b, 'lead_webhook', (r) => r.status === 'sent');
    expect(row.attempts).toBe(1);
    expect(crm.posts).toHaveLength(1);
    const post = crm.posts[0]!;
    expect(post.signatureValid).toBe(true);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['x-nexora-event']).toBe('lead.created');
    const event = JSON.parse(post.raw.toString('utf8')) as { eventId: string; recentMessages: object[] };
    expect(post.headers['idempotency-key']).toBe(event.eventId);
    expect(event).toEqual({
      version: 1,
      event: 'lead.created',
      eventId: expect.stringMatching(/^lead-wamid\./),
      occurredAt: ISO,
      lead: {
        phone: USER,
        name: 'Ana Lima',
        email: 'ana@example.com',
        interest: expect.any(String),
        budgetUsd: 250000,
        countryOfInterest: null,
        // No language detected from "3", names and an address; no ad: a direct lead.
        language: null,
        source: 'direct',
        createdAt: ISO,
        updatedAt: ISO,
      },
      recentMessages: expect.arrayContaining([{ direction: 'incoming', text: 'ana@example.com', at: ISO }]),
    });
    for (const m of event.recentMessages) expect(Object.keys(m).sort()).toEqual(['at', 'direction', 'text']);
    // In conversation order although the three messages came in one webhook, before any answer.
    const lastFive = (event.recentMessages as { direction: string; text: string }[]).slice(-5);
    // The last is the lead saved, thanked with the consultant offer in one message (Yes / No buttons).
    expect(lastFive.map((m) => m.direction)).toEqual(['outgoing', 'incoming', 'outgoing', 'incoming', 'outgoing']);
    expect(lastFive.map((m) => m.text)).toEqual([
      expect.stringMatching(/name/i),
      'Ana Lima',
      expect.stringContaining('What is your e-mail address?'),
      'ana@example.com',
      expect.stringMatching(/Thank you, Ana Lima![\s\S]*consultant/),
    ]);

    await leaveLead(b, 'ana.lima@work.example');
    await waitForNotification(b, 'lead_webhook', (r) => r.id !== row.id && r.status === 'sent');
    expect(crm.posts[1]!.headers['x-nexora-event']).toBe('lead.updated');
    expect(crm.processed.size).toBe(2);
  });

  it('is refused by a receiver holding another secret, and not retried (401 is permanent)', async () => {
    const crm = await receiver();
    const b = await bot(crm, {}, 'not-the-shared-secret');
    await leaveLead(b, 'ana@example.com');

    const row = await waitForNotification(b, 'lead_webhook', (r) => r.status === 'failed');
    expect(row).toMatchObject({ attempts: 1, last_error: 'HTTP 401: not ok' });
    expect(crm.posts.map((p) => p.signatureValid)).toEqual([false]);
    expect(crm.processed.size).toBe(0);
  });

  it('retries after a 500 and delivers the same bytes once more; the receiver processes the event once', async () => {
    const clock = new ManualClock();
    const crm = await receiver();
    crm.script(500);
    const b = await bot(crm, { clock });
    await leaveLead(b, 'ana@example.com');

    const failed = await retryNow(b, clock, 'lead_webhook', 1);
    expect(failed.last_error).toBe('HTTP 500: not ok');
    const row = await waitForNotification(b, 'lead_webhook', (r) => r.status === 'sent');
    expect(row.attempts).toBe(2);
    expect(crm.posts.map((p) => p.status)).toEqual([500, 200]);
    expect(crm.posts[1]!.raw.equals(crm.posts[0]!.raw)).toBe(true);
    expect(crm.processed.size).toBe(1);
  });

  it('fails for good on a 404, without retrying', async () => {
    const crm = await receiver();
    crm.otherwise = 404;
    const b = await bot(crm);
    await leaveLead(b, 'ana@example.com');

    const row = await waitForNotification(b, 'lead_webhook', (r) => r.status === 'failed');
    expect(row).toMatchObject({ attempts: 1, last_error: 'HTTP 404: not ok' });
    expect(await b.runtime.notifications.claim(10)).toEqual([]);
    expect(crm.posts).toHaveLength(1);
  });

  it('retries a receiver slower than the timeout; the repeat carries the same idempotency key', async () => {
    const clock = new ManualClock();
    const crm = await receiver();
    crm.script({ status: 200, delayMs: 2_000 });
    const b = await bot(crm, { clock, startWorkers: false });
    // The runtime's worker waits 10 s for a CRM; this one is built the same way with a short bound.
    const { runtime } = b;
    const worker = new NotificationWorker({
      db: runtime.deps.db,
      clock,
      log: runtime.log,
      handlers: notificationHandlers(
        runtime.config,
        null,
        () => runtime.sender.wake(),
        () => clock.now(),
        { webhookTimeoutMs: 200 },
      ),
      pollMs: 20,
      random: () => 0,
    });
    runtime.inbound.start();
    runtime.sender.start();
    worker.start();
    cleanups.push(() => worker.stop());
    await leaveLead(b, 'ana@example.com');

    const timedOut = await retryNow(b, clock, 'lead_webhook', 1);
    expect(timedOut.last_error).toBe('timeout after 200 ms');
    const row = await waitForNotification(b, 'lead_webhook', (r) => r.status === 'sent');
    expect(row.attempts).toBe(2);
    expect(crm.posts).toHaveLength(2);
    expect(new Set(crm.posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(crm.processed.size).toBe(1);
    expect(await notificationsOf(b, 'lead_webhook')).toHaveLength(1);
  });
});
