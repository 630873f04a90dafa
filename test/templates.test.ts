// Message templates on both databases, against the fake Graph API as a real loopback server: the
// list read page by page and cached, the send body exactly as the Cloud API reference shows it, the
// window rule, and Meta's template errors recorded on the message and shown in words.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { getUserInfo } from '../src/ops/get-user-info.js';
import { BUSINESS, textMessage } from './helpers/payloads.js';
import { ManualClock, startTestBot, TEST_ADMIN_TOKEN, TEST_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550004545';
const HOUR = 60 * 60 * 1000;
const SEED = JSON.parse(readFileSync(new URL('../data-seed/templates.json', import.meta.url), 'utf8')) as {
  data: Record<string, unknown>[];
};

const FOLLOW_UP = {
  template: 'consultant_follow_up',
  language: 'en',
  parameters: { body: { customer_name: 'Jane', consultant_name: 'Sara', program: 'Portugal Golden Visa' } },
  operator: 'sara',
};
const OFFER = {
  template: 'new_programs_offer',
  language: 'en',
  parameters: { header: 'https://nexorainvestments.com/offer.jpg', body: ['Jane'] },
  operator: 'sara',
};

describeEachDb('message templates', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function start(env: Record<string, string> = {}, clock?: ManualClock): Promise<TestBot> {
    bot = await startTestBot(kind, { MARK_READ: 'false', ...env }, { clock });
    bot.graph.templates = SEED.data;
    return bot;
  }

  async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
    const res = await bot!.runtime.app.inject({
      method,
      url: `/admin/api${url}`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: res.statusCode, body: res.json<Record<string, any>>() };
  }

  /** The queued row of a reply, once the sender has tried it `attempts` times (polls the database). */
  async function rowAfter(id: number, attempts: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const row = await bot!.runtime.deps.db
        .selectFrom('whatsapp_messages')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (row.attempts >= attempts && row.status !== 'sending') return row;
      if (Date.now() > deadline) throw new Error(`message ${id}: ${row.status} after ${row.attempts} attempts`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('reads the templates from the Graph API page by page, keeps them, and reads again on refresh', async () => {
    const b = await start();
    b.graph.templatePageSize = 3;
    const first = await call('GET', '/templates');
    expect(first.status).toBe(200);
    expect(first.body.source).toBe(`Graph API (WABA ${BUSINESS.wabaId})`);
    expect(first.body.templates.map((t: any) => [t.name, t.language, t.status, t.category])).toEqual([
      ['consultant_follow_up', 'en', 'APPROVED', 'UTILITY'],
      ['booking_reminder', 'en', 'APPROVED', 'UTILITY'],
      ['new_programs_offer', 'en', 'APPROVED', 'MARKETING'],
      ['consultant_follow_up', 'ar', 'PENDING', 'UTILITY'],
    ]);
    expect(first.body.templates[0]).toMatchObject({
      named: true,
      body: { variables: ['customer_name', 'consultant_name', 'program'] },
      buttons: [{ type: 'QUICK_REPLY', text: "Yes, let's talk", needsValue: false }, { text: 'Not now' }],
    });
    expect(first.body.templates[1]).toMatchObject({
      named: false,
      body: { variables: ['1', '2'] },
      buttons: [{ type: 'URL', needsValue: true }],
    });
    const gets = () => b.graph.requests.filter((r) => r.method === 'GET');
    expect(gets().map((r) => r.path)).toEqual([
      `/v24.0/${BUSINESS.wabaId}/message_templates?fields=name%2Clanguage%2Cstatus%2Ccategory%2Cparameter_format%2Ccomponents&limit=100`,
      expect.stringContaining('&after=3'),
    ]);
    expect(gets()[0]!.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);

    expect((await call('GET', '/templates')).body.templates).toHaveLength(4);
    expect(gets()).toHaveLength(2);
    b.graph.templates = SEED.data.slice(0, 1);
    const refreshed = await call('GET', '/templates?refresh=true');
    expect(refreshed.body.templates).toHaveLength(1);
    expect(gets()).toHaveLength(3);

    // Meta down: the last list stays, with the reason; nothing cached at all is a 502.
    b.graph.respondWith((r) =>
      r.method === 'GET' ? { status: 500, body: { error: { message: 'down' } } } : undefined,
    );
    const stale = await call('GET', '/templates?refresh=true');
    expect(stale).toMatchObject({ status: 200, body: { problem: expect.stringContaining('500') } });
    expect(stale.body.templates).toHaveLength(1);
  });

  it('after the 24-hour window a text reply is refused and a template goes out with the exact request body', async () => {
    const clock = new ManualClock();
    const b = await start({}, clock);
    await b.say(textMessage(USER, 'hi'));
    clock.advance(25 * HOUR);
    const before = b.sentTo(USER).length;
    expect(await call('POST', `/conversations/${USER}/reply`, { text: 'Still there?' })).toMatchObject({
      status: 409,
      body: { error: 'WINDOW_CLOSED' },
    });

    const sent = await call('POST', `/conversations/${USER}/reply`, FOLLOW_UP);
    expect(sent.status).toBe(202);
    await b.idle();
    const out = b.sentTo(USER).slice(before);
    expect(out).toHaveLength(1);
    expect(out[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+${USER}`,
      type: 'template',
      template: {
        name: 'consultant_follow_up',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'customer_name', text: 'Jane' },
              { type: 'text', parameter_name: 'consultant_name', text: 'Sara' },
              { type: 'text', parameter_name: 'program', text: 'Portugal Golden Visa' },
            ],
          },
        ],
      },
    });
    const row = await rowAfter(Number(sent.body.id), 1);
    expect(row).toMatchObject({ operator: 'sara', type: 'template', status: 'sent', direction: 'outgoing' });
    expect(row.message).toContain('Hello Jane, this is Sara from Nexora Investments.');

    const positional = await call('POST', `/conversations/${USER}/reply`, {
      template: 'booking_reminder',
      language: 'en',
      parameters: { body: ['Jane', 'Tuesday 10:00 (Dubai time)'], buttons: { '0': 'bk-4711' } },
      operator: 'sara',
    });
    expect(positional.status).toBe(202);
    await b.idle();
    expect(b.sentTo(USER).at(-1)!.body).toMatchObject({
      template: {
        name: 'booking_reminder',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Jane' },
              { type: 'text', text: 'Tuesday 10:00 (Dubai time)' },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'bk-4711' }] },
        ],
      },
    });

    const sends = b.graph.sent.length;
    const missing = await call('POST', `/conversations/${USER}/reply`, { ...FOLLOW_UP, parameters: { body: {} } });
    expect(missing).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED', field: 'parameters' } });
    expect(missing.body.message).toContain('{{customer_name}}');
    expect(await call('POST', `/conversations/${USER}/reply`, { ...FOLLOW_UP, language: 'ar' })).toMatchObject({
      status: 409,
      body: { error: 'TEMPLATE_REFUSED' },
    });
    expect(
      await call('POST', `/conversations/${USER}/reply`, { ...FOLLOW_UP, template: 'no_such_template' }),
    ).toMatchObject({ status: 404, body: { field: 'template' } });
    expect(await call('POST', `/conversations/${USER}/reply`, { ...FOLLOW_UP, text: 'both' })).toMatchObject({
      status: 400,
    });
    await b.idle();
    expect(b.graph.sent.length).toBe(sends);
  });

  it("Meta's template errors are recorded on the message and shown in words", async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    const words: Record<number, RegExp> = {
      132000: /wrong number of values/,
      132001: /not found in this language, or not approved/,
      132005: /too long/,
      132007: /policy/,
      132012: /wrong format/,
      132015: /paused/,
      132016: /disabled/,
      131047: /More than 24 hours/,
    };
    for (const code of Object.keys(words).map(Number)) {
      b.graph.fail({ code, to: USER });
      const res = await call('POST', `/conversations/${USER}/reply`, FOLLOW_UP);
      const row = await rowAfter(Number(res.body.id), 1);
      expect(row).toMatchObject({ status: 'failed', error_code: code, attempts: 1 });
    }
    const info = await getUserInfo(b.runtime.deps.db, USER, { messages: 50 });
    const failed = info.messages.filter((m) => m.status === 'failed');
    expect(failed).toHaveLength(8);
    for (const m of failed) {
      const code = Number(m.error!.split(' ')[0]);
      expect(m.error).toMatch(words[code]!);
    }
  });

  it('131049 waits at least 24 hours whatever Retry-After says; 131050 is never retried and stops marketing templates', async () => {
    const clock = new ManualClock();
    const b = await start({}, clock);
    await b.say(textMessage(USER, 'hi'));
    b.graph.fail({ code: 131049, to: USER, retryAfterSec: 60 });
    const held = await call('POST', `/conversations/${USER}/reply`, OFFER);
    const row = await rowAfter(Number(held.body.id), 1);
    expect(row).toMatchObject({ status: 'queued', error_code: 131049 });
    expect(Number(row.next_attempt_at)).toBeGreaterThanOrEqual(clock.now() + 24 * HOUR);
    clock.advance(24 * HOUR + 60_000);
    b.runtime.sender.wake();
    expect(await rowAfter(Number(held.body.id), 2)).toMatchObject({ status: 'sent', attempts: 2 });

    await b.say(textMessage(USER, 'hello again'));
    b.graph.fail({ code: 131050, to: USER });
    const stopped = await call('POST', `/conversations/${USER}/reply`, OFFER);
    expect(await rowAfter(Number(stopped.body.id), 1)).toMatchObject({ status: 'failed', error_code: 131050 });
    const sends = b.graph.sent.length;
    expect(await call('POST', `/conversations/${USER}/reply`, OFFER)).toMatchObject({
      status: 409,
      body: { error: 'TEMPLATE_REFUSED', message: expect.stringContaining('131050') },
    });
    // A utility template is still allowed; the failed one was not tried again.
    expect((await call('POST', `/conversations/${USER}/reply`, FOLLOW_UP)).status).toBe(202);
    await b.idle();
    expect(b.graph.sent.length).toBe(sends + 1);
  });

  it('a marketing stop reported by user_preferences refuses marketing templates until WhatsApp reports a resume', async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    const preference = (value: string, ts: number) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS.wabaId,
          changes: [
            {
              field: 'user_preferences',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: BUSINESS.display, phone_number_id: BUSINESS.phoneNumberId },
                user_preferences: [
                  { wa_id: USER, category: 'marketing_messages', value, detail: value, timestamp: ts },
                ],
              },
            },
          ],
        },
      ],
    });
    const now = Math.floor(Date.now() / 1000);
    expect((await b.post(preference('stop', now - 10))).status).toBe(200);
    const sends = b.graph.sent.length;
    expect(await call('POST', `/conversations/${USER}/reply`, OFFER)).toMatchObject({
      status: 409,
      body: { error: 'TEMPLATE_REFUSED', message: expect.stringContaining('stop marketing') },
    });
    expect((await call('POST', `/conversations/${USER}/reply`, FOLLOW_UP)).status).toBe(202);
    expect((await b.post(preference('resume', now))).status).toBe(200);
    expect((await call('POST', `/conversations/${USER}/reply`, OFFER)).status).toBe(202);
    await b.idle();
    expect(b.graph.sent.length).toBe(sends + 2);
  });

  it('a marketing stop reported by user_preferences cancels the marketing templates still queued; a utility one still goes', async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    await b.idle();
    // Meta asks us to wait an hour before the next message to this user: the offer stays queued, and
    // the follow-up waits behind it (one user's messages go in order).
    b.graph.fail({ code: 131056, to: USER, retryAfterSec: 3600 });
    const offer = await call('POST', `/conversations/${USER}/reply`, OFFER);
    expect(offer.status).toBe(202);
    expect(await rowAfter(Number(offer.body.id), 1)).toMatchObject({
      status: 'queued',
      template_category: 'MARKETING',
    });
    const followUp = await call('POST', `/conversations/${USER}/reply`, FOLLOW_UP);
    expect(await rowAfter(Number(followUp.body.id), 0)).toMatchObject({
      status: 'queued',
      template_category: 'UTILITY',
    });
    const stop = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS.wabaId,
          changes: [
            {
              field: 'user_preferences',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: BUSINESS.display, phone_number_id: BUSINESS.phoneNumberId },
                user_preferences: [
                  {
                    wa_id: USER,
                    category: 'marketing_messages',
                    value: 'stop',
                    detail: 'User requested to stop marketing messages',
                    timestamp: Math.floor(Date.now() / 1000),
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect((await b.post(stop)).status).toBe(200);
    await b.idle();
    expect(await rowAfter(Number(offer.body.id), 1)).toMatchObject({
      status: 'failed',
      error_title: 'cancelled: the user stopped marketing messages',
    });
    // The offer is never sent; the follow-up no longer waits behind it and goes out.
    expect(await rowAfter(Number(followUp.body.id), 1)).toMatchObject({ status: 'sent' });
    const accepted = b.graph.accepted.map((a) => (a.body as { template?: { name: string } }).template?.name);
    expect(accepted).toContain('consultant_follow_up');
    expect(accepted).not.toContain('new_programs_offer');
  });

  it('in sandbox mode the templates come from the file shipped in the repository', async () => {
    const b = await start({ WHATSAPP_TOKEN: '' });
    await b.say(textMessage(USER, 'hi'));
    const list = await call('GET', '/templates');
    expect(list.body.source).toMatch(/^sandbox file .*data-seed[/\\]templates\.json$/);
    expect(list.body.templates).toHaveLength(4);
    const sent = await call('POST', `/conversations/${USER}/reply`, FOLLOW_UP);
    expect(sent.status).toBe(202);
    await b.idle();
    expect(await rowAfter(Number(sent.body.id), 0)).toMatchObject({ type: 'template', status: 'sandbox' });
    expect(b.graph.requests.filter((r) => r.method === 'GET')).toHaveLength(0);

    // The stored user_preferences (marketing stopped) is respected before anything is queued.
    const now = Date.now();
    await b.runtime.deps.db
      .insertInto('marketing_preferences')
      .values({ phone: USER, marketing_stopped: 1, detail: null, changed_at: now, updated_at: now })
      .execute();
    expect(await call('POST', `/conversations/${USER}/reply`, OFFER)).toMatchObject({
      status: 409,
      body: { error: 'TEMPLATE_REFUSED', message: expect.stringContaining('stop marketing messages') },
    });
    expect((await call('POST', `/conversations/${USER}/reply`, FOLLOW_UP)).status).toBe(202);
  });
});
