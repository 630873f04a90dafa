// `npm run chat` end to end: a real bot in sandbox mode on a real port, driven through runChat.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLine } from '../src/chat/parse-line.js';
import { renderReply, type Choice } from '../src/chat/render-reply.js';
import { runChat, type RunChatOptions } from '../src/chat/run-chat.js';
import { waitForReplies } from '../src/chat/wait-for-replies.js';
import { choiceMessage, textMessage, webhookEnvelope } from '../src/chat/webhook-builder.js';
import { loadConfig } from '../src/config.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { ensureSeedPrograms } from '../src/store/seed-programs.js';
import { parseWebhook } from '../src/whatsapp/parse-webhook.js';

const SECRET = 's3cret';

/** Runs a whole chat over the given lines; resolves with everything it printed. */
async function chat(
  lines: string[],
  opts: Omit<RunChatOptions, 'input' | 'output'>,
): Promise<{ code: number; out: string }> {
  const input = new PassThrough();
  let out = '';
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  input.end(lines.map((l) => `${l}\n`).join(''));
  const code = await runChat({ input, output, ...opts });
  return { code, out };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('chat against a running bot in sandbox mode', () => {
  let runtime: Runtime;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nexora-chat-'));
    runtime = await createRuntime(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: join(dir, 'bot.db'),
        APP_SECRET: SECRET,
        LOG_LEVEL: 'silent',
        PORT: '0',
      }),
    );
    await ensureSeedPrograms(runtime.deps.db, undefined, Date.now());
    runtime.startWorkers();
    url = await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await runtime.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the welcome menu, taps rows by number and reaches the Europe programs', async () => {
    const phone = '15550100001';
    const { code, out } = await chat(['hi', '1', '1', '/quit'], { url, phone, name: 'Chat Tester', secret: SECRET });

    expect(code).toBe(0);
    expect(out).toContain('Chatting as +15550100001 (Chat Tester)');
    expect(out).toContain('Type hi to start, /help for commands.');
    // hi → the welcome list with its rows numbered
    expect(out).toContain('Welcome to Nexora Investments');
    expect(out).toMatch(/1\) Explore Programs — /);
    expect(out).toMatch(/6\) Download Brochure — /);
    // 1 → the categories
    expect(out).toContain('(tapped 1: 1. Explore Programs)');
    expect(out).toMatch(/1\) Europe Golden Visa — /);
    // 1 → the Europe programs
    expect(out).toContain('(tapped 1: Europe Golden Visa)');
    expect(out).toContain('Portugal Golden Residency Program');
    expect(out).toContain('$280,000');
    expect(out.trimEnd().endsWith('bye')).toBe(true);

    const inbound = await runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['type', 'message', 'payload', 'status'])
      .where('phone', '=', phone)
      .where('direction', '=', 'incoming')
      .orderBy('id')
      .execute();
    expect(inbound.map((m) => m.type)).toEqual(['text', 'interactive', 'interactive']);
    expect(inbound.every((m) => m.status === 'processed')).toBe(true);
    const tap = JSON.parse(inbound[1]?.payload ?? '{}') as { interactive?: unknown };
    expect(tap.interactive).toEqual({
      type: 'list_reply',
      list_reply: { id: 'menu:1', title: '1. Explore Programs', description: expect.any(String) },
    });
    const secondTap = JSON.parse(inbound[2]?.payload ?? '{}') as { interactive?: { list_reply?: { id?: string } } };
    expect(secondTap.interactive?.list_reply?.id).toBe('cat:A');
  });

  it('prints only new replies: a second session for the same user does not replay the history', async () => {
    const phone = '15550100002';
    await chat(['hi'], { url, phone, secret: SECRET });
    const { out } = await chat(['/help'], { url, phone, secret: SECRET });
    expect(out).not.toContain('Welcome to Nexora Investments');
    expect(out).toContain('/location');
  });

  it('prints the status and body when the webhook is refused (no secret)', async () => {
    const { code, out } = await chat(['hi'], { url, phone: '15550100003' });
    expect(code).toBe(0);
    expect(out).toContain('POST /webhook answered HTTP 401');
    expect(out).toContain('WEBHOOK_BAD_SIGNATURE');
    expect(out).toContain('set APP_SECRET');
  });
});

describe('chat without a bot', () => {
  it('says it cannot reach the bot and how to start it, and exits with 1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, out } = await chat(['hi'], { url, phone: '15550100001' });
    expect(code).toBe(1);
    expect(out.trim()).toBe(`✖ cannot reach the bot at ${url} — start it with \`npm start\` in another terminal`);
  });

  it('refuses a phone that is not a number', async () => {
    const { code, out } = await chat([], { url: 'http://127.0.0.1:1', phone: 'abc' });
    expect(code).toBe(1);
    expect(out).toContain('is not a phone number');
  });
});

describe('renderReply', () => {
  const to = '+15550100001';

  it('shows a text body line by line', () => {
    expect(renderReply({ messaging_product: 'whatsapp', to, type: 'text', text: { body: 'Hello\nthere' } })).toEqual({
      lines: ['Hello', 'there'],
      choices: [],
    });
  });

  it('numbers list rows across sections, with section titles, and remembers them as list replies', () => {
    const body = {
      to,
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Choose a slot' },
        body: { text: 'Available times this week:' },
        footer: { text: 'Times are local' },
        action: {
          button: 'See times',
          sections: [
            { title: 'Tuesday', rows: [{ id: 'tue_0900', title: '09:00', description: 'Dr. Silva' }] },
            { title: 'Wednesday', rows: [{ id: 'wed_1400', title: '14:00' }] },
          ],
        },
      },
    };
    const { lines, choices } = renderReply(body);
    expect(lines).toEqual([
      '*Choose a slot*',
      'Available times this week:',
      '_Times are local_',
      '',
      '[See times]',
      '  Tuesday',
      '    1) 09:00 — Dr. Silva',
      '  Wednesday',
      '    2) 14:00',
    ]);
    expect(choices).toEqual([
      { kind: 'list_reply', id: 'tue_0900', title: '09:00', description: 'Dr. Silva' },
      { kind: 'list_reply', id: 'wed_1400', title: '14:00' },
    ]);
  });

  it('does not repeat a row number the title already carries', () => {
    const body = {
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Menu' },
        action: {
          button: 'Menu',
          sections: [
            {
              title: 'All',
              rows: [
                { id: 'menu:1', title: '1. Explore Programs' },
                { id: 'x', title: '3. Other' },
              ],
            },
          ],
        },
      },
    };
    const { lines, choices } = renderReply(body);
    expect(lines).toContain('    1) Explore Programs');
    expect(lines).toContain('    2) 3. Other');
    expect(choices[0]?.title).toBe('1. Explore Programs');
  });

  it('numbers reply buttons and remembers them as button replies', () => {
    const body = {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Keep Tuesday 10:00 or pick another time?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'keep_slot', title: 'Keep it' } },
            { type: 'reply', reply: { id: 'change_slot', title: 'Change' } },
          ],
        },
      },
    };
    const { lines, choices } = renderReply(body);
    expect(lines).toEqual(['Keep Tuesday 10:00 or pick another time?', '', '  1) [ Keep it ]', '  2) [ Change ]']);
    expect(choices).toEqual([
      { kind: 'button_reply', id: 'keep_slot', title: 'Keep it' },
      { kind: 'button_reply', id: 'change_slot', title: 'Change' },
    ]);
  });

  it('shows a document as filename, caption and link', () => {
    const body = {
      type: 'document',
      document: { link: 'https://files.example.test/inv-42.pdf', filename: 'inv-42.pdf', caption: 'Invoice #42' },
    };
    expect(renderReply(body)).toEqual({
      lines: ['📄 inv-42.pdf — Invoice #42 (https://files.example.test/inv-42.pdf)'],
      choices: [],
    });
  });

  it('falls back to the stored summary for a body it does not know', () => {
    expect(renderReply({ type: 'image', image: { id: '1' } }, '[image]').lines).toEqual(['[image] [image]']);
  });
});

describe('parseLine', () => {
  const choices: Choice[] = [
    { kind: 'list_reply', id: 'menu:1', title: 'One' },
    { kind: 'list_reply', id: 'menu:2', title: 'Two' },
  ];

  it('turns a number within the last choices into a tap', () => {
    expect(parseLine(' 2 ', choices)).toEqual({ kind: 'choice', choice: choices[1], n: 2 });
  });

  it('sends a number as text when there is nothing to tap or it is out of range', () => {
    expect(parseLine('2', [])).toEqual({ kind: 'text', text: '2' });
    expect(parseLine('0', choices)).toEqual({ kind: 'text', text: '0' });
    expect(parseLine('3', choices)).toEqual({ kind: 'text', text: '3' });
  });

  it('knows the commands', () => {
    expect(parseLine('/quit', choices)).toEqual({ kind: 'quit' });
    expect(parseLine('/image a view', choices)).toEqual({ kind: 'image', caption: 'a view' });
    expect(parseLine('/location', choices)).toEqual({ kind: 'location' });
    expect(parseLine('/help', choices)).toEqual({ kind: 'help' });
    expect(parseLine('/nope', choices)).toEqual({ kind: 'unknown_command', command: 'nope' });
    expect(parseLine('   ', choices)).toEqual({ kind: 'empty' });
  });
});

describe('webhook-builder', () => {
  const user = { phone: '15550100001', name: 'Chat Tester' };

  it('builds webhooks the bot parses as Meta-shaped messages, each with a fresh wamid', () => {
    const text = textMessage(user, 'hi');
    const tap = choiceMessage(user, { kind: 'button_reply', id: 'keep', title: 'Keep it' });
    expect(text.id).not.toBe(tap.id);
    expect(text.timestamp).toMatch(/^\d{10}$/);
    const parsed = parseWebhook(webhookEnvelope(user, tap));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.messages[0]).toMatchObject({
      userKey: '15550100001',
      profileName: 'Chat Tester',
      type: 'interactive',
      input: { kind: 'choice', id: 'keep', title: 'Keep it' },
    });
  });
});

describe('waitForReplies', () => {
  it('gives up after the overall bound while the bot stays pending', async () => {
    const client = { fetchReplies: async () => ({ pending: true, messages: [] }) };
    const result = await waitForReplies(client, '1', 0, { pollMs: 5, quietMs: 10, timeoutMs: 50, onReply: () => {} });
    expect(result).toEqual({ lastId: 0, replies: [], timedOut: true });
  });

  it('returns every reply once nothing is pending and the bot has been quiet', async () => {
    const pages = [
      { pending: true, messages: [{ id: 5, type: 'text', status: 'sandbox', text: 'a', body: {} }] },
      { pending: false, messages: [{ id: 6, type: 'text', status: 'sandbox', text: 'b', body: {} }] },
    ];
    const seen: number[] = [];
    const client = { fetchReplies: async () => pages.shift() ?? { pending: false, messages: [] } };
    const result = await waitForReplies(client, '1', 4, {
      pollMs: 5,
      quietMs: 20,
      timeoutMs: 5_000,
      onReply: (m) => seen.push(m.id),
    });
    expect(seen).toEqual([5, 6]);
    expect(result).toMatchObject({ lastId: 6, timedOut: false });
  });
});
