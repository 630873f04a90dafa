import { describe, expect, it } from 'vitest';
import { parseWebhook } from './parse-webhook.js';
import type { ParsedWebhook } from './types.js';

const PHONE_ID = '200000000000002';

function envelope(changes: unknown[], entries = 1): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: Array.from({ length: entries }, (_, i) => ({ id: `10000000000000${i + 1}`, changes })),
  };
}

function messagesChange(value: Record<string, unknown>): unknown {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550001111', phone_number_id: PHONE_ID },
      ...value,
    },
  };
}

function msg(id: string, type: string, part: unknown, from = '15550002222'): Record<string, unknown> {
  return { from, id, timestamp: '1767225600', type, [type]: part };
}

function parsed(body: unknown): ParsedWebhook {
  const result = parseWebhook(body);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

const status = (id: string, s: string, extra: Record<string, unknown> = {}): unknown => ({
  id,
  status: s,
  timestamp: '1767225800',
  recipient_id: '15550002222',
  ...extra,
});

describe('parseWebhook: envelope', () => {
  it('parses the reference example into one text message', () => {
    const body = JSON.parse(`{"object":"whatsapp_business_account",
 "entry":[{"id":"100000000000001",
  "changes":[{"field":"messages",
   "value":{"messaging_product":"whatsapp",
    "metadata":{"display_phone_number":"15550001111","phone_number_id":"200000000000002"},
    "contacts":[{"profile":{"name":"Ana Test"},"wa_id":"15550002222"}],
    "messages":[{"from":"15550002222","id":"wamid.FAKE_IN_0001","timestamp":"1767225600",
                 "type":"text","text":{"body":"hi, do you open on sunday?"}}]}}]}]}`) as unknown;
    const value = parsed(body);
    expect(value.statuses).toEqual([]);
    expect(value.other).toEqual([]);
    expect(value.messages).toEqual([
      {
        wamid: 'wamid.FAKE_IN_0001',
        userKey: '15550002222',
        waId: '15550002222',
        bsuid: null,
        phoneNumberId: PHONE_ID,
        profileName: 'Ana Test',
        username: null,
        sentAt: new Date(1767225600 * 1000),
        type: 'text',
        input: { kind: 'text', text: 'hi, do you open on sunday?' },
        summary: 'hi, do you open on sunday?',
        raw: (body as { entry: { changes: { value: { messages: unknown[] } }[] }[] }).entry[0]?.changes[0]?.value
          .messages[0],
        contact: { profile: { name: 'Ana Test' }, wa_id: '15550002222' },
        countryCode: null,
      },
    ]);
  });

  it.each([
    ['an array', []],
    ['a number', 42],
    ['null', null],
    ['a string', '{"object":"whatsapp_business_account"}'],
    ['undefined', undefined],
    ['an object without entry', { object: 'whatsapp_business_account' }],
    ['entry that is not an array', { object: 'whatsapp_business_account', entry: {} }],
    ['another object type', { object: 'page', entry: [] }],
  ])('rejects %s with a message', (_name, body) => {
    const result = parseWebhook(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
  });

  it('accepts a body without object and with an empty entry list', () => {
    expect(parsed({ entry: [] })).toEqual({ messages: [], statuses: [], events: [], other: [] });
  });

  it('finds every message and status in 2 entries x 2 changes', () => {
    const change = (n: number): unknown =>
      messagesChange({
        messages: [msg(`wamid.IN_${n}_a`, 'text', { body: 'a' }), msg(`wamid.IN_${n}_b`, 'text', { body: 'b' })],
        statuses: [
          status(`wamid.OUT_${n}_a`, 'sent'),
          status(`wamid.OUT_${n}_b`, 'delivered'),
          status(`wamid.OUT_${n}_c`, 'read'),
        ],
      });
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        { id: '1', changes: [change(1), change(2)] },
        { id: '2', changes: [change(3), change(4)] },
      ],
    };
    const value = parsed(body);
    expect(value.messages.map((m) => m.wamid)).toEqual(
      [1, 2, 3, 4].flatMap((n) => [`wamid.IN_${n}_a`, `wamid.IN_${n}_b`]),
    );
    expect(value.statuses).toHaveLength(12);
    expect(value.other).toEqual([]);
  });

  it('keeps unknown change fields in other', () => {
    const value = parsed(envelope([{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }]));
    expect(value.other).toEqual([{ field: 'account_update', raw: { event: 'VERIFIED_ACCOUNT' } }]);
  });

  it('reads value.errors[] as error events', () => {
    const error = { code: 130429, title: 'Rate limit hit' };
    const value = parsed(envelope([messagesChange({ errors: [error] })]));
    expect(value.other).toEqual([]);
    expect(value.events).toEqual([
      { kind: 'error', field: 'messages', code: 130429, title: 'Rate limit hit', details: null, raw: error },
    ]);
  });

  it('ignores unknown fields anywhere', () => {
    const message = { ...msg('wamid.X', 'text', { body: 'hey', extra: 1 }), brand_new: { a: 1 } };
    const value = parsed({ ...(envelope([messagesChange({ messages: [message], shiny: true })]) as object), more: 1 });
    expect(value.messages[0]?.input).toEqual({ kind: 'text', text: 'hey' });
  });

  it('survives deep nesting inside items without crashing', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const value = parsed(
      envelope([messagesChange({ messages: [{ ...msg('wamid.DEEP', 'text', { body: 'x' }), deep }] })]),
    );
    expect(value.messages).toHaveLength(1);
  });
});

describe('parseWebhook: inbound types', () => {
  const cases: [string, Record<string, unknown>, unknown, string][] = [
    ['text', msg('w1', 'text', { body: 'hello' }), { kind: 'text', text: 'hello' }, 'hello'],
    [
      'button_reply',
      msg('w2', 'interactive', { type: 'button_reply', button_reply: { id: 'keep_slot', title: 'Keep it' } }),
      { kind: 'choice', id: 'keep_slot', title: 'Keep it' },
      'Keep it',
    ],
    [
      'list_reply',
      msg('w3', 'interactive', {
        type: 'list_reply',
        list_reply: { id: 'slot_tue_am', title: 'Tuesday morning', description: '09:00-12:00' },
      }),
      { kind: 'choice', id: 'slot_tue_am', title: 'Tuesday morning' },
      'Tuesday morning',
    ],
    [
      'nfm_reply',
      msg('w4', 'interactive', {
        type: 'nfm_reply',
        nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"a":1}' },
      }),
      { kind: 'form', name: 'flow', fields: { a: '1' } },
      '[form flow] a: 1',
    ],
    [
      'template button with payload',
      msg('w5', 'button', { text: 'Confirm', payload: 'confirm:apt-77' }),
      { kind: 'choice', id: 'confirm:apt-77', title: 'Confirm' },
      'Confirm',
    ],
    [
      'template button without payload',
      msg('w6', 'button', { text: 'Confirm' }),
      { kind: 'choice', id: 'Confirm', title: 'Confirm' },
      'Confirm',
    ],
    [
      'image with caption',
      msg('w7', 'image', { id: '3', mime_type: 'image/jpeg', sha256: 'x', caption: 'my passport' }),
      { kind: 'text', text: 'my passport' },
      '[image] my passport',
    ],
    [
      'video',
      msg('w8', 'video', { id: '3', mime_type: 'video/mp4', sha256: 'x' }),
      { kind: 'unsupported', type: 'video' },
      '[video]',
    ],
    [
      'document',
      msg('w9', 'document', { id: '3', mime_type: 'application/pdf', sha256: 'x', filename: 'cv.pdf', caption: 'CV' }),
      { kind: 'text', text: 'CV' },
      '[document] cv.pdf — CV',
    ],
    [
      'audio',
      msg('w10', 'audio', { id: '3', mime_type: 'audio/ogg', sha256: 'x', voice: true }),
      { kind: 'unsupported', type: 'audio' },
      '[voice note]',
    ],
    [
      'sticker',
      msg('w11', 'sticker', { id: '3', mime_type: 'image/webp', sha256: 'x', animated: false }),
      { kind: 'unsupported', type: 'sticker' },
      '[sticker]',
    ],
    [
      'location',
      msg('w12', 'location', { latitude: 38.7, longitude: -9.1, name: 'Lisbon' }),
      { kind: 'unsupported', type: 'location' },
      '[location] Lisbon (38.7, -9.1)',
    ],
    [
      'contacts',
      msg('w13', 'contacts', [{ name: { formatted_name: 'Bob' }, phones: [{ phone: '+1555', wa_id: '1555' }] }]),
      { kind: 'unsupported', type: 'contacts' },
      '[contacts] Bob +1555',
    ],
    [
      'reaction',
      msg('w14', 'reaction', { message_id: 'wamid.OUT', emoji: '👍' }),
      { kind: 'unsupported', type: 'reaction' },
      '[reaction] 👍',
    ],
    [
      'order',
      msg('w15', 'order', { catalog_id: '1', product_items: [] }),
      { kind: 'unsupported', type: 'order' },
      '[order]',
    ],
    [
      'system',
      msg('w16', 'system', { body: 'changed', wa_id: '15550009999', type: 'user_changed_number' }),
      { kind: 'unsupported', type: 'system' },
      '[system] changed',
    ],
    [
      'unsupported',
      { ...msg('w17', 'unsupported', { type: 'poll' }), errors: [{ code: 131051, title: 'Message type unknown' }] },
      { kind: 'unsupported', type: 'unsupported' },
      '[unsupported] poll',
    ],
    [
      'unknown',
      { ...msg('w18', 'unknown', undefined), errors: [{ code: 131051 }] },
      { kind: 'unsupported', type: 'unknown' },
      '[unknown]',
    ],
    [
      'a type invented later',
      msg('w19', 'hologram', { id: '1' }),
      { kind: 'unsupported', type: 'hologram' },
      '[hologram]',
    ],
  ];

  it.each(cases)('maps %s', (_name, message, input, summary) => {
    const value = parsed(
      envelope([
        messagesChange({ contacts: [{ profile: { name: 'Ana' }, wa_id: '15550002222' }], messages: [message] }),
      ]),
    );
    expect(value.other).toEqual([]);
    expect(value.messages[0]).toMatchObject({
      wamid: message['id'],
      type: message['type'],
      input,
      summary,
      raw: message,
    });
  });

  it('keys a BSUID-only message on the business-scoped user id', () => {
    const message = {
      from_user_id: 'US.1234567890123456789',
      id: 'wamid.BS',
      timestamp: '1767225600',
      type: 'text',
      text: { body: 'hi' },
    };
    const contacts = [{ profile: { name: 'ana.user', username: '@ana' }, user_id: 'US.1234567890123456789' }];
    const value = parsed(envelope([messagesChange({ contacts, messages: [message] })]));
    expect(value.messages[0]).toMatchObject({
      userKey: 'US.1234567890123456789',
      waId: null,
      bsuid: 'US.1234567890123456789',
      profileName: 'ana.user',
    });
  });

  it('prefers the wa_id as key when both ids are present and keeps the BSUID', () => {
    const message = {
      from: '15550002222',
      from_user_id: 'US.1',
      id: 'wamid.BOTH',
      timestamp: '1767225600',
      type: 'text',
      text: { body: 'hi' },
    };
    const value = parsed(
      envelope([messagesChange({ contacts: [{ wa_id: '15550002222', user_id: 'US.1' }], messages: [message] })]),
    );
    expect(value.messages[0]).toMatchObject({
      userKey: '15550002222',
      waId: '15550002222',
      bsuid: 'US.1',
      profileName: null,
    });
  });

  it('takes the profile name from the matching contact in a multi-user batch', () => {
    const contacts = [
      { profile: { name: 'Ana' }, wa_id: '15550000001' },
      { profile: { name: 'Bea' }, wa_id: '15550000002' },
    ];
    const messages = [
      msg('a', 'text', { body: 'x' }, '15550000002'),
      msg('b', 'text', { body: 'y' }, '15550000001'),
      msg('c', 'text', { body: 'z' }, '15550000003'),
    ];
    const value = parsed(envelope([messagesChange({ contacts, messages })]));
    expect(value.messages.map((m) => m.profileName)).toEqual(['Bea', 'Ana', null]);
  });

  it('accepts a numeric timestamp', () => {
    const value = parsed(
      envelope([messagesChange({ messages: [{ ...msg('n', 'text', { body: 'x' }), timestamp: 1767225600 }] })]),
    );
    expect(value.messages[0]?.sentAt).toEqual(new Date(1767225600_000));
  });

  it('skips malformed messages into other and keeps the good ones', () => {
    const good = msg('wamid.GOOD', 'text', { body: 'ok' });
    const bad = [
      { ...msg('x', 'text', { body: 'x' }), id: undefined },
      { ...msg('x2', 'text', { body: 'x' }), id: 42 },
      { ...msg('x3', 'text', { body: 'x' }), timestamp: 'yesterday' },
      { ...msg('x4', 'text', { body: 'x' }), timestamp: '-5' },
      { id: 'x5', timestamp: '1767225600', type: 'text', text: { body: 'no sender' } },
      msg('x6', 'text', { body: 7 }),
      msg('x7', 'interactive', { type: 'button_reply', button_reply: { title: 'no id' } }),
      msg('x8', 'button', {}),
      { ...msg('x9', 'text', { body: 'x' }), from: 15550002222 },
      'a string',
      null,
    ];
    const value = parsed(envelope([messagesChange({ messages: [bad[0], good, ...bad.slice(1)] })]));
    expect(value.messages.map((m) => m.wamid)).toEqual(['wamid.GOOD']);
    expect(value.other).toHaveLength(bad.length);
    for (const [i, other] of value.other.entries()) {
      expect(other.field).toBe('invalid_message');
      expect(other.raw).toMatchObject({ item: bad[i], reason: expect.any(String) as unknown });
    }
  });

  it('skips malformed entries and changes without losing the rest', () => {
    const good = messagesChange({ messages: [msg('wamid.OK', 'text', { body: 'ok' })] });
    const body = {
      object: 'whatsapp_business_account',
      entry: [7, { id: '1' }, { id: '2', changes: [null, { value: {} }, messagesChange({ messages: 'nope' }), good] }],
    };
    const value = parsed(body);
    expect(value.messages.map((m) => m.wamid)).toEqual(['wamid.OK']);
    expect(value.other.map((o) => o.field)).toEqual([
      'invalid_entry',
      'invalid_entry',
      'invalid_change',
      'invalid_change',
      'invalid_change',
    ]);
  });
});

describe('parseWebhook: statuses', () => {
  it('maps sent, delivered, read and played', () => {
    const statuses = ['sent', 'delivered', 'read', 'played'].map((s) =>
      status('wamid.OUT', s, { pricing: { category: 'service' } }),
    );
    const value = parsed(envelope([messagesChange({ statuses })]));
    expect(value.statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read', 'played']);
    expect(value.statuses[0]).toEqual({
      wamid: 'wamid.OUT',
      status: 'sent',
      recipientId: '15550002222',
      recipientBsuid: null,
      at: new Date(1767225800_000),
      errorCode: null,
      errorTitle: null,
      errorDetails: null,
      raw: statuses[0],
    });
  });

  it('maps a failed status with its first error', () => {
    const failed = status('wamid.FAKE_OUT_0001', 'failed', {
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: { details: 'Customer last replied more than 24 hours ago.' },
          href: '/documentation/business-messaging/whatsapp/support/error-codes',
        },
      ],
    });
    const value = parsed(envelope([messagesChange({ statuses: [failed] })]));
    expect(value.statuses[0]).toMatchObject({
      wamid: 'wamid.FAKE_OUT_0001',
      status: 'failed',
      errorCode: 131047,
      errorTitle: 'Re-engagement message',
      errorDetails: 'Customer last replied more than 24 hours ago.',
    });
  });

  it('uses recipient_user_id when recipient_id is absent', () => {
    const s = { id: 'w', status: 'read', timestamp: '1767225800', recipient_user_id: 'US.9' };
    expect(parsed(envelope([messagesChange({ statuses: [s] })])).statuses[0]?.recipientId).toBe('US.9');
  });

  it('keeps a failed status whose error object is odd', () => {
    const s = status('w', 'failed', { errors: [{ code: 'x', title: 5 }] });
    expect(parsed(envelope([messagesChange({ statuses: [s] })])).statuses[0]).toMatchObject({
      status: 'failed',
      errorCode: null,
      errorTitle: null,
    });
  });

  it('skips malformed statuses into other', () => {
    const bad = [
      { status: 'sent', timestamp: '1' },
      { id: 'w', timestamp: '1' },
      { id: 'w', status: 'sent', timestamp: 'soon' },
      5,
    ];
    const value = parsed(envelope([messagesChange({ statuses: [...bad, status('ok', 'sent')] })]));
    expect(value.statuses.map((s) => s.wamid)).toEqual(['ok']);
    expect(value.other.map((o) => o.field)).toEqual(bad.map(() => 'invalid_status'));
  });
});
