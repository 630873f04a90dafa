import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { getHandoff, listHandoffEvents } from '../src/handoff/handoff-store.js';
import {
  assignConversation,
  listConversations,
  replyAsOperator,
  resolveConversation,
} from '../src/ops/handoff-conversations.js';
import { textMessage } from './helpers/payloads.js';
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
});
