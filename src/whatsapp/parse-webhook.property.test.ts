// Property (issue 12): no payload of a shape the Cloud API reference documents is ever set aside as
// malformed. Every message type, status, echo and preference, with every optional field present or
// not, identities as phone, BSUID, both, or empty strings beside a BSUID, strings of any content.
// Each fixture of test/fixtures/webhooks/ is one point of these generators: call_permission_reply,
// the address message (nfm_reply "address_message"), customer_changed_number (new_wa_id), a location
// with string coordinates, a context that is only frequently_forwarded, played, group and v24
// pricing statuses, and the BSUID-only variant of every message type (button reply and reaction
// included), with or without the contacts array (system messages have none).
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from './parse-webhook.js';

const NOW = Date.UTC(2026, 5, 1);
const nowSec = Math.floor(NOW / 1000);

const waId = fc.stringMatching(/^[1-9]\d{7,14}$/);
const bsuid = fc
  .tuple(fc.constantFrom('US', 'BR', 'AE', 'IN'), fc.boolean(), fc.stringMatching(/^[A-Za-z0-9]{1,40}$/))
  .map(([cc, ent, id]) => `${cc}.${ent ? 'ENT.' : ''}${id}`);
const wamid = fc.stringMatching(/^[A-Za-z0-9=_.]{1,100}$/).map((s) => `wamid.${s}`);
const timestamp = fc
  .integer({ min: nowSec - 7 * 86_400, max: nowSec + 3_600 })
  .chain((t) => fc.constantFrom(String(t), t));
const anyText = fc.string({ maxLength: 200, unit: 'grapheme' });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Who sent it: a phone, a BSUID with `from: ""` (Meta's own example), or both. */
const identity = fc.oneof(
  waId.map((p) => ({
    from: p,
    from_user_id: undefined as string | undefined,
    contact: { wa_id: p },
  })),
  bsuid.map((b) => ({ from: '', from_user_id: b, contact: { wa_id: '', user_id: b } })),
  fc.tuple(waId, bsuid).map(([p, b]) => ({ from: p, from_user_id: b, contact: { wa_id: p, user_id: b } })),
);

const media = (extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc.record(
    {
      id: fc.stringMatching(/^\d{1,20}$/),
      mime_type: fc.constantFrom('image/jpeg', 'video/mp4', 'application/pdf'),
      sha256: anyText,
      caption: opt(anyText),
      url: opt(fc.webUrl()),
      ...extra,
    },
    { requiredKeys: ['id', 'mime_type', 'sha256'] },
  );

const content: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  anyText.map((body) => ({ type: 'text', text: { body } })),
  fc
    .record({ id: fc.string({ minLength: 1, maxLength: 200 }), title: anyText })
    .map((r) => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: r } })),
  fc
    .record({ id: fc.string({ minLength: 1, maxLength: 200 }), title: anyText, description: opt(anyText) })
    .map((r) => ({ type: 'interactive', interactive: { type: 'list_reply', list_reply: r } })),
  fc
    .record(
      {
        response: fc.constantFrom('accept', 'reject'),
        is_permanent: fc.boolean(),
        expiration_timestamp: fc.integer({ min: nowSec, max: nowSec + 7 * 86_400 }),
        response_source: fc.constantFrom('user_action', 'automatic'),
      },
      { requiredKeys: ['response'] },
    )
    .map((reply) => ({
      type: 'interactive',
      interactive: { type: 'call_permission_reply', call_permission_reply: reply },
    })),
  fc
    .record(
      {
        saved_address_id: fc.string({ minLength: 1, maxLength: 40 }),
        values: fc.dictionary(fc.constantFrom('name', 'phone_number', 'address', 'city', 'in_pin_code'), anyText),
      },
      { requiredKeys: ['values'] },
    )
    .map((answer) => ({
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { name: 'address_message', body: 'Sent', response_json: JSON.stringify(answer) },
      },
    })),
  fc
    .dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(anyText, fc.integer(), fc.boolean()))
    .map((answers) => ({
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify(answers) },
      },
    })),
  fc
    .record({
      text: fc.string({ minLength: 1, maxLength: 40 }),
      payload: opt(fc.string({ minLength: 1, maxLength: 100 })),
    })
    .map((button) => ({ type: 'button', button })),
  media().map((image) => ({ type: 'image', image })),
  media().map((video) => ({ type: 'video', video })),
  media({ filename: anyText }).map((document) => ({ type: 'document', document })),
  fc
    .record({
      id: fc.stringMatching(/^\d{1,20}$/),
      mime_type: fc.constant('audio/ogg'),
      sha256: anyText,
      voice: fc.boolean(),
    })
    .map((audio) => ({ type: 'audio', audio })),
  fc
    .record({
      id: fc.stringMatching(/^\d{1,20}$/),
      mime_type: fc.constant('image/webp'),
      sha256: anyText,
      animated: fc.boolean(),
    })
    .map((sticker) => ({ type: 'sticker', sticker })),
  fc
    .record(
      {
        // Numbers in Meta's reference, strings in some libraries: both are documented.
        latitude: fc.double({ min: -90, max: 90, noNaN: true }).chain((v) => fc.constantFrom(v, String(v))),
        longitude: fc.double({ min: -180, max: 180, noNaN: true }).chain((v) => fc.constantFrom(v, String(v))),
        name: opt(anyText),
        address: opt(anyText),
      },
      { requiredKeys: ['latitude', 'longitude'] },
    )
    .map((location) => ({ type: 'location', location })),
  fc
    .array(
      fc.record({
        name: fc.record({ formatted_name: anyText }),
        phones: fc.array(fc.record({ phone: anyText, wa_id: opt(waId), type: fc.constant('MOBILE') })),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((contacts) => ({ type: 'contacts', contacts })),
  fc
    .record({ message_id: wamid, emoji: opt(fc.constantFrom('👍', '❤️', '😂')) }, { requiredKeys: ['message_id'] })
    .map((reaction) => ({ type: 'reaction', reaction })),
  fc
    .record(
      {
        catalog_id: fc.stringMatching(/^\d{1,16}$/),
        text: opt(anyText),
        product_items: fc.array(
          fc.record({
            product_retailer_id: anyText,
            quantity: fc.nat(),
            item_price: fc.double({ noNaN: true, min: 0, max: 1e6 }),
            currency: fc.constant('USD'),
          }),
        ),
      },
      { requiredKeys: ['catalog_id', 'product_items'] },
    )
    .map((order) => ({ type: 'order', order })),
  fc.tuple(waId, opt(bsuid)).map(([n, b]) => ({
    type: 'system',
    system: { body: 'User changed number', wa_id: n, type: 'user_changed_number', ...(b ? { user_id: b } : {}) },
  })),
  // The older names: `customer_changed_number` with the new number in `new_wa_id` (string or number).
  waId
    .chain((n) => fc.constantFrom<string | number>(n, Number(n)))
    .map((n) => ({
      type: 'system',
      system: { body: 'User changed number', new_wa_id: n, type: 'customer_changed_number' },
    })),
  fc.tuple(bsuid, bsuid).map(([b, prev]) => ({
    type: 'system',
    system: { body: 'User changed id', type: 'user_changed_user_id', user_id: b, previous_user_id: prev },
  })),
  fc.constantFrom('unsupported', 'unknown').map((type) => ({
    type,
    ...(type === 'unsupported' ? { unsupported: { type: 'poll' } } : {}),
    errors: [{ code: 131051, title: 'Message type unknown' }],
  })),
);

const extras = fc.record(
  {
    context: fc.record(
      {
        from: waId,
        id: wamid,
        forwarded: opt(fc.boolean()),
        frequently_forwarded: opt(fc.boolean()),
        referred_product: opt(
          fc.record({ catalog_id: fc.string({ minLength: 1 }), product_retailer_id: fc.string({ minLength: 1 }) }),
        ),
      },
      // A forward carries only `forwarded` / `frequently_forwarded`: no quoted id.
      { requiredKeys: [] },
    ),
    referral: fc.record({
      source_url: fc.webUrl(),
      source_id: fc.string({ minLength: 1 }),
      source_type: fc.constantFrom('ad', 'post'),
      headline: anyText,
      body: anyText,
      media_type: fc.constantFrom('image', 'video'),
      ctwa_clid: fc.string({ minLength: 1 }),
    }),
  },
  { requiredKeys: [] },
);

const message = fc.tuple(identity, wamid, timestamp, content, extras).map(([who, id, ts, body, more]) => ({
  // System messages come without a contacts entry; the others with one.
  contact: body['type'] === 'system' ? null : { profile: { name: 'User' }, ...who.contact },
  message: {
    from: who.from,
    ...(who.from_user_id ? { from_user_id: who.from_user_id } : {}),
    id,
    timestamp: ts,
    ...body,
    ...more,
  },
}));

/** What a status may carry beside its outcome: pricing of every documented type and category, the
 * conversation (omitted from v24 except in a free entry point window), the callback data we set. */
const pricing = fc.record(
  {
    pricing: fc.record(
      {
        billable: fc.boolean(),
        pricing_model: fc.constantFrom('PMP', 'CBP'),
        type: fc.constantFrom('regular', 'free_customer_service', 'free_entry_point'),
        category: fc.constantFrom(
          'service',
          'utility',
          'marketing',
          'marketing_lite',
          'authentication',
          'authentication_international',
          'referral_conversion',
        ),
      },
      { requiredKeys: ['pricing_model', 'category'] },
    ),
    conversation: fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 40 }),
        expiration_timestamp: timestamp,
        origin: fc.record({ type: fc.constantFrom('service', 'marketing', 'referral_conversion') }),
      },
      { requiredKeys: ['id'] },
    ),
    biz_opaque_callback_data: fc.string({ maxLength: 200 }),
  },
  { requiredKeys: [] },
);

const status = fc
  .tuple(
    wamid,
    fc.constantFrom('sent', 'delivered', 'read', 'failed', 'played'),
    timestamp,
    fc.oneof(
      waId.map((r) => ({ recipient_id: r })),
      bsuid.map((b) => ({ recipient_id: '', recipient_user_id: b })),
      // A group: its id (not a phone) and the participant.
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9]{10,64}$/), waId)
        .map(([g, p]) => ({ recipient_id: g, recipient_type: 'group', recipient_participant_id: p })),
    ),
    pricing,
  )
  .map(([id, s, ts, who, priced]) => ({
    id,
    status: s,
    timestamp: ts,
    ...who,
    ...(s === 'failed'
      ? {
          errors: [
            {
              code: 131047,
              title: 'Re-engagement message',
              message: 'Re-engagement message',
              error_data: { details: 'x' },
            },
          ],
        }
      : priced),
  }));

function envelope(changes: unknown[]) {
  return { object: 'whatsapp_business_account', entry: [{ id: '1', changes }] };
}

describe('parseWebhook: documented shapes are never set aside', () => {
  it('messages and statuses of every documented type', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 5 }),
        fc.array(status, { maxLength: 5 }),
        fc.boolean(),
        (items, statuses, withContacts) => {
          const body = envelope([
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { phone_number_id: '2' },
                ...(withContacts ? { contacts: items.flatMap((i) => (i.contact ? [i.contact] : [])) } : {}),
                messages: items.map((i) => i.message),
                statuses,
              },
            },
          ]);
          const parsed = parseWebhook(JSON.parse(JSON.stringify(body)), NOW);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(parsed.value.other).toEqual([]);
          expect(parsed.value.messages).toHaveLength(items.length);
          expect(parsed.value.statuses).toHaveLength(statuses.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('echoes, user preferences, errors and template status updates', () => {
    const echo = fc
      .tuple(
        fc.oneof(
          waId.map((to) => ({ to })),
          bsuid.map((b) => ({ to: '', to_user_id: b })),
        ),
        wamid,
        timestamp,
        content,
      )
      .map(([to, id, ts, body]) => ({ from: '15550001111', ...to, id, timestamp: ts, ...body }));
    const preference = fc
      .tuple(
        fc.oneof(
          waId.map((w) => ({ wa_id: w })),
          bsuid.map((b) => ({ user_id: b })),
        ),
        fc.constantFrom('stop', 'resume'),
        fc.integer({ min: nowSec - 86_400, max: nowSec }),
      )
      .map(([who, value, ts]) => ({
        ...who,
        detail: 'User requested',
        category: 'marketing_messages',
        value,
        timestamp: ts,
      }));
    fc.assert(
      fc.property(
        fc.array(echo, { maxLength: 3 }),
        fc.array(preference, { maxLength: 3 }),
        anyText,
        (echoes, preferences, reason) => {
          const body = envelope([
            {
              field: 'smb_message_echoes',
              value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '2' }, message_echoes: echoes },
            },
            {
              field: 'user_preferences',
              value: {
                messaging_product: 'whatsapp',
                metadata: { phone_number_id: '2' },
                user_preferences: preferences,
              },
            },
            {
              field: 'messages',
              value: { messaging_product: 'whatsapp', errors: [{ code: 130429, title: 'Rate limit hit' }] },
            },
            {
              field: 'message_template_status_update',
              value: {
                event: 'REJECTED',
                message_template_id: 1,
                message_template_name: 'x',
                message_template_language: 'en_US',
                reason,
              },
            },
          ]);
          const parsed = parseWebhook(JSON.parse(JSON.stringify(body)), NOW);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(parsed.value.other).toEqual([]);
          expect(parsed.value.events).toHaveLength(echoes.length + preferences.length + 2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every fixture of test/fixtures/webhooks (one point of the generators each) is kept whole', () => {
    const dir = new URL('../../test/fixtures/webhooks/', import.meta.url);
    const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(45);
    for (const name of names) {
      const text = readFileSync(new URL(name, dir), 'utf8')
        .replaceAll('"__NOW_NUMBER__"', String(nowSec))
        .replaceAll('"__LATER_NUMBER__"', String(nowSec + 60))
        .replaceAll('__NOW__', String(nowSec));
      const parsed = parseWebhook(JSON.parse(text), NOW);
      expect(parsed.ok, name).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.other, name).toEqual([]);
      const { messages, statuses, events } = parsed.value;
      expect(messages.length + statuses.length + events.length, name).toBeGreaterThan(0);
    }
  });
});
