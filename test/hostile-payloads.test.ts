import { afterAll, beforeAll, expect, it } from 'vitest';
import { addOperator } from '../src/ops/operators.js';
import { upsertLead } from '../src/store/leads-repository.js';
import { envelope, statusUpdate, textMessage } from './helpers/payloads.js';
import { startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const DEEP = '"__DEEP__"';
/** JSON text of `body` with every `DEEP` marker replaced by `{"x":{"x":…1…}}` nested `depth` levels. */
function withNesting(body: unknown, depth: number): string {
  return JSON.stringify(body).replaceAll(DEEP, `${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

describeEachDb('hostile payloads in otherwise normal webhooks', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
  });
  afterAll(async () => bot.stop());

  it('stores a message nested 5,000 levels deep, and the normal messages beside it, and answers both', async () => {
    const deep = { ...textMessage('15550022221', 'deep'), extra: '__DEEP__' };
    const normal = textMessage('15550022222', 'hi');
    const status = { ...statusUpdate('wamid.DEEP_STATUS', 'delivered', '15550022222'), extra: '__DEEP__' };
    const raw = withNesting(envelope({ messages: [deep, normal], statuses: [status] }), 5_000);
    const res = await bot.post(undefined, { raw });
    expect(res.status).toBe(200);
    await bot.idle();
    const rows = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['message_id', 'status', 'payload'])
      .where('message_id', 'in', [deep.id, normal.id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.message_id, r.status])).toEqual([
      [deep.id, 'processed'],
      [normal.id, 'processed'],
    ]);
    // The stored raw item stays readable JSON, with the ordinary fields intact.
    expect((JSON.parse(rows[0]!.payload) as { text: { body: string } }).text.body).toBe('deep');
    const st = await bot.runtime.deps.db
      .selectFrom('whatsapp_statuses')
      .select('payload')
      .where('message_id', '=', 'wamid.DEEP_STATUS')
      .executeTakeFirstOrThrow();
    expect((JSON.parse(st.payload) as { status: string }).status).toBe('delivered');
    expect(bot.sentTo('15550022221').length).toBeGreaterThan(0);
    expect(bot.sentTo('15550022222').length).toBeGreaterThan(0);
  });

  it('stores NUL in every text field without a 5xx, processes the message, and keeps no NUL in a column', async () => {
    const user = '15550022223';
    const msg = {
      ...textMessage(user, 'a\u0000b', { wamid: 'wamid.NUL\u0000MSG' }),
      from_user_id: 'US.\u000012345',
    };
    const body = envelope({
      messages: [msg],
      name: 'Ana\u0000 Lopez',
      statuses: [statusUpdate('wamid.NUL\u0000STATUS', 'failed', user, { code: 131047, title: 'x\u0000y' })],
    });
    const res = await bot.post(body);
    expect(res.status).toBe(200);
    await bot.idle();
    const row = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('message_id', '=', 'wamid.NULMSG')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('processed');
    expect(row.message).toBe('ab');
    const status = await bot.runtime.deps.db
      .selectFrom('whatsapp_statuses')
      .selectAll()
      .where('message_id', '=', 'wamid.NULSTATUS')
      .executeTakeFirstOrThrow();
    expect(status.error_title).toBe('xy');
    const session = await bot.runtime.deps.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', user)
      .executeTakeFirstOrThrow();
    for (const stored of [row, status, session])
      for (const v of Object.values(stored)) if (typeof v === 'string') expect(v).not.toContain('\u0000');
  });

  it('stores names and e-mails without bidirectional overrides or line separators', async () => {
    const user = '15550022224';
    const name = 'Eve\u202E\u2028gpj.exe\u0085';
    await bot.post(envelope({ messages: [{ ...textMessage(user, 'hi'), profile: { name } }], name }));
    await bot.idle();
    const session = await bot.runtime.deps.db
      .selectFrom('whatsapp_sessions')
      .select('profile_name')
      .where('phone', '=', user)
      .executeTakeFirstOrThrow();
    expect(session.profile_name).toBe('Eve gpj.exe');
    const { row } = await upsertLead(
      bot.runtime.deps.db,
      user,
      { name: 'Ana\u202E Lopez\u2029', email: 'ana\u2066@example.com', interest: 'x' },
      Date.now(),
    );
    expect([row.name, row.email]).toEqual(['Ana Lopez', 'ana@example.com']);
  });

  it('stores WhatsApp usernames and operator display names without bidirectional overrides or line separators', async () => {
    const user = '15550022225';
    /** A webhook whose contact carries `name` and `username` as sent. */
    const withProfile = (text: string, name: string, username: string) => {
      const body = envelope({ messages: [textMessage(user, text)], name });
      const value = body.entry[0]!.changes[0]!.value as { contacts: { profile: Record<string, string> }[] };
      value.contacts[0]!.profile.username = username;
      return body;
    };
    const session = () =>
      bot.runtime.deps.db
        .selectFrom('whatsapp_sessions')
        .select(['profile_name', 'username'])
        .where('phone', '=', user)
        .executeTakeFirstOrThrow();
    // A conversation with the bot, then a request for a person (the session is written on another path).
    await bot.post(withProfile('hi', 'Eve\u2067', 'eve\u202E\u2028gpj.exe\u0085'));
    await bot.idle();
    expect(await session()).toEqual({ profile_name: 'Eve', username: 'eve gpj.exe' });
    await bot.post(withProfile('human', 'Eve\u2029Two', '\u202Dmallory\u2066\u2028'));
    await bot.idle();
    expect(await session()).toEqual({ profile_name: 'Eve Two', username: 'mallory' });

    const operator = await addOperator(
      bot.runtime.deps.db,
      {
        email: 'ops@example.com',
        display_name: ' Bob\u202E\u2028nimda\u0085 ',
        role: 'viewer',
        password: 'p'.repeat(12),
      },
      Date.now(),
    );
    expect(operator.display_name).toBe('Bob nimda');
    await expect(
      addOperator(
        bot.runtime.deps.db,
        { email: 'ops2@example.com', display_name: '\u202E\u2028', role: 'viewer', password: 'p'.repeat(12) },
        Date.now(),
      ),
    ).rejects.toThrow('display name is required');
  });
});
