import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { applyHandoffEvent, getHandoff, listHandoffEvents, WITHHELD_TITLE } from '../src/handoff/handoff-store.js';
import { retryFailed } from '../src/ops/retry-failed.js';
import { queueOutbound } from '../src/pipeline/queue-outbound.js';
import { startFakeCareerjet } from './helpers/fake-careerjet.js';
import {
  assignConversation,
  listConversations,
  replyAsOperator,
  resolveConversation,
} from '../src/ops/handoff-conversations.js';
import { buttonReply, envelope, listReply, textMessage } from './helpers/payloads.js';
import { getDashboard } from '../src/ops/dashboard.js';
import { bodyText, ManualClock, startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550004242';

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describeEachDb('handing a conversation to a consultant', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('a keyword makes it pending; claim, reply, resolve; the bot resumes with the menu', async () => {
    bot = await startTestBot(kind, { BUSINESS_HOURS: 'Sun-Sat 00:00-24:00', TIMEZONE: 'Asia/Dubai' });
    const db = bot.runtime.deps.db;
    await bot.say(textMessage(USER, 'hi'));
    const asked = await bot.say(textMessage(USER, 'I want to speak to a human!'));
    expect(asked.map(bodyText)).toEqual([expect.stringMatching(/consultant will reply to you here shortly/)]);
    expect(await listConversations(db, { status: 'pending' }, Date.now())).toMatchObject([
      { phone: USER, owner: 'bot', status: 'pending' },
    ]);
    // Waiting for a person: the bot does not answer, not even "Sorry, I didn't understand".
    expect(await bot.say(textMessage(USER, 'Thanks Sara, can you call me tomorrow at 10?'))).toHaveLength(0);

    await assignConversation(db, USER, 'sara', 'sara', Date.now());
    expect(await refusal(assignConversation(db, USER, 'omar', 'omar', Date.now()))).toBe('HANDOFF_CONFLICT');
    expect(await refusal(replyAsOperator(db, USER, 'omar', 'hello', Date.now()))).toBe('HANDOFF_CONFLICT');
    const { id } = await replyAsOperator(db, USER, 'sara', 'Hello, this is Sara from Nexora.', Date.now());
    await bot.idle();
    const sent = bot.sentTo(USER).filter((r) => bodyText(r) === 'Hello, this is Sara from Nexora.');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ type: 'text', to: `+${USER}` });
    const row = await db.selectFrom('whatsapp_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ operator: 'sara', status: 'sent', direction: 'outgoing' });

    expect(await bot.say(textMessage(USER, 'menu'))).toHaveLength(0);
    expect(await bot.say(textMessage(USER, 'agent'))).toHaveLength(0);

    await resolveConversation(db, USER, 'sara', Date.now());
    expect(await refusal(resolveConversation(db, USER, 'sara', Date.now()))).toBe('HANDOFF_CONFLICT');
    const back = await bot.say(textMessage(USER, 'ok thanks'));
    expect(back.map(bodyText).join('\n')).toContain('Explore Residency Programs');
    expect(await getHandoff(db, USER)).toMatchObject({ owner: 'bot', status: 'resolved', operator: null });
    const events = await listHandoffEvents(db, USER);
    expect(events.map((e) => [e.actor, e.event, e.from_state, e.to_state])).toEqual([
      ['client', 'request', 'bot/resolved', 'bot/pending'],
      ['sara', 'claim', 'bot/pending', 'human:sara/open'],
      ['sara', 'resolve', 'human:sara/open', 'bot/resolved'],
    ]);
  });

  it('after the lead, "No, thanks" is the menu and "Yes" hands over; menu option 7 does too and is counted', async () => {
    bot = await startTestBot(kind);
    const db = bot.runtime.deps.db;
    await bot.say(textMessage(USER, 'hi'));
    await bot.say(textMessage(USER, '3'));
    await bot.say(textMessage(USER, 'Ana Souza'));
    const [offer] = await bot.say(textMessage(USER, 'ana@example.com'));
    expect(bodyText(offer!)).toContain('Would you like a consultant to chat with you here now?');
    const menu = await bot.say(buttonReply(USER, 'nav:menu', 'No, thanks'));
    expect(menu.map(bodyText).join('\n')).toContain('Explore Residency Programs');
    expect(await getHandoff(db, USER)).toMatchObject({ owner: 'bot', status: 'resolved' });
    // A later tap on the same offer still works.
    const yes = await bot.say(buttonReply(USER, 'handoff:request', 'Yes, chat now'));
    expect(yes.map(bodyText)).toEqual([expect.stringMatching(/consultant will reply to you here shortly/)]);
    expect(await getHandoff(db, USER)).toMatchObject({ owner: 'bot', status: 'pending' });
    expect(await bot.say(textMessage(USER, 'hello?'))).toHaveLength(0);

    // Menu option 7, typed or tapped, from another client.
    const other = '15550004343';
    await bot.say(textMessage(other, 'hi'));
    const typed = await bot.say(textMessage(other, '7'));
    expect(typed.map(bodyText)).toEqual([expect.stringMatching(/consultant will reply to you here shortly/)]);
    expect(await getHandoff(db, other)).toMatchObject({ owner: 'bot', status: 'pending' });
    expect(await bot.say(listReply(other, 'menu:7', '7. Chat with Us Now'))).toHaveLength(0);
    expect((await listHandoffEvents(db, other)).map((e) => [e.actor, e.event])).toEqual([['client', 'request']]);
    const now = Date.now();
    const dashboard = await getDashboard(db, { since: now - 60_000, until: now + 60_000 });
    expect(dashboard.options.find((o) => o.option === 7)).toEqual({
      option: 7,
      label: 'Chat with a Consultant Now',
      uses: 1,
      users: 1,
    });
  });

  it('outside business hours the client is told when consultants work; "menu" goes back to the bot', async () => {
    // 03:00-03:01 on one weekday only: effectively always closed for this test.
    bot = await startTestBot(kind, { BUSINESS_HOURS: 'Mon 03:00-03:01', TIMEZONE: 'Pacific/Kiritimati' });
    const now = new Date();
    const closed = !(now.getUTCDay() === 0 && now.getUTCHours() === 13 && now.getUTCMinutes() === 0);
    const asked = await bot.say(textMessage(USER, 'consultant'));
    if (closed) expect(bodyText(asked[0]!)).toContain('available Mon 03:00-03:01 (Pacific/Kiritimati time)');
    const menu = await bot.say(textMessage(USER, 'menu'));
    expect(menu.map(bodyText).join('\n')).toContain('Explore Residency Programs');
    expect(await getHandoff(bot.runtime.deps.db, USER)).toMatchObject({ owner: 'bot', status: 'resolved' });
  });

  it('"agent", then "menu" (the client cancels), then "1" shows the programs, not the menu again', async () => {
    bot = await startTestBot(kind);
    await bot.say(textMessage(USER, 'hi'));
    expect((await bot.say(textMessage(USER, 'agent'))).map(bodyText)).toEqual([
      expect.stringMatching(/consultant will reply/),
    ]);
    const menu = await bot.say(textMessage(USER, 'menu'));
    expect(menu.map(bodyText).join('\n')).toContain('Explore Residency Programs');
    const programs = await bot.say(textMessage(USER, '1'));
    const text = programs.map(bodyText).join('\n');
    expect(text).toContain('Europe Golden Visa');
    expect(text).not.toContain('Welcome to Nexora Investments');
    const events = await listHandoffEvents(bot.runtime.deps.db, USER);
    expect(events.map((e) => [e.actor, e.event])).toEqual([
      ['client', 'request'],
      ['client', 'cancel'],
    ]);
  });

  it('bot replies still queued when a person claims (or the app echoes) are withheld; retry-failed leaves them', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    const db = bot.runtime.deps.db;
    const other = '15550004344';
    await bot.say(textMessage(USER, 'hi'));
    await bot.say(textMessage(other, 'hi'));
    // A bot reply not yet due (a retry waiting, say) for each client.
    const later = Date.now() + 3_600_000;
    const late = { kind: 'text' as const, body: 'A late bot answer' };
    await queueOutbound(db, { phone: USER, replies: [late], replyTo: null, now: later });
    await queueOutbound(db, { phone: other, replies: [late], replyTo: null, now: later });

    await assignConversation(db, USER, 'sara', 'sara', Date.now());
    await db
      .transaction()
      .execute((trx) =>
        applyHandoffEvent(trx, other, { kind: 'human_spoke', operator: 'wa-app' }, 'wa-app', Date.now()),
      );
    const withheld = await db
      .selectFrom('whatsapp_messages')
      .select(['phone', 'status', 'error_title'])
      .where('direction', '=', 'outgoing')
      .where('type', '=', 'text')
      .where('status', '<>', 'sent')
      .orderBy('phone')
      .execute();
    expect(withheld).toEqual([
      { phone: USER, status: 'failed', error_title: WITHHELD_TITLE },
      { phone: other, status: 'failed', error_title: WITHHELD_TITLE },
    ]);
    expect(await retryFailed(db, {}, Date.now())).toEqual({ messages: 0, notifications: 0 });
    // The consultant's own reply is not held up behind the withheld one.
    await replyAsOperator(db, USER, 'sara', 'Hello from Sara', Date.now());
    await bot.idle();
    expect(bot.sentTo(USER).map(bodyText)).toContain('Hello from Sara');
    expect([...bot.sentTo(USER), ...bot.sentTo(other)].map(bodyText)).not.toContain('A late bot answer');
  });

  it('a job-search answer that arrives after the client asked for a person is not sent', async () => {
    const cj = await startFakeCareerjet('jobs');
    cj.held = true;
    try {
      bot = await startTestBot(kind, { CAREERJET_API_URL: cj.url, CAREERJET_AFFID: 'aff-test-123' });
      const db = bot.runtime.deps.db;
      await bot.say(textMessage(USER, '4'));
      await bot.say(textMessage(USER, 'uk'));
      // Posted, not said: say() waits for the bot to be idle, which would include the search.
      await bot.post(envelope({ messages: [textMessage(USER, 'any')] }));
      await cj.waitFor((c) => c.requests.length === 1);
      // While CareerJet is still answering, the client asks for a person (as the gate records it; at
      // once, well within the 4-s bound after which the bot would answer "search unavailable").
      const asked = await db
        .transaction()
        .execute((trx) => applyHandoffEvent(trx, USER, { kind: 'request' }, 'client', Date.now()));
      expect(asked.ok).toBe(true);
      cj.release();
      const searchStatus = async () =>
        (await db.selectFrom('notifications').select('status').where('kind', '=', 'job_search').executeTakeFirst())
          ?.status;
      for (let i = 0; i < 300 && (await searchStatus()) !== 'sent'; i++) await sleep(50);
      expect(await searchStatus()).toBe('sent');
      await bot.idle();
      // Neither the jobs nor the "search unavailable" fallback (when the client's 4 s bound ran out).
      expect(bot.sentTo(USER).map(bodyText).join('\n')).not.toMatch(/careerjet|not available/);
      expect(await getHandoff(db, USER)).toMatchObject({ owner: 'bot', status: 'pending' });
    } finally {
      await cj.close();
    }
  });

  it('a free-form reply after the 24-hour window is refused before anything is queued', async () => {
    bot = await startTestBot(kind);
    const db = bot.runtime.deps.db;
    await bot.say(textMessage(USER, 'hi'));
    const later = Date.now() + 24 * 60 * 60 * 1000 + 1;
    const before = await db.selectFrom('whatsapp_messages').select('id').execute();
    expect(await refusal(replyAsOperator(db, USER, 'sara', 'Are you still there?', later))).toBe('WINDOW_CLOSED');
    expect(await db.selectFrom('whatsapp_messages').select('id').execute()).toHaveLength(before.length);
  });

  it('while a person owns the conversation the bot sends nothing but STOP/START confirmations', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    const db = bot.runtime.deps.db;
    const words = fc.constantFrom(
      'hi',
      'menu',
      '1',
      '3',
      'agent',
      'hello?',
      'stop',
      'start',
      '50000',
      'x@y.com',
      'jobs',
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(words, { minLength: 1, maxLength: 6 }), async (sequence) => {
        const user = `1555100${String(n++).padStart(4, '0')}`;
        await bot!.say(textMessage(user, 'hello'));
        await assignConversation(db, user, 'sara', 'sara', Date.now());
        let optedOut = false;
        for (const word of sequence) {
          const replies = (await bot!.say(textMessage(user, word))).map(bodyText);
          const expected =
            word === 'stop' && !optedOut ? [/unsubscribed/i] : word === 'start' && optedOut ? [/welcome back/i] : [];
          if (word === 'stop') optedOut = true;
          if (word === 'start') optedOut = false;
          expect(replies).toHaveLength(expected.length);
          expected.forEach((re, i) => expect(replies[i]).toMatch(re));
        }
        expect(await getHandoff(db, user)).toMatchObject({ owner: 'human', operator: 'sara' });
      }),
      { numRuns: 8 },
    );
  });
});

describeEachDb('the admin API for conversations', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('lists pending conversations, assigns, replies (409 codes) and resolves; all in the OpenAPI document', async () => {
    bot = await startTestBot(kind);
    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const res = await bot!.runtime.app.inject({
        method,
        url: `/admin/api${url}`,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      return { status: res.statusCode, body: res.json<Record<string, unknown> & Record<string, unknown>[]>() };
    };
    await bot.say(textMessage(USER, 'talk to someone'));
    const pending = await call('GET', '/conversations?status=pending');
    expect(pending).toMatchObject({ status: 200, body: [{ phone: USER, status: 'pending', owner: 'bot' }] });
    expect((await call('POST', `/conversations/+${USER}/assign`, { operator: 'sara' })).body).toMatchObject({
      owner: 'human',
      operator: 'sara',
      status: 'open',
    });
    expect(await call('POST', `/conversations/${USER}/assign`, { operator: 'omar' })).toMatchObject({
      status: 409,
      body: { error: 'HANDOFF_CONFLICT' },
    });
    expect(await call('POST', `/conversations/${USER}/reply`, {})).toMatchObject({ status: 400 });
    const sent = await call('POST', `/conversations/${USER}/reply`, { text: 'Hi, Sara here.', operator: 'sara' });
    expect(sent.status).toBe(202);
    await bot.idle();
    expect(bot.sentTo(USER).filter((r) => bodyText(r) === 'Hi, Sara here.')).toHaveLength(1);
    expect(await call('POST', `/conversations/15559999999/resolve`)).toMatchObject({ status: 404 });
    expect(await call('POST', `/conversations/${USER}/resolve`)).toMatchObject({
      status: 200,
      body: { owner: 'bot', status: 'resolved' },
    });
    expect(await call('GET', '/conversations?status=bogus')).toMatchObject({ status: 400 });
    const doc = (await call('GET', '/openapi.json')).body as unknown as { paths: Record<string, unknown> };
    for (const p of [
      '/conversations',
      '/conversations/{phone}/assign',
      '/conversations/{phone}/reply',
      '/conversations/{phone}/resolve',
    ])
      expect(Object.keys(doc.paths)).toContain(`/admin/api${p}`);
  });

  it('a reply after the window closed answers 409 WINDOW_CLOSED', async () => {
    const clock = new ManualClock();
    bot = await startTestBot(kind, {}, { clock });
    await bot.say(textMessage(USER, 'hi'));
    clock.advance(25 * 60 * 60 * 1000); // the message carries real time, taken after the clock started
    const res = await bot.runtime.app.inject({
      method: 'POST',
      url: `/admin/api/conversations/${USER}/reply`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: { text: 'Still there?' },
    });
    expect(res.statusCode).toBe(409);
    const body = res.json<{ error: string; message: string }>();
    expect(body.error).toBe('WINDOW_CLOSED');
    expect(body.message).toMatch(/template/);
  });

  it('after STOP a reply or a quick action answers 409 OPTED_OUT and queues nothing, until START', async () => {
    bot = await startTestBot(kind);
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await bot!.runtime.app.inject({
        method: 'POST',
        url: `/admin/api/conversations/${USER}${url}`,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        payload,
      });
      return { status: res.statusCode, body: res.json<{ error?: string; message?: string }>() };
    };
    await bot.say(textMessage(USER, 'talk to someone'));
    await bot.say(textMessage(USER, 'STOP'));
    const sentBefore = bot.sentTo(USER).length;
    for (const [url, payload] of [
      ['/reply', { text: 'Hi, Sara here.', operator: 'sara' }],
      ['/quick', { quick: 'booking', operator: 'sara' }],
    ] as const) {
      const refused = await post(url, payload);
      expect(refused).toMatchObject({ status: 409, body: { error: 'OPTED_OUT' } });
      expect(refused.body.message).toMatch(/START/);
    }
    await bot.idle();
    expect(bot.sentTo(USER)).toHaveLength(sentBefore);
    // Refused before anything changed: the conversation is still waiting, not Sara's.
    const db = bot.runtime.deps.db;
    expect(
      await db
        .selectFrom('conversation_handoffs')
        .select(['owner', 'status'])
        .where('phone', '=', USER)
        .executeTakeFirst(),
    ).toMatchObject({ owner: 'bot', status: 'pending' });
    await bot.say(textMessage(USER, 'START'));
    expect((await post('/reply', { text: 'Welcome back, Sara here.', operator: 'sara' })).status).toBe(202);
    await bot.idle();
    expect(bot.sentTo(USER).filter((r) => bodyText(r) === 'Welcome back, Sara here.')).toHaveLength(1);
  });
});
