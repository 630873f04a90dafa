// The admin e-mail when the mail server is down, refuses, hangs, or the bot restarts mid-send: no
// lead lost, none e-mailed twice, the chat never held up. Real SMTP server (smtp-server), both
// databases. Retries run on a manual clock: the real backoff, without waiting for it.
import { expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS } from '../src/pipeline/notification-worker.js';
import { closedPort, notificationsOf, retryNow, waitForNotification } from './helpers/fake-smtp.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { bodyText, ManualClock } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { MAIL_USER, useMailFixture } from './helpers/mail-fixture.js';

const USER = MAIL_USER;

describeEachDb('lead e-mail when SMTP or the bot fails', (kind) => {
  const { bot, smtp, leaveLead } = useMailFixture(kind);

  it('keeps the lead while the mail server is down, backs off, and delivers it once when it is back on the same port', async () => {
    const clock = new ManualClock();
    const port = await closedPort();
    const b = await bot({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { clock });
    // The conversation does not wait for the mail server.
    expect(await leaveLead(b, 'Ana Lima', 'ana@example.com')).toContain('Thank you, Ana Lima');

    const first = await retryNow(b, clock, 'lead_email', 1);
    expect(first.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
    const second = await waitForNotification(b, 'lead_email', (r) => r.status === 'pending' && r.attempts === 2);
    // Exponential: the second wait is twice the first (jitter is off in tests).
    expect(Number(second.next_attempt_at) - Number(second.updated_at)).toBe(
      2 * (Number(first.next_attempt_at) - Number(first.updated_at)),
    );

    const server = await smtp({ kind: 'accept' }, port);
    await retryNow(b, clock, 'lead_email', 2);
    const row = await waitForNotification(b, 'lead_email', (r) => r.status === 'sent');
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBeNull();
    expect(server.accepted).toHaveLength(1);
    expect(server.accepted[0]!.text).toContain('ana@example.com');
  });

  it('fails at once, with the server answer, on a permanent 5xx refusal', async () => {
    const server = await smtp({ kind: 'refuse', at: 'data', code: 554, message: '5.7.1 Message rejected as spam' });
    const b = await bot({ SMTP_URL: server.url });
    await leaveLead(b, 'Ana Lima', 'ana@example.com');

    const row = await waitForNotification(b, 'lead_email', (r) => r.status === 'failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('554 5.7.1 Message rejected as spam');
    expect(server.dataSeen).toHaveLength(1);
    expect(await b.runtime.notifications.claim(10)).toEqual([]); // nothing left to retry
  });

  it('gives up with the last answer after the maximum number of attempts on a server that always defers (4xx)', async () => {
    const clock = new ManualClock();
    const server = await smtp({ kind: 'refuse', at: 'data', code: 451, message: '4.3.0 Try again later' });
    const b = await bot({ SMTP_URL: server.url }, { clock });
    await leaveLead(b, 'Ana Lima', 'ana@example.com');

    for (let attempt = 1; attempt < DEFAULT_MAX_ATTEMPTS; attempt++) await retryNow(b, clock, 'lead_email', attempt);
    const row = await waitForNotification(b, 'lead_email', (r) => r.status === 'failed');
    expect(row.attempts).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(row.last_error).toContain('451 4.3.0 Try again later');
    expect(server.dataSeen).toHaveLength(DEFAULT_MAX_ATTEMPTS);
    expect(server.accepted).toHaveLength(0);
  });

  it('sends once in total when the instance dies mid-send and another takes over after the lease', async () => {
    const stalled = await smtp({ kind: 'stall' });
    const a = await bot({ SMTP_URL: stalled.url });
    await leaveLead(a, 'Ana Lima', 'ana@example.com');
    // The whole message went over; the server never answers the DATA, so nothing was delivered.
    await stalled.waitFor((s) => s.dataSeen.length === 1);
    const inFlight = await waitForNotification(a, 'lead_email', (r) => r.status === 'sending');

    // Instance A is as good as dead. B starts on the same database with a working mail server;
    // it may take the row only once A's lease has run out.
    const healthy = await smtp({ kind: 'accept' });
    const clock = new ManualClock(Number(inFlight.locked_until) + 1);
    const b = await bot({ SMTP_URL: healthy.url }, { database: a.database, clock });
    const row = await waitForNotification(b, 'lead_email', (r) => r.status === 'sent');
    expect(row.attempts).toBe(2);

    // A's send now ends with an error; its late result must not touch a row it no longer holds.
    await stalled.kill();
    await a.runtime.close();
    expect((await notificationsOf(b, 'lead_email')).map((r) => [r.status, r.attempts])).toEqual([['sent', 2]]);
    expect(stalled.accepted).toHaveLength(0);
    expect(healthy.accepted).toHaveLength(1);
    // Had the stalled server said 250 after all, the copy would carry the same Message-ID.
    expect(healthy.accepted[0]!.headers.get('message-id')).toBe(stalled.dataSeen[0]!.headers.get('message-id'));
  });

  it('sends once in total when the bot is stopped mid-send and restarted', async () => {
    const stalled = await smtp({ kind: 'stall' });
    const a = await bot({ SMTP_URL: stalled.url });
    await leaveLead(a, 'Ana Lima', 'ana@example.com');
    await stalled.waitFor((s) => s.dataSeen.length === 1);

    // A graceful stop waits for the send in flight; the mail server drops it without answering.
    const closing = a.runtime.close();
    await stalled.kill();
    await closing;

    const healthy = await smtp({ kind: 'accept' });
    const clock = new ManualClock();
    const b = await bot({ SMTP_URL: healthy.url }, { database: a.database, clock, startWorkers: false });
    const left = await waitForNotification(b, 'lead_email', () => true);
    expect(left).toMatchObject({ status: 'pending', attempts: 1 });
    clock.advance(Number(left.next_attempt_at) - clock.now());
    b.runtime.startWorkers();
    const row = await waitForNotification(b, 'lead_email', (r) => r.status === 'sent');
    expect(row.attempts).toBe(2);
    expect(stalled.accepted).toHaveLength(0);
    expect(healthy.accepted).toHaveLength(1);
  });

  it('never holds up a job-search answer, even with every e-mail slot stuck on a hanging mail server', async () => {
    const stalled = await smtp({ kind: 'stall' });
    const b = await bot({ SMTP_URL: stalled.url });
    const t = Math.floor(Date.now() / 1000);
    const users = Array.from({ length: DEFAULT_CONCURRENCY }, (_, i) => `1555000780${i}`);
    const leads = users.flatMap((u) =>
      ['3', 'Ana Lima', `ana${u}@example.com`].map((text, i) => textMessage(u, text, { ts: t + i })),
    );
    await b.post(envelope({ messages: leads }));
    await stalled.waitFor((s) => s.dataSeen.length === users.length);

    await b.say(textMessage(USER, '4'));
    await b.say(textMessage(USER, 'uk'));
    await b.post(envelope({ messages: [textMessage(USER, 'any')] }));
    await b.graph.waitFor(() => b.sentTo(USER).some((r) => bodyText(r).includes('careerjet.co.uk')), 5_000); // a stuck slot would hold it 10 s
    expect(stalled.accepted).toHaveLength(0);
  });
});
