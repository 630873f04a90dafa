import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../src/conversation/handle-message.js';
import { messagesFor } from '../src/messages.js';
import { checkReplyLimits } from '../src/conversation/limits.js';
import { STEPS, type Program, type SessionState, type UserInput } from '../src/conversation/types.js';
import { readProgramsFile } from '../src/store/load-seed-programs.js';
import { defaultProgramsFile } from '../src/store/seed-programs.js';
import { parseWebhook } from '../src/whatsapp/parse-webhook.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550011111';

describeEachDb('hostile and broken input through POST /webhook', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
  });
  afterAll(async () => bot.stop());

  it('answers wrong shapes with 200 or 400, never 500, and stores nothing from them', async () => {
    const bodies: unknown[] = [
      { object: 'whatsapp_business_account', entry: [1, 'two', null] },
      { object: 'whatsapp_business_account', entry: [{ changes: 'x' }] },
      { object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: [] }] }] },
      {
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: 'messages', value: { messages: [{ id: 5, from: [] }] } }] }],
      },
      {
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: 'messages', value: { messages: [{ from: USER, type: 'text' }] } }] }],
      },
      { object: 'whatsapp_business_account', entry: {} },
      { entry: null },
    ];
    for (const body of bodies) expect([200, 400]).toContain((await bot.post(body)).status);
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    expect((await bot.post(undefined, { raw: deep })).status).toBe(400);
    const nested = {
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'x', value: JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`) }] }],
    };
    expect((await bot.post(nested)).status).toBe(200);
    const rows = await bot.runtime.deps.db.selectFrom('whatsapp_messages').select('id').execute();
    expect(rows).toHaveLength(0);
  });

  it('stores huge, control-character, right-to-left, SQL-like and HTML text verbatim and answers each', async () => {
    const texts = [
      'x'.repeat(5000),
      'a\u0000b\u0007c\u001b[31m',
      'مرحبا، أريد الاستثمار ‏שלום‎ 🇦🇪👨‍👩‍👧',
      "'; DROP TABLE whatsapp_messages; --",
      '<script>alert("x")</script><b>bold</b> &amp;',
    ];
    for (const [i, text] of texts.entries()) {
      await bot.post(envelope({ messages: [textMessage(USER, text, { wamid: `wamid.HOSTILE_${i}` })] }));
    }
    await bot.idle();
    for (const [i, text] of texts.entries()) {
      const row = await bot.runtime.deps.db
        .selectFrom('whatsapp_messages')
        .selectAll()
        .where('message_id', '=', `wamid.HOSTILE_${i}`)
        .executeTakeFirstOrThrow();
      // U+0000 cannot be stored in PostgreSQL text: dropped from the column, kept in the raw payload.
      expect(row.message).toBe(text.replaceAll('\u0000', ''));
      expect(row.status).toBe('processed');
      expect(JSON.parse(row.payload).text.body).toBe(text);
    }
    expect(bot.sentTo(USER).length).toBeGreaterThanOrEqual(texts.length);
    // Every reply is a valid Graph body within the text limit, whatever the user sent.
    for (const r of bot.sentTo(USER)) expect(JSON.stringify(r.body).length).toBeLessThan(8_000);
  });

  it('never answers 500 to generated webhook bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const body = {
          object: 'whatsapp_business_account',
          entry: [{ id: '1', changes: [{ field: 'messages', value }] }],
        };
        const res = await bot.post(body);
        return res.status === 200 || res.status === 400;
      }),
      { numRuns: 60 },
    );
  });
});

describe('properties of the parser and the conversation over generated input', () => {
  let programs: Program[];
  beforeAll(async () => {
    programs = await readProgramsFile(defaultProgramsFile());
  });

  it('parseWebhook never throws, whatever the JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const wrapped = { object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value }] }] };
        parseWebhook(value);
        const r = parseWebhook(wrapped);
        return r.ok;
      }),
      { numRuns: 500 },
    );
  });

  const input: fc.Arbitrary<UserInput> = fc.oneof(
    fc
      .constantFrom(
        'hi',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        'a',
        'B',
        'back',
        'menu',
        '250k',
        'ana@example.com',
        'UK',
        'Atlantis',
        '0',
        '-5',
      )
      .map((text) => ({ kind: 'text' as const, text })),
    fc.string({ maxLength: 300 }).map((text) => ({ kind: 'text' as const, text })),
    fc.string({ unit: 'grapheme', maxLength: 50 }).map((text) => ({ kind: 'text' as const, text })),
    fc.record({
      kind: fc.constant('choice' as const),
      id: fc.constantFrom('menu:1', 'menu:6', 'cat:C', 'nav:menu', 'bogus'),
      title: fc.string({ maxLength: 30 }),
    }),
    fc
      .constantFrom('image', 'audio', 'location', 'sticker', 'reaction')
      .map((type) => ({ kind: 'unsupported' as const, type })),
  );

  it('always answers a valid message, within platform limits, and stays in a known step', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(input, fc.integer({ min: 0, max: 3 * 3600_000 })), { minLength: 1, maxLength: 25 }),
        (script) => {
          let state: SessionState | null = null;
          let now = Date.UTC(2026, 10, 25);
          for (const [message, gap] of script) {
            now += gap;
            const result = handleMessage(state, message, {
              now: new Date(now),
              programs,
              text: messagesFor('en'),
              settings: {
                bookingUrl: 'https://b.example/x',
                brochureUrl: 'https://b.example/b.pdf',
                brochureFilename: 'b.pdf',
                brochureCaption: 'c',
                sessionTimeoutMs: 30 * 60_000,
              },
            });
            if (result.replies.length === 0) return false;
            if (!(STEPS as readonly string[]).includes(result.state.step)) return false;
            if (result.replies.some((r) => checkReplyLimits(r).length > 0)) return false;
            state = result.state;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('identifiers longer than Meta ever sends', () => {
  it('sets the message aside instead of failing the whole webhook', () => {
    const body = envelope({
      messages: [
        textMessage('1'.repeat(100), 'hi'),
        textMessage(USER, 'ok', { wamid: `wamid.${'x'.repeat(200)}` }),
        textMessage(USER, 'fine'),
      ],
    });
    const parsed = parseWebhook(body);
    expect(parsed.ok && parsed.value.messages.map((m) => m.summary)).toEqual(['fine']);
  });
});
