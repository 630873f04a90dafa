import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DEFAULT_MAX_SEND_ATTEMPTS } from '../src/pipeline/outbound-sender.js';
import { envelope, nextWamid, statusUpdate, textMessage } from './helpers/payloads.js';
import { bodyText, ManualClock, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550005555';
const now = () => Math.floor(Date.now() / 1000);

describeEachDb('delivery guarantees', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const outbound = async (b: TestBot) =>
    b.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('direction', '=', 'outgoing')
      .where('type', '<>', 'read')
      .orderBy('id')
      .execute();

  it('stores and answers a redelivered webhook once, sequentially and concurrently', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    const body = envelope({ messages: [textMessage(USER, 'hi', { wamid: 'wamid.DUP_1' })] });
    expect((await bot.post(body)).status).toBe(200);
    expect((await bot.post(body)).status).toBe(200);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => bot!.post(body)));
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await bot.idle();
    const inbound = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('message_id', '=', 'wamid.DUP_1')
      .execute();
    expect(inbound).toHaveLength(1);
    expect(bot.sentTo(USER)).toHaveLength(1);
  });

  it("answers one user's messages in WhatsApp order even when they arrive out of order", async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false });
    const t = now();
    await bot.post(envelope({ messages: [textMessage(USER, '250000', { ts: t })] }));
    await bot.post(envelope({ messages: [textMessage(USER, '2', { ts: t - 5 })] }));
    bot.runtime.startWorkers();
    await bot.idle();
    const texts = bot.sentTo(USER).map(bodyText);
    expect(texts[0]).toMatch(/budget/i);
    expect(texts[1]).toContain('$250,000');
  });

  it('answers several concurrent webhooks from one user each once, in order', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    const t = now();
    const script = ['3', 'Ana Lima', 'ana@example.com'];
    await Promise.all(
      script.map((text, i) => bot!.post(envelope({ messages: [textMessage(USER, text, { ts: t + i })] }))),
    );
    await bot.idle();
    const lead = await bot.runtime.deps.db
      .selectFrom('whatsapp_leads')
      .selectAll()
      .where('phone', '=', USER)
      .executeTakeFirst();
    expect(lead).toMatchObject({ name: 'Ana Lima', email: 'ana@example.com' });
    const processed = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select('status')
      .where('direction', '=', 'incoming')
      .execute();
    expect(processed.map((r) => r.status)).toEqual(['processed', 'processed', 'processed']);
  });

  it('applies statuses that arrive after the send result, never moving backwards', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    await bot.say(textMessage(USER, '5'));
    const [row] = await outbound(bot);
    expect(row!.status).toBe('sent');
    const wamid = row!.message_id!;
    await bot.post(
      envelope({
        statuses: [
          statusUpdate(wamid, 'read', USER),
          statusUpdate(wamid, 'delivered', USER),
          statusUpdate(wamid, 'sent', USER),
        ],
      }),
    );
    await bot.post(envelope({ statuses: [statusUpdate(wamid, 'delivered', USER)] }));
    const after = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select('status')
      .where('message_id', '=', wamid)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('read');
    const statuses = await bot.runtime.deps.db
      .selectFrom('whatsapp_statuses')
      .selectAll()
      .where('message_id', '=', wamid)
      .execute();
    expect(statuses).toHaveLength(3);
  });

  it('applies statuses that arrive before the send call has returned', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    bot.graph.latencyMs = 400;
    await bot.post(envelope({ messages: [textMessage(USER, 'hi')] }));
    await bot.graph.waitFor(() => bot!.graph.sent.length === 1);
    const wamid = bot.graph.accepted[0]!.wamid;
    await bot.post(envelope({ statuses: [statusUpdate(wamid, 'delivered', USER)] }));
    const before = await outbound(bot);
    expect(before[0]!.message_id).toBeNull(); // the send result is not back yet
    await bot.idle();
    const after = await outbound(bot);
    expect(after[0]).toMatchObject({ message_id: wamid, status: 'delivered' });
  });

  it('retries a reply after Graph API 500s and delivers it exactly once', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    bot.graph.fail({ status: 500, times: 2 });
    await bot.post(envelope({ messages: [textMessage(USER, 'hi')] }));
    await bot.idle(20_000);
    expect(bot.graph.sent.filter((r) => (r.response as { status: number }).status === 500)).toHaveLength(2);
    expect(bot.graph.accepted).toHaveLength(1);
    const [row] = await outbound(bot);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up on a reply after the bounded number of attempts, marked failed, and sends nothing more', async () => {
    const clock = new ManualClock();
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { clock });
    bot.graph.fail({ code: 131016, status: 503, times: Infinity });
    await bot.post(envelope({ messages: [textMessage(USER, 'hi', { ts: Math.floor(clock.now() / 1000) })] }));
    for (let attempt = 1; attempt <= DEFAULT_MAX_SEND_ATTEMPTS; attempt++) {
      // Wait until this attempt's failure is recorded, then move past any backoff and global pause.
      for (;;) {
        const row = (await outbound(bot))[0];
        if (row && row.attempts === attempt && row.status !== 'sending') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      clock.advance(10 * 60_000);
      bot.runtime.sender.wake(); // it sleeps in real time for what it believed was the pause
    }
    await bot.idle();
    const [row] = await outbound(bot);
    expect(row).toMatchObject({ status: 'failed', attempts: DEFAULT_MAX_SEND_ATTEMPTS, error_code: 131016 });
    clock.advance(60 * 60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.graph.sent).toHaveLength(DEFAULT_MAX_SEND_ATTEMPTS);
  });

  it("marks a permanent error failed with Meta's code, without retrying or blocking others", async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    bot.graph.fail({ code: 131047, to: USER });
    await bot.post(envelope({ messages: [textMessage(USER, 'hi'), textMessage('15550006666', 'hi')] }));
    await bot.idle();
    const rows = await outbound(bot);
    const mine = rows.find((r) => r.phone === USER)!;
    expect(mine).toMatchObject({ status: 'failed', error_code: 131047, attempts: 1 });
    expect(rows.find((r) => r.phone === '15550006666')!.status).toBe('sent');
    expect(bot.graph.sent.filter((r) => (r.body as { to: string }).to === `+${USER}`)).toHaveLength(1);
  });

  it('answers, after a restart, messages that were acknowledged but not processed or not sent', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false });
    await bot.post(envelope({ messages: [textMessage(USER, 'hi')] }));
    // Half the work: process (queue the reply) but never send it, then "crash".
    bot.runtime.inbound.start();
    await bot.post(envelope({ messages: [textMessage('15550007777', 'hi')] }));
    for (let i = 0; i < 100; i++) {
      const left = await bot.runtime.deps.db
        .selectFrom('whatsapp_messages')
        .select('id')
        .where('status', '=', 'received')
        .execute();
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await bot.runtime.inbound.stop();
    await bot.post(envelope({ messages: [textMessage('15550008888', 'hi')] })); // stored, never processed
    const { database, graph } = bot;
    await bot.runtime.close();
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { database, graph });
    try {
      await bot.idle();
      for (const u of [USER, '15550007777', '15550008888']) expect(bot.sentTo(u)).toHaveLength(1);
    } finally {
      await bot.stop();
      bot = undefined;
      await graph.close();
      await database.drop();
    }
  });

  it('starts a user again from the main menu after the session timeout, and says so once', async () => {
    const clock = new ManualClock();
    bot = await startTestBot(kind, { MARK_READ: 'false', SESSION_TIMEOUT_MINUTES: '30' }, { clock });
    await bot.say(textMessage(USER, '2'));
    clock.advance(31 * 60_000);
    const replies = await bot.say(textMessage(USER, '2', { ts: Math.floor(clock.now() / 1000) }));
    expect(bodyText(replies[0]!)).toMatch(/expired/i);
    expect(replies.map(bodyText).join('\n')).toMatch(/budget/i);
    const again = await bot.say(textMessage(USER, '300000', { ts: Math.floor(clock.now() / 1000) }));
    expect(again.map(bodyText).join('\n')).not.toMatch(/expired/i);
  });

  it('handles a message carrying only a business-scoped user id', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    const body = envelope({});
    (body.entry[0]!.changes[0]!.value as any).contacts = [
      { profile: { name: 'No Phone' }, user_id: 'US.1234567890123456789' },
    ];
    (body.entry[0]!.changes[0]!.value as any).messages = [
      {
        from_user_id: 'US.1234567890123456789',
        id: nextWamid(),
        timestamp: String(now()),
        type: 'text',
        text: { body: 'hi' },
      },
    ];
    expect((await bot.post(body)).status).toBe(200);
    await bot.idle();
    const rows = await outbound(bot);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.phone).toBe('US.1234567890123456789');
  });

  it('does not answer a message older than 24 hours (Meta would refuse the reply)', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    await bot.post(envelope({ messages: [textMessage(USER, 'hi', { ts: now() - 25 * 3600 })] }));
    await bot.idle();
    const row = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select('status')
      .where('direction', '=', 'incoming')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    expect(bot.sentTo(USER)).toHaveLength(0);
  });

  it('rolls back everything of a webhook when the database fails half-way, and answers 503', async () => {
    bot = await startTestBot(kind, {}, { startWorkers: false });
    await sql`drop table whatsapp_statuses`.execute(bot.runtime.deps.db);
    const res = await bot.post(
      envelope({ messages: [textMessage(USER, 'hi')], statuses: [statusUpdate('wamid.X', 'sent', USER)] }),
    );
    expect(res.status).toBeGreaterThanOrEqual(500);
    const stored = await bot.runtime.deps.db.selectFrom('whatsapp_messages').select('id').execute();
    expect(stored).toHaveLength(0);
  });
});
