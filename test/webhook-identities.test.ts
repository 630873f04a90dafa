// Issue 12/13: users known by phone, by BSUID (2026 usernames) or both, posted signed through the real
// webhook on both databases. Nothing a real user sends is set aside; malformed identities are.
import { afterEach, expect, it } from 'vitest';
import { BUSINESS, envelope, nextWamid, statusUpdate, textMessage } from './helpers/payloads.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const PHONE = '15550002222';
const BSUID = 'US.13491208655302741918';
const now = () => Math.floor(Date.now() / 1000);

/** Meta's own example of a username user: `from` and `wa_id` are empty strings, the identity is the BSUID. */
function usernameUserWebhook(text: string, o: { from?: string; waId?: string; username?: string } = {}) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: BUSINESS.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: BUSINESS.display, phone_number_id: BUSINESS.phoneNumberId },
              contacts: [
                {
                  profile: { name: 'Ana', username: o.username ?? '@ana.invests' },
                  wa_id: o.waId ?? '',
                  user_id: BSUID,
                },
              ],
              messages: [
                {
                  from: o.from ?? '',
                  from_user_id: BSUID,
                  id: nextWamid(),
                  timestamp: String(now()),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

describeEachDb('user identities: phone, BSUID and both', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const inbound = (b: TestBot) =>
    b.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['phone', 'message', 'status'])
      .where('direction', '=', 'incoming')
      .orderBy('id')
      .execute();
  const session = (b: TestBot, key: string) =>
    b.runtime.deps.db.selectFrom('whatsapp_sessions').selectAll().where('phone', '=', key).executeTakeFirst();

  it('stores and answers a message with "from": "" by its BSUID, sending to it in `recipient`', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    expect((await bot.post(usernameUserWebhook('hi'))).status).toBe(200);
    await bot.idle();
    expect(await inbound(bot)).toEqual([{ phone: BSUID, message: 'hi', status: 'processed' }]);
    const sends = bot.graph.sent.filter((r) => r.kind !== 'read');
    expect(sends.length).toBeGreaterThan(0);
    for (const s of sends) {
      expect((s.body as Record<string, unknown>)['recipient']).toBe(BSUID);
      expect(s.body).not.toHaveProperty('to');
    }
    expect(bodyText(sends[0]!)).toMatch(/Nexora/);
    const row = await session(bot, BSUID);
    expect(row).toMatchObject({ bsuid: BSUID, profile_name: 'Ana', username: '@ana.invests' });
  });

  it('keeps one history: a BSUID-only message joins the phone that earlier came with that BSUID', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    await bot.post(usernameUserWebhook('hello', { from: PHONE, waId: PHONE }));
    await bot.idle();
    expect(await session(bot, PHONE)).toMatchObject({ bsuid: BSUID });
    await bot.post(usernameUserWebhook('2'));
    await bot.idle();
    expect((await inbound(bot)).map((m) => m.phone)).toEqual([PHONE, PHONE]);
    expect(await session(bot, BSUID)).toBeUndefined();
    expect(bot.sentTo(PHONE).length).toBeGreaterThanOrEqual(2);
  });

  it('applies a status with "recipient_id": "" and recipient_user_id', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    await bot.post(usernameUserWebhook('hi'));
    await bot.idle();
    const sent = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['message_id'])
      .where('direction', '=', 'outgoing')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const status = { ...statusUpdate(sent.message_id!, 'read', ''), recipient_user_id: BSUID };
    expect((await bot.post(envelope({ statuses: [status] }))).status).toBe(200);
    const stored = await bot.runtime.deps.db
      .selectFrom('whatsapp_statuses')
      .select(['status', 'recipient_id'])
      .where('message_id', '=', sent.message_id!)
      .execute();
    expect(stored).toEqual([{ status: 'read', recipient_id: BSUID }]);
    const row = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select('status')
      .where('message_id', '=', sent.message_id!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('read');
  });

  it('sets aside a `from` that is not a phone, a bad BSUID and a timestamp far in the future, and stores the rest', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    const good = textMessage(PHONE, 'hi');
    const body = envelope({
      messages: [
        textMessage('../../etc/passwd=HYPERLINK("x")', 'evil'),
        { ...textMessage('', 'bad bsuid'), from_user_id: 'not a bsuid' },
        { ...textMessage(PHONE, 'from the future'), timestamp: '8640000000000' },
        good,
      ],
    });
    expect((await bot.post(body)).status).toBe(200);
    await bot.idle();
    expect(await inbound(bot)).toEqual([{ phone: PHONE, message: 'hi', status: 'processed' }]);
  });

  it('does not answer a system notice (number changed) or a reaction', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    await bot.say(textMessage(PHONE, 'hi'));
    const before = bot.sentTo(PHONE).length;
    const system = {
      from: PHONE,
      id: nextWamid(),
      timestamp: String(now()),
      type: 'system',
      system: {
        body: 'User A changed from 15550002222 to 15550003333',
        wa_id: '15550003333',
        type: 'user_changed_number',
      },
    };
    const reaction = {
      from: PHONE,
      id: nextWamid(),
      timestamp: String(now()),
      type: 'reaction',
      reaction: { message_id: 'wamid.FAKE_OUT_1', emoji: '👍' },
    };
    expect((await bot.post(envelope({ messages: [system, reaction] }))).status).toBe(200);
    await bot.idle();
    expect(bot.sentTo(PHONE).length).toBe(before);
    expect((await inbound(bot)).map((m) => m.status)).toEqual(['processed', 'processed', 'processed']);
  });
});
