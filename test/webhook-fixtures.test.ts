// Issue 12: every message type and status shape the Cloud API reference documents, as JSON fixtures
// (test/fixtures/webhooks/), each posted signed through the real webhook on SQLite and PostgreSQL.
// Each test says exactly what is stored and what the user gets back, or that nothing is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { messagesFor } from '../src/messages.js';
import { getTimeline } from '../src/ops/conversations.js';
import { exportUser } from '../src/ops/export-user.js';
import { getDashboard } from '../src/ops/dashboard.js';
import { getMarketingConsent, isMarketingAllowed } from '../src/ops/marketing-consent.js';
import { getHandoff } from '../src/handoff/handoff-store.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { firstMessage, fixture } from './helpers/webhook-fixture.js';

const USER = '15550002222';
const NEW_NUMBER = '15550003333';
const BSUID = 'US.13491208655302741918';
const NEW_BSUID = 'US.99991208655302741918';
const OUT = 'wamid.FX_OUT_1';
const en = messagesFor('en');
const TWO_DAYS_SEC = 2 * 24 * 60 * 60;

/** A marketing text already queued for `phone` (not yet sent). */
function queuedRow(phone: string, now: number) {
  return {
    phone,
    message: 'queued offer',
    direction: 'outgoing' as const,
    timestamp: now,
    message_id: null,
    status: 'queued' as const,
    type: 'text',
    payload: '{}',
    next_attempt_at: now + 3_600_000,
    locked_until: null,
    error_code: null,
    error_title: null,
    reply_to: null,
    created_at: now,
    updated_at: now,
    processed_at: null,
    sent_at: null,
  };
}

describeEachDb('webhook fixtures: every documented shape', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const start = async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    return bot;
  };
  const db = () => bot!.runtime.deps.db;
  const post = async (name: string) => {
    const res = await bot!.post(fixture(name));
    expect(res.status).toBe(200);
    // Generous: the suite shares two cores with everything else that runs.
    await bot!.idle(30_000);
  };
  /** What the user got back: one line per send, `type: text`. */
  const replies = () =>
    bot!.graph.sent.filter((r) => r.kind === 'send').map((r) => `${(r.body as { type: string }).type}: ${bodyText(r)}`);
  const inbound = () =>
    db()
      .selectFrom('whatsapp_messages')
      .select(['phone', 'message', 'type', 'status', 'message_id'])
      .where('direction', '=', 'incoming')
      .orderBy('id')
      .execute();
  /** One of our messages, already delivered, for reactions and statuses to name. */
  const seedOutbound = async (phone = USER) => {
    const now = Date.now();
    await db()
      .insertInto('whatsapp_messages')
      .values({
        phone,
        message: 'Welcome to Nexora',
        direction: 'outgoing',
        timestamp: now - 60_000,
        message_id: OUT,
        status: 'sent',
        type: 'text',
        payload: '{}',
        next_attempt_at: null,
        locked_until: null,
        error_code: null,
        error_title: null,
        reply_to: null,
        created_at: now - 60_000,
        updated_at: now - 60_000,
        processed_at: null,
        sent_at: now - 60_000,
      })
      .execute();
  };
  const outbound = () =>
    db()
      .selectFrom('whatsapp_messages')
      .select(['status', 'error_code', 'reaction'])
      .where('message_id', '=', OUT)
      .executeTakeFirstOrThrow();

  it('text: stored as said, answered with the main menu', async () => {
    await start();
    await post('text');
    expect(await inbound()).toEqual([
      { phone: USER, message: 'hi', type: 'text', status: 'processed', message_id: 'wamid.FX_TEXT' },
    ]);
    const stored = await db().selectFrom('whatsapp_messages').select('payload').executeTakeFirstOrThrow();
    const body = fixture('text');
    expect(JSON.parse(stored.payload)).toEqual({
      ...firstMessage(body),
      timestamp: expect.any(String),
      _contact: { profile: { name: 'Ana Test' }, wa_id: USER },
    });
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toMatch(/^interactive: /);
  });

  it('image with a caption: the caption is the question the conversation reads', async () => {
    await start();
    await post('image-caption');
    expect((await inbound())[0]).toMatchObject({ message: '[image] is this property eligible?', type: 'image' });
    // A first message that is not a menu choice gets the welcome menu, as typed text does.
    expect(replies()).toEqual([expect.stringMatching(/^interactive: 👋 Welcome/)]);
    expect(replies().join('\n')).not.toContain(en.t('input.unsupported'));
    // Later in the conversation the caption is answered like the same words typed.
    await post('text');
    const before = replies().length;
    const again = fixture('image-caption');
    firstMessage(again)['id'] = 'wamid.FX_IMAGE_2';
    await bot!.post(again);
    await bot!.idle(30_000);
    expect(replies().slice(before)).toEqual([expect.stringContaining(en.t('menu.didNotUnderstand'))]);
  });

  it.each([
    ['image', '[image]'],
    ['audio', '[voice note]'],
  ])(
    '%s without a caption: kept in full, acknowledged as received for the consultant, with the menu',
    async (name, summary) => {
      await start();
      await post(name);
      expect((await inbound())[0]).toMatchObject({ phone: USER, message: summary, status: 'processed' });
      expect(replies()).toHaveLength(2);
      expect(replies()[0]).toBe(`text: ${en.t('input.fileReceived')}`);
      expect(replies()[1]).toMatch(/^interactive: /);
    },
  );

  it.each([
    ['sticker', '[sticker]'],
    ['location', '[location] Dubai Marina, Marina Walk, Dubai (25.0805, 55.1403)'],
    ['contacts', '[contacts] Omar Haddad +971 50 123 4567 omar@example.test'],
    ['order', '[order] 2 × consult-60 (150 USD), 1 × brochure-print (10 USD) “Two consultations please”'],
    ['unsupported', '[unsupported] poll'],
    ['unknown', '[unknown]'],
  ])('%s: kept in full, answered "I can only read text" with the menu', async (name, summary) => {
    await start();
    await post(name);
    expect((await inbound())[0]).toMatchObject({ phone: USER, message: summary, status: 'processed' });
    expect(replies()).toHaveLength(2);
    expect(replies()[0]).toBe(`text: ${en.t('input.unsupported')}`);
    expect(replies()[1]).toMatch(/^interactive: /);
  });

  it('video and document with captions reach the conversation as text', async () => {
    await start();
    await post('video');
    await post('document');
    expect((await inbound()).map((m) => m.message)).toEqual([
      '[video] our villa tour',
      '[document] bank-statement.pdf — proof of funds',
    ]);
    expect(replies().join('\n')).not.toContain(en.t('input.unsupported'));
  });

  it('location, contacts and order reach the timeline and the export in full', async () => {
    await start();
    await post('location');
    await post('contacts');
    await post('order');
    const timeline = await getTimeline(db(), USER);
    const texts = timeline.messages.filter((m) => m.direction === 'incoming').map((m) => m.text);
    expect(texts).toEqual([
      '[location] Dubai Marina, Marina Walk, Dubai (25.0805, 55.1403)',
      '[contacts] Omar Haddad +971 50 123 4567 omar@example.test',
      '[order] 2 × consult-60 (150 USD), 1 × brochure-print (10 USD) “Two consultations please”',
    ]);
    const exported = await exportUser(db(), USER, Date.now());
    const payloads = exported.messages.filter((m) => m['direction'] === 'incoming').map((m) => m['payload']);
    expect(payloads[0]).toMatchObject({ location: { latitude: 25.0805, longitude: 55.1403, name: 'Dubai Marina' } });
    expect(payloads[1]).toMatchObject({ contacts: [{ phones: [{ wa_id: '971501234567' }] }] });
    expect(payloads[2]).toMatchObject({
      order: {
        catalog_id: '400000000000001',
        product_items: [
          { product_retailer_id: 'consult-60', quantity: 2, item_price: 150, currency: 'USD' },
          { product_retailer_id: 'brochure-print', quantity: 1, item_price: 10, currency: 'USD' },
        ],
      },
    });
  });

  it.each(['interactive-button-reply', 'interactive-list-reply'])(
    '%s: the row id is a menu choice (consultant: asks the name)',
    async (name) => {
      await start();
      await post(name);
      expect((await inbound())[0]).toMatchObject({ type: 'interactive', status: 'processed' });
      expect(replies()).toHaveLength(1);
      expect(replies()[0]).toContain(en.t('consultant.askName'));
    },
  );

  it('nfm_reply (a Flow): the JSON is kept and the form makes a lead', async () => {
    await start();
    await post('interactive-nfm-reply');
    expect((await inbound())[0]).toMatchObject({
      message: '[form flow] name: Ana Test, email: ana@example.test, budget: 500000',
      status: 'processed',
    });
    const lead = await db().selectFrom('whatsapp_leads').selectAll().executeTakeFirstOrThrow();
    expect(lead).toMatchObject({
      phone: USER,
      name: 'Ana Test',
      email: 'ana@example.test',
      budget: 500_000,
      source: 'direct',
    });
    // The form's lead is thanked like the chat's, with the offer of a consultant now (Yes / No buttons).
    expect(replies()[0]).toBe(
      `interactive: ${en.t('consultant.saved', { name: 'Ana Test' })}\n\n${en.t('consultant.offerChat')}`,
    );
  });

  it('a template quick-reply is a choice; its label read as text', async () => {
    await start();
    await post('button-template-quick-reply');
    expect((await inbound())[0]).toMatchObject({ message: 'Tell me more', type: 'button' });
    expect(replies()).toEqual([expect.stringMatching(/^interactive: 👋 Welcome/)]);
  });

  it.each(['button-template-stop', 'button-template-unsubscribe-label', 'button-template-stop-promotions-label'])(
    '%s: opts the user out exactly like STOP',
    async (name) => {
      await start();
      await post(name);
      const session = await db()
        .selectFrom('whatsapp_sessions')
        .selectAll()
        .where('phone', '=', USER)
        .executeTakeFirstOrThrow();
      expect(session.opted_out).toBe(1);
      expect(replies()).toEqual([`text: ${en.t('optOut.confirmed')}`]);
      expect(await isMarketingAllowed(db(), USER)).toBe(false);
      // Nothing more is sent until START.
      await post('text');
      expect(replies()).toHaveLength(1);
    },
  );

  it('reaction and its removal: recorded on the message they react to, never answered', async () => {
    await start();
    await seedOutbound();
    await post('reaction');
    expect((await outbound()).reaction).toBe('👍');
    expect((await inbound())[0]).toMatchObject({ message: '[reaction] 👍', status: 'processed' });
    const timeline = await getTimeline(db(), USER);
    expect(timeline.messages.find((m) => m.wamid === OUT)?.reaction).toBe('👍');
    await post('reaction-removed');
    expect((await outbound()).reaction).toBeNull();
    expect(replies()).toEqual([]);
  });

  it('user_changed_number: history, session and lead move to the new number; nothing is sent', async () => {
    await start();
    await post('interactive-nfm-reply');
    const sent = replies().length;
    await post('system-user-changed-number');
    const phones = await db().selectFrom('whatsapp_messages').select('phone').distinct().execute();
    expect(phones).toEqual([{ phone: NEW_NUMBER }]);
    const sessions = await db().selectFrom('whatsapp_sessions').select('phone').execute();
    expect(sessions).toEqual([{ phone: NEW_NUMBER }]);
    const lead = await db().selectFrom('whatsapp_leads').select(['phone', 'email']).executeTakeFirstOrThrow();
    expect(lead).toEqual({ phone: NEW_NUMBER, email: 'ana@example.test' });
    const notifications = await db().selectFrom('notifications').select('phone').distinct().execute();
    for (const n of notifications) expect(n.phone).toBe(NEW_NUMBER);
    expect(replies()).toHaveLength(sent);
  });

  it('user_changed_user_id: a username user keeps one history under the new BSUID', async () => {
    await start();
    await post('text-bsuid-only');
    const sent = replies().length;
    await post('system-user-changed-user-id');
    const phones = await db().selectFrom('whatsapp_messages').select('phone').distinct().execute();
    expect(phones).toEqual([{ phone: NEW_BSUID }]);
    const session = await db().selectFrom('whatsapp_sessions').select(['phone', 'bsuid', 'username']).execute();
    expect(session).toEqual([{ phone: NEW_BSUID, bsuid: NEW_BSUID, username: '@ana.invests' }]);
    expect(replies()).toHaveLength(sent);
  });

  it('a BSUID-only history joins the phone when the pair first appears; the country code is kept', async () => {
    await start();
    await post('text-bsuid-only');
    expect(bot!.graph.sent[0]?.body).toMatchObject({ recipient: BSUID });
    await post('text-phone-and-bsuid');
    const phones = await db().selectFrom('whatsapp_messages').select('phone').distinct().execute();
    expect(phones).toEqual([{ phone: USER }]);
    const sessions = await db().selectFrom('whatsapp_sessions').selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ phone: USER, bsuid: BSUID, username: '@ana.invests', country_code: 'US' });
  });

  it('a Click-to-WhatsApp ad: stored with the first message; the lead, its e-mail event and the dashboard name the ad', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false', LEAD_WEBHOOK_URL: 'http://127.0.0.1:9/crm' });
    await post('referral-ad');
    const session = await db().selectFrom('whatsapp_sessions').selectAll().executeTakeFirstOrThrow();
    expect(session.source).toBe('ad Golden Visa in 90 days');
    expect(JSON.parse(session.referral!)).toMatchObject({
      source_id: '120200000000001',
      ctwa_clid: 'FAKE_CTWA_CLID_1',
    });
    const timeline = await getTimeline(db(), USER);
    expect(timeline.messages[0]?.context).toBe('from ad Golden Visa in 90 days');
    await post('interactive-nfm-reply');
    const lead = await db().selectFrom('whatsapp_leads').selectAll().executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ source: 'ad Golden Visa in 90 days', source_id: '120200000000001' });
    const event = await db()
      .selectFrom('notifications')
      .select('payload')
      .where('kind', '=', 'lead_webhook')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ lead: { source: 'ad Golden Visa in 90 days' } });
    const now = Date.now();
    const dashboard = await getDashboard(db(), { since: now - 86_400_000, until: now + 60_000 });
    expect(dashboard.sources).toEqual([{ source: 'ad Golden Visa in 90 days', adId: '120200000000001', leads: 1 }]);
  });

  describe('two days late (Meta redelivers for up to 7 days): side effects applied, nothing sent', () => {
    const postLate = async (name: string, id?: string) => {
      const body = fixture(name, Math.floor(Date.now() / 1000) - TWO_DAYS_SEC);
      if (id) firstMessage(body)['id'] = id;
      expect((await bot!.post(body)).status).toBe(200);
      await bot!.idle(30_000);
    };
    const statusOf = async (wamid: string) =>
      (
        await db()
          .selectFrom('whatsapp_messages')
          .select('status')
          .where('message_id', '=', wamid)
          .executeTakeFirstOrThrow()
      ).status;

    it('a reaction is recorded and a Stop button tap opts out, cancelling what was queued', async () => {
      await start();
      await seedOutbound();
      await postLate('reaction');
      expect((await outbound()).reaction).toBe('👍');
      expect(await statusOf('wamid.FX_REACTION')).toBe('expired');
      await bot!.runtime.deps.db.insertInto('whatsapp_messages').values(queuedRow(USER, Date.now())).execute();
      await postLate('button-template-stop');
      const session = await db()
        .selectFrom('whatsapp_sessions')
        .select('opted_out')
        .where('phone', '=', USER)
        .executeTakeFirstOrThrow();
      expect(session.opted_out).toBe(1);
      expect(await statusOf('wamid.FX_TEMPLATE_STOP')).toBe('expired');
      const queued = await db()
        .selectFrom('whatsapp_messages')
        .select(['status', 'error_title'])
        .where('message', '=', 'queued offer')
        .executeTakeFirstOrThrow();
      expect(queued).toEqual({ status: 'failed', error_title: 'cancelled: the user opted out' });
      expect(await isMarketingAllowed(db(), USER)).toBe(false);
      // A current message is not answered either: the user is opted out.
      await post('text');
      expect(replies()).toEqual([]);
    });

    it('a typed STOP opts out without a reply; a late START does not opt back in', async () => {
      await start();
      const stop = fixture('text', Math.floor(Date.now() / 1000) - TWO_DAYS_SEC);
      (firstMessage(stop)['text'] as { body: string }).body = 'Parar';
      await bot!.post(stop);
      await bot!.idle(30_000);
      const optedOut = () =>
        db().selectFrom('whatsapp_sessions').select('opted_out').where('phone', '=', USER).executeTakeFirstOrThrow();
      expect(await optedOut()).toEqual({ opted_out: 1 });
      const start2 = fixture('text', Math.floor(Date.now() / 1000) - TWO_DAYS_SEC + 60);
      firstMessage(start2)['id'] = 'wamid.FX_TEXT_START';
      (firstMessage(start2)['text'] as { body: string }).body = 'START';
      await bot!.post(start2);
      await bot!.idle(30_000);
      expect(await optedOut()).toEqual({ opted_out: 1 });
      expect(replies()).toEqual([]);
    });

    it('user_changed_number moves history, session and lead to the new number', async () => {
      await start();
      await post('interactive-nfm-reply');
      const sent = replies().length;
      await postLate('system-user-changed-number');
      const phones = await db().selectFrom('whatsapp_messages').select('phone').distinct().execute();
      expect(phones).toEqual([{ phone: NEW_NUMBER }]);
      const lead = await db().selectFrom('whatsapp_leads').select(['phone', 'email']).executeTakeFirstOrThrow();
      expect(lead).toEqual({ phone: NEW_NUMBER, email: 'ana@example.test' });
      expect(await statusOf('wamid.FX_SYSTEM_NUMBER')).toBe('expired');
      expect(replies()).toHaveLength(sent);
    });

    it('the BSUID-only history joins the phone, and the ad of a late first message becomes the source', async () => {
      await start();
      await post('text-bsuid-only');
      const sent = replies().length;
      await postLate('text-phone-and-bsuid');
      await postLate('referral-ad');
      const phones = await db().selectFrom('whatsapp_messages').select('phone').distinct().execute();
      expect(phones).toEqual([{ phone: USER }]);
      const sessions = await db().selectFrom('whatsapp_sessions').selectAll().execute();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ phone: USER, bsuid: BSUID, source: 'ad Golden Visa in 90 days' });
      expect(await statusOf('wamid.FX_PAIR')).toBe('expired');
      expect(await statusOf('wamid.FX_REFERRAL')).toBe('expired');
      expect(replies()).toHaveLength(sent);
    });
  });

  it('context: the quoted message, the forward and the product are shown in the timeline', async () => {
    await start();
    await post('context-forwarded-product');
    const timeline = await getTimeline(db(), USER);
    expect(timeline.messages[0]).toMatchObject({
      text: 'How much is this one?',
      context: `reply to ${OUT} · forwarded · about product portugal-golden-visa (catalogue 400000000000001)`,
    });
  });

  it('statuses sent → delivered → read with pricing and conversation objects: all kept, the message is read', async () => {
    await start();
    await seedOutbound();
    await post('status-sent-delivered-read');
    const statuses = await db()
      .selectFrom('whatsapp_statuses')
      .select(['status', 'recipient_id', 'payload'])
      .orderBy('id')
      .execute();
    expect(statuses.map((s) => [s.status, s.recipient_id])).toEqual([
      ['sent', USER],
      ['delivered', USER],
      ['read', USER],
    ]);
    expect(JSON.parse(statuses[0]!.payload)).toMatchObject({
      pricing: { pricing_model: 'PMP' },
      conversation: { id: 'CONVERSATION_FAKE_1' },
    });
    expect((await outbound()).status).toBe('read');
    expect(replies()).toEqual([]);
  });

  it('a read without delivered, a failed 131047 and a BSUID status are applied', async () => {
    await start();
    await seedOutbound();
    await post('status-failed');
    expect(await outbound()).toMatchObject({ status: 'failed', error_code: 131047 });
    await post('status-read-only');
    await post('status-bsuid');
    const statuses = await db()
      .selectFrom('whatsapp_statuses')
      .select(['status', 'recipient_id'])
      .orderBy('id')
      .execute();
    expect(statuses).toEqual([
      { status: 'failed', recipient_id: USER },
      { status: 'read', recipient_id: USER },
      { status: 'delivered', recipient_id: BSUID },
    ]);
  });

  it('value.errors and a template status update are recorded as events; nothing is sent', async () => {
    await start();
    await post('errors-async-130429');
    await post('template-status-rejected');
    const events = await db()
      .selectFrom('webhook_events')
      .select(['field', 'kind', 'code', 'summary'])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        field: 'messages',
        kind: 'error',
        code: 130429,
        summary: '130429 Rate limit hit: Cloud API message throughput has been reached.',
      },
      {
        field: 'message_template_status_update',
        kind: 'template_status',
        code: null,
        summary: 'golden_visa_offer (en_US) REJECTED: INVALID_FORMAT',
      },
    ]);
    expect(replies()).toEqual([]);
  });

  it('a message set aside as malformed is stored in full as an invalid event, to be replayed', async () => {
    await start();
    const body = fixture('text');
    delete firstMessage(body)['id'];
    expect((await bot!.post(body)).status).toBe(200);
    await bot!.idle(30_000);
    const events = await db().selectFrom('webhook_events').select(['field', 'kind', 'payload']).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ field: 'invalid_message', kind: 'invalid' });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ item: { from: USER, text: { body: 'hi' } } });
    expect(replies()).toEqual([]);
  });

  it('user_preferences: marketing stopped then resumed is stored on the user and checked', async () => {
    await start();
    await post('user-preferences-stop');
    expect(await getMarketingConsent(db(), USER)).toMatchObject({ allowed: false, reason: 'marketing_stopped' });
    // A redelivered older "stop" after a newer "resume" changes nothing.
    await post('user-preferences-resume');
    await post('user-preferences-stop');
    expect(await isMarketingAllowed(db(), USER)).toBe(true);
    const rows = await db().selectFrom('marketing_preferences').select(['phone', 'marketing_stopped']).execute();
    expect(rows).toEqual([{ phone: USER, marketing_stopped: 0 }]);
    expect(replies()).toEqual([]);
    expect(await db().selectFrom('whatsapp_sessions').selectAll().execute()).toEqual([]);
  });

  it('smb_message_echoes: recorded as written by a person; the conversation becomes human-owned and the bot stays silent', async () => {
    await start();
    await post('text');
    const sent = replies().length;
    await post('smb-message-echo');
    const echo = await db()
      .selectFrom('whatsapp_messages')
      .select(['phone', 'direction', 'status', 'operator', 'message'])
      .where('message_id', '=', 'wamid.FX_ECHO')
      .executeTakeFirstOrThrow();
    expect(echo).toEqual({
      phone: USER,
      direction: 'outgoing',
      status: 'sent',
      operator: 'whatsapp-business-app',
      message: 'Hi Ana, Sara from Nexora here. I will call you at 5.',
    });
    expect(await getHandoff(db(), USER)).toMatchObject({
      owner: 'human',
      operator: 'whatsapp-business-app',
      status: 'open',
    });
    const again = fixture('text');
    firstMessage(again)['id'] = 'wamid.FX_TEXT_2';
    expect((await bot!.post(again)).status).toBe(200);
    await bot!.idle(30_000);
    expect(replies()).toHaveLength(sent);
  });

  describe('shapes the contract documents that were not covered yet', () => {
    it('interactive call_permission_reply: kept with the answer, never answered', async () => {
      await start();
      await post('interactive-call-permission-reply');
      expect(await inbound()).toEqual([
        {
          phone: USER,
          message: '[call permission accept]',
          type: 'interactive',
          status: 'processed',
          message_id: 'wamid.FX_CALL_PERMISSION',
        },
      ]);
      const stored = await db().selectFrom('whatsapp_messages').select('payload').executeTakeFirstOrThrow();
      expect(JSON.parse(stored.payload)).toMatchObject({
        interactive: {
          type: 'call_permission_reply',
          call_permission_reply: { response: 'accept', is_permanent: false, response_source: 'user_action' },
        },
      });
      expect(replies()).toEqual([]);
      // The user's next message is answered as usual: the notice changed nothing in the conversation.
      await post('text');
      expect(replies()).toEqual([expect.stringMatching(/^interactive: 👋 Welcome/)]);
    });

    it('an address message (nfm_reply "address_message"): the address is kept in full; no lead, the menu', async () => {
      await start();
      await post('interactive-address-message');
      expect(await inbound()).toEqual([
        {
          phone: USER,
          message:
            '[form address_message] values: {"name":"Ana Test","phone_number":"+15550002222","address":"Marina Walk 12","city":"Dubai","country":"AE"}',
          type: 'interactive',
          status: 'processed',
          message_id: 'wamid.FX_ADDRESS',
        },
      ]);
      expect(await db().selectFrom('whatsapp_leads').selectAll().execute()).toEqual([]);
      // Received, nothing to ask: the menu, without "I can only read text".
      expect(replies()).toHaveLength(1);
      expect(replies()[0]).toMatch(/^interactive: /);
      expect(replies().join('\n')).not.toContain(en.t('input.unsupported'));
    });

    it('customer_changed_number (older name, new_wa_id): history, session and lead move; nothing is sent', async () => {
      await start();
      await post('interactive-nfm-reply');
      const sent = replies().length;
      await post('system-customer-changed-number');
      const phones = await db().selectFrom('whatsapp_messages').select('phone').distinct().execute();
      expect(phones).toEqual([{ phone: NEW_NUMBER }]);
      expect(await db().selectFrom('whatsapp_sessions').select('phone').execute()).toEqual([{ phone: NEW_NUMBER }]);
      const lead = await db().selectFrom('whatsapp_leads').select(['phone', 'email']).executeTakeFirstOrThrow();
      expect(lead).toEqual({ phone: NEW_NUMBER, email: 'ana@example.test' });
      const notice = await db()
        .selectFrom('whatsapp_messages')
        .select(['message', 'status'])
        .where('message_id', '=', 'wamid.FX_SYSTEM_CUSTOMER')
        .executeTakeFirstOrThrow();
      expect(notice).toEqual({
        message: '[system] User Ana Test changed from 15550002222 to 15550003333',
        status: 'processed',
      });
      expect(replies()).toHaveLength(sent);
    });

    it('status played (a voice note first played): kept, and the message counts as read', async () => {
      await start();
      await seedOutbound();
      await post('status-played');
      const statuses = await db().selectFrom('whatsapp_statuses').select(['status', 'recipient_id']).execute();
      expect(statuses).toEqual([{ status: 'played', recipient_id: USER }]);
      expect((await outbound()).status).toBe('read');
      expect(replies()).toEqual([]);
    });

    it('a group status (recipient_type group, recipient_participant_id): kept with the group id; nothing else', async () => {
      await start();
      await post('status-group');
      const statuses = await db()
        .selectFrom('whatsapp_statuses')
        .select(['message_id', 'status', 'recipient_id', 'payload'])
        .execute();
      expect(statuses).toHaveLength(1);
      expect(statuses[0]).toMatchObject({
        message_id: 'wamid.FX_GROUP_OUT',
        status: 'delivered',
        recipient_id: 'Y2FwaV9ncm91cDoxNTU1MDAwMTExMToxMjAzNjMwMDAwMDAwMDAwMDAZD',
      });
      expect(JSON.parse(statuses[0]!.payload)).toMatchObject({
        recipient_type: 'group',
        recipient_participant_id: USER,
        pricing: { category: 'utility', type: 'regular' },
      });
      expect(await db().selectFrom('whatsapp_messages').selectAll().execute()).toEqual([]);
      expect(await db().selectFrom('webhook_events').selectAll().execute()).toEqual([]);
      expect(replies()).toEqual([]);
    });

    it('v24 pricing shapes (no conversation object, a free entry point window, marketing_lite, biz_opaque_callback_data): all kept', async () => {
      await start();
      await seedOutbound();
      await post('status-pricing-v24');
      const statuses = await db().selectFrom('whatsapp_statuses').select(['status', 'payload']).orderBy('id').execute();
      expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
      const [sent, delivered, read] = statuses.map((s) => JSON.parse(s.payload) as Record<string, unknown>);
      expect(sent).toMatchObject({
        biz_opaque_callback_data: 'lead-42',
        pricing: { billable: true, pricing_model: 'PMP', category: 'marketing_lite', type: 'regular' },
      });
      expect(sent).not.toHaveProperty('conversation');
      expect(delivered).toMatchObject({
        pricing: { category: 'referral_conversion', type: 'free_entry_point' },
        conversation: { id: 'CONVERSATION_FAKE_FEP', origin: { type: 'referral_conversion' } },
      });
      expect(read).toMatchObject({ biz_opaque_callback_data: 'lead-42' });
      expect((await outbound()).status).toBe('read');
      expect(replies()).toEqual([]);
    });

    it('frequently_forwarded context: shown in the timeline; the text is answered as usual', async () => {
      await start();
      await post('context-frequently-forwarded');
      const timeline = await getTimeline(db(), USER);
      expect(timeline.messages[0]).toMatchObject({ text: 'Is this offer real?', context: 'forwarded many times' });
      expect(replies()).toEqual([expect.stringMatching(/^interactive: 👋 Welcome/)]);
    });

    it('a location with latitude and longitude as strings: summarised like numbers, answered like a location', async () => {
      await start();
      await post('location-string-coordinates');
      expect((await inbound())[0]).toMatchObject({
        message: '[location] Dubai Marina, Marina Walk, Dubai (25.0805, 55.1403)',
        status: 'processed',
      });
      const exported = await exportUser(db(), USER, Date.now());
      expect(exported.messages[0]?.['payload']).toMatchObject({
        location: { latitude: '25.0805', longitude: '55.1403' },
      });
      expect(replies()).toEqual([`text: ${en.t('input.unsupported')}`, expect.stringMatching(/^interactive: /)]);
    });

    it('BSUID only (from and wa_id empty): a button reply is a menu choice, answered to the BSUID', async () => {
      await start();
      await post('interactive-button-reply-bsuid-only');
      expect(await inbound()).toEqual([
        {
          phone: BSUID,
          message: 'Talk to a consultant',
          type: 'interactive',
          status: 'processed',
          message_id: 'wamid.FX_BUTTON_BSUID',
        },
      ]);
      const sends = bot!.graph.sent.filter((r) => r.kind === 'send');
      expect(sends).toHaveLength(1);
      expect(sends[0]?.body).toMatchObject({ recipient: BSUID });
      expect(sends[0]?.body).not.toHaveProperty('to');
      expect(replies()[0]).toContain(en.t('consultant.askName'));
      const session = await db().selectFrom('whatsapp_sessions').selectAll().executeTakeFirstOrThrow();
      expect(session).toMatchObject({ phone: BSUID, bsuid: BSUID, username: '@ana.invests', country_code: 'US' });
    });

    it('BSUID only: a reaction is recorded on the message it reacts to, never answered', async () => {
      await start();
      await seedOutbound(BSUID);
      await post('reaction-bsuid-only');
      expect((await outbound()).reaction).toBe('❤️');
      expect(await inbound()).toEqual([
        {
          phone: BSUID,
          message: '[reaction] ❤️',
          type: 'reaction',
          status: 'processed',
          message_id: 'wamid.FX_REACTION_BSUID',
        },
      ]);
      expect(replies()).toEqual([]);
    });
  });
});
