// The inbox's operator actions over real HTTP (the app listening on loopback, the fake Graph API as
// a real server), on both databases: quick actions (program card, brochure, booking link), and an
// admin's assignment to a consultant.
import { afterEach, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { listHandoffEvents } from '../src/handoff/handoff-store.js';
import { assignToOperator, listAssignableOperators } from '../src/ops/handoff-assign.js';
import { addOperator, setOperatorDisabled } from '../src/ops/operators.js';
import { textMessage } from './helpers/payloads.js';
import { bodyText, ManualClock, startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550007171';
const BOOKING = 'https://book.example.test/nexora';
const BROCHURE = 'https://files.example.test/nexora-brochure.pdf';

async function listen(bot: TestBot) {
  const url = await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  return async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${url}/admin/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
}

describeEachDb('inbox actions: quick actions and assignment', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('program card, brochure and booking link in the client language, queued once with the operator id', async () => {
    bot = await startTestBot(kind, { BOOKING_URL: BOOKING, BROCHURE_URL: BROCHURE, BROCHURE_FILENAME: 'Nexora.pdf' });
    const db = bot.runtime.deps.db;
    const api = await listen(bot);
    await bot.say(textMessage(USER, 'talk to someone'));
    // The client reads Russian (as if they had chosen it).
    await db.updateTable('whatsapp_sessions').set({ language: 'ru' }).where('phone', '=', USER).execute();
    const portugal = await db
      .selectFrom('investment_programs')
      .select(['id', 'name', 'link'])
      .where('country', '=', 'Portugal')
      .orderBy('rank')
      .executeTakeFirstOrThrow();

    const before = bot.sentTo(USER).length;
    const card = await api('POST', `/conversations/${USER}/quick`, {
      quick: 'program',
      program: portugal.id,
      operator: 'sara',
    });
    expect(card).toMatchObject({ status: 202, body: { conversation: { owner: 'human', operator: 'sara' } } });
    const brochure = await api('POST', `/conversations/${USER}/quick`, { quick: 'brochure', operator: 'sara' });
    const booking = await api('POST', `/conversations/${USER}/quick`, { quick: 'booking', operator: 'sara' });
    expect([brochure.status, booking.status]).toEqual([202, 202]);
    await bot.idle();
    const sent = bot.sentTo(USER).slice(before);
    expect(sent).toHaveLength(3);
    expect(sent[0]!.body).toMatchObject({ type: 'text' });
    expect(bodyText(sent[0]!)).toMatch(new RegExp(`^🌍 ${portugal.name}\\n`));
    expect(bodyText(sent[0]!)).toContain('Золотая виза за инвестиции в недвижимость');
    expect(bodyText(sent[0]!)).toContain(portugal.link);
    expect(sent[1]!.body).toMatchObject({
      type: 'document',
      document: {
        link: BROCHURE,
        filename: 'Nexora.pdf',
        caption: '📄 Nexora Investments — программы ВНЖ и гражданства за инвестиции',
      },
    });
    expect(bodyText(sent[2]!)).toBe(
      `📅 Запишитесь на консультацию в Nexora:\n${BOOKING}\n\nВыберите удобное время, и мы расскажем о подходящих вариантах.`,
    );
    const rows = await db
      .selectFrom('whatsapp_messages')
      .select(['id', 'operator', 'status', 'type'])
      .where('id', 'in', [card.body.id, brochure.body.id, booking.body.id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.operator, r.status, r.type])).toEqual([
      ['sara', 'sent', 'text'],
      ['sara', 'sent', 'document'],
      ['sara', 'sent', 'text'],
    ]);

    // Bad input is answered clearly and sends nothing.
    expect(await api('POST', `/conversations/${USER}/quick`, { quick: 'program' })).toMatchObject({ status: 400 });
    expect(await api('POST', `/conversations/${USER}/quick`, { quick: 'flyer' })).toMatchObject({ status: 400 });
    expect(await api('POST', `/conversations/${USER}/quick`, { quick: 'booking', program: 1 })).toMatchObject({
      status: 400,
    });
    expect(
      await api('POST', `/conversations/${USER}/quick`, { quick: 'program', program: 999_999, operator: 'sara' }),
    ).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await api('POST', `/conversations/${USER}/quick`, { quick: 'booking', operator: 'omar' })).toMatchObject({
      status: 409,
      body: { error: 'HANDOFF_CONFLICT' },
    });
    expect(await api('POST', `/conversations/15559990000/quick`, { quick: 'booking' })).toMatchObject({
      status: 404,
    });
    await bot.idle();
    expect(bot.sentTo(USER).slice(before)).toHaveLength(3);
    const doc = (await api('GET', '/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/admin/api/conversations/{phone}/quick');
  });

  it('once the 24-hour window has closed, a quick action is refused before it is queued (409 WINDOW_CLOSED)', async () => {
    const clock = new ManualClock();
    bot = await startTestBot(kind, {}, { clock });
    const api = await listen(bot);
    await bot.say(textMessage(USER, 'agent'));
    clock.advance(25 * 60 * 60 * 1000);
    const before = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await api('POST', `/conversations/${USER}/quick`, { quick: 'brochure' });
    expect(res).toMatchObject({ status: 409, body: { error: 'WINDOW_CLOSED' } });
    const after = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an admin assigns to an enabled consultant or admin only; a conversation the bot owns cannot be assigned', async () => {
    bot = await startTestBot(kind);
    const db = bot.runtime.deps.db;
    const now = Date.now();
    const add = (email: string, role: 'admin' | 'consultant' | 'viewer') =>
      addOperator(db, { email, display_name: email.split('@')[0]!, role, password: 'long enough password' }, now);
    await add('boss@nexora.test', 'admin');
    await add('sara@nexora.test', 'consultant');
    await add('omar@nexora.test', 'consultant');
    await add('vera@nexora.test', 'viewer');
    await setOperatorDisabled(db, 'omar@nexora.test', true);
    expect((await listAssignableOperators(db)).map((o) => o.email)).toEqual(['boss@nexora.test', 'sara@nexora.test']);

    const code = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        if (err instanceof AppError) return `${err.code}: ${err.message}`;
        throw err;
      }
      throw new Error('expected a refusal');
    };
    await bot.say(textMessage(USER, 'hi'));
    expect(await code(assignToOperator(db, USER, 'sara@nexora.test', 'boss@nexora.test', Date.now()))).toMatch(
      /^HANDOFF_CONFLICT: the bot owns this conversation/,
    );
    await bot.say(textMessage(USER, 'agent'));
    for (const who of ['vera@nexora.test', 'omar@nexora.test', 'nobody@nexora.test', ' '])
      expect(await code(assignToOperator(db, USER, who, 'boss@nexora.test', Date.now()))).toMatch(/^VALIDATION_FAILED/);
    expect(await code(assignToOperator(db, '15559990000', 'sara@nexora.test', 'boss@nexora.test', Date.now()))).toMatch(
      /^NOT_FOUND/,
    );
    const view = await assignToOperator(db, `+${USER}`, 'Sara@Nexora.test', 'boss@nexora.test', Date.now());
    expect(view).toMatchObject({ owner: 'human', operator: 'sara@nexora.test', status: 'open' });
    expect((await listHandoffEvents(db, USER)).map((e) => [e.actor, e.event, e.to_state])).toEqual([
      ['client', 'request', 'bot/pending'],
      ['boss@nexora.test', 'assign', 'human:sara@nexora.test/open'],
    ]);
  });
});
