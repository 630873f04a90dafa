import { afterAll, beforeAll, expect, it } from 'vitest';
import { signBody } from '../src/whatsapp/verify-signature.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { startTestBot, TEST_ADMIN_TOKEN, TEST_SECRET, TEST_VERIFY_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550004444';

describeEachDb('webhook verification, signatures and bad input', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind, {}, { startWorkers: false });
  });
  afterAll(async () => bot.stop());

  const storedCount = async () =>
    Number(
      (
        await bot.runtime.deps.db
          .selectFrom('whatsapp_messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers the verification handshake with the raw challenge, and 403 otherwise', async () => {
    const ok = await bot.runtime.app.inject({
      url: `/webhook?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1122334455`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1122334455');
    expect(ok.headers['content-type']).toMatch(/text\/plain/);
    for (const q of [
      'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1',
      `hub.mode=unsubscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1`,
      'hub.mode=subscribe&hub.challenge=1',
      '',
    ]) {
      expect((await bot.runtime.app.inject({ url: `/webhook?${q}` })).statusCode).toBe(403);
    }
  });

  it('accepts a valid signature and stores the message', async () => {
    const res = await bot.post(envelope({ messages: [textMessage(USER, 'hi')] }));
    expect(res.status).toBe(200);
    expect(await storedCount()).toBe(1);
  });

  it('refuses tampered, missing, malformed and wrong-secret signatures with 401, storing nothing', async () => {
    const before = await storedCount();
    const raw = JSON.stringify(envelope({ messages: [textMessage(USER, 'hello')] }));
    const tampered = raw.replace('hello', 'HELLO');
    const cases = [
      { raw: tampered, sign: signBody(raw, TEST_SECRET) },
      { raw, sign: false as const },
      { raw, sign: 'sha256=zz' },
      { raw, sign: signBody(raw, 'another-secret') },
      { raw, sign: signBody(raw, TEST_SECRET).replace('sha256=', 'sha1=') },
    ];
    for (const c of cases) {
      const res = await bot.post(undefined, { raw: c.raw, sign: c.sign });
      expect(res.status).toBe(401);
    }
    expect(await storedCount()).toBe(before);
  });

  it("verifies the signature over the raw bytes, so escaped unicode and slashes in Meta's wire form pass", async () => {
    const raw = JSON.stringify(envelope({ messages: [textMessage(USER, 'olá 🌍 a/b')] }))
      .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .replace(/\//g, '\\/');
    const res = await bot.post(undefined, { raw });
    expect(res.status).toBe(200);
    const row = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select('message')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.message).toBe('olá 🌍 a/b');
  });

  it('answers 400 for bodies that are not JSON, not UTF-8 or not a webhook, storing nothing', async () => {
    const before = await storedCount();
    for (const raw of ['not json', '[1,2,3]', '{"object":"page","entry":[]}', '42', '']) {
      expect((await bot.post(undefined, { raw })).status).toBe(400);
    }
    const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
    expect((await bot.post(undefined, { raw: invalidUtf8 })).status).toBe(400);
    expect(await storedCount()).toBe(before);
  });

  it('accepts unknown fields, unknown change fields and message types with 200', async () => {
    const body = envelope({
      messages: [
        {
          from: USER,
          id: 'wamid.POLL_1',
          timestamp: String(Math.floor(Date.now() / 1000)),
          type: 'poll',
          poll: { q: 1 },
        },
      ],
    }) as any;
    body.entry[0].changes.push({ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } });
    body.extra = { something: true };
    expect((await bot.post(body)).status).toBe(200);
    const row = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('message_id', '=', 'wamid.POLL_1')
      .executeTakeFirstOrThrow();
    expect(row.type).toBe('poll');
  });

  it('refuses bodies over 3 MB with 413', async () => {
    const big = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [],
      pad: 'x'.repeat(3 * 1024 * 1024 + 10),
    });
    expect((await bot.post(undefined, { raw: big })).status).toBe(413);
  });

  it('shows user statistics only to the admin token', async () => {
    const url = `/webhook/stats/${USER}`;
    expect((await bot.runtime.app.inject({ url })).statusCode).toBe(401);
    expect((await bot.runtime.app.inject({ url, headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    const ok = await bot.runtime.app.inject({ url, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: USER, messages: { incoming: 3 } });
  });

  it('reports health with a database check and the service status on /', async () => {
    const health = await bot.runtime.app.inject({ url: '/webhook/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: 'ok', mode: 'live' });
    const root = await bot.runtime.app.inject({ url: '/' });
    expect(root.json()).toMatchObject({ service: 'nexora-whatsapp-bot', status: 'running', database: kind });
  });
});
