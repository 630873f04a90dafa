// Slow and greedy clients against a real listening server (raw sockets, not inject): every
// unfinished request loses its connection, unsigned bodies are refused before they are read, and
// the bytes of bodies in flight are bounded.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signBody } from '../src/whatsapp/verify-signature.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { startTestBot, TEST_ADMIN_TOKEN, TEST_SECRET, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

interface Conn {
  socket: Socket;
  /** Resolves with everything the server wrote once it closes the connection. */
  closed: Promise<string>;
  /** Resolves with the first bytes the server writes. */
  answered: Promise<string>;
}

function open(port: number, head: string): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      if (head) socket.write(head);
      let data = '';
      let first: (s: string) => void = () => {};
      const answered = new Promise<string>((r) => (first = r));
      socket.on('data', (d: Buffer) => {
        data += d.toString();
        first(data);
      });
      const closed = new Promise<string>((r) => socket.on('close', () => r(data)));
      socket.on('error', () => {});
      resolve({ socket, closed, answered });
    });
    socket.once('error', reject);
  });
}

const post = (path: string, length: number, headers: Record<string, string> = {}) =>
  [
    `POST ${path} HTTP/1.1`,
    'Host: localhost',
    'Content-Type: application/json',
    `Content-Length: ${length}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');

const SIGNED_SHAPE = { 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` };

describeEachDb('slow clients on a listening server', (kind) => {
  let bot: TestBot;
  let port: number;
  beforeAll(async () => {
    bot = await startTestBot(
      kind,
      {
        HTTP_REQUEST_TIMEOUT_MS: '1500',
        HTTP_CONNECTION_TIMEOUT_MS: '1000',
        WEBHOOK_BODY_TIMEOUT_MS: '300',
        WEBHOOK_INFLIGHT_MB: '3',
      },
      { startWorkers: false },
    );
    const address = await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(address).port);
  });
  afterAll(async () => bot.stop());

  it('answers 408 and closes a webhook whose body never finishes', async () => {
    const c = await open(port, `${post('/webhook', 1_000, SIGNED_SHAPE)}{"object":`);
    expect(await c.closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection that never sends a request', async () => {
    const c = await open(port, '');
    expect(await c.closed).toBe('');
  });

  it('closes any request whose body trickles in past the request timeout', async () => {
    const c = await open(port, post('/admin/api/programs', 10_000, { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` }));
    // One byte every 100 ms keeps the socket from going idle; only the request deadline ends it.
    const drip = setInterval(() => c.socket.write('x'), 100);
    try {
      expect(await c.closed).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
  });

  it('closes the connection when the answer comes before the body (here a missing token)', async () => {
    const c = await open(port, post('/admin/api/programs', 10_000));
    const drip = setInterval(() => c.socket.write('x'), 100);
    try {
      expect(await c.closed).toMatch(/^HTTP\/1\.1 401/);
    } finally {
      clearInterval(drip);
    }
  });

  it('refuses an unsigned 3 MB webhook before reading its body, and closes the connection', async () => {
    const c = await open(port, post('/webhook', 3_000_000));
    const answer = await c.answered;
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.toLowerCase()).toContain('connection: close');
    await c.closed;
  });

  it('refuses a sign-in form over 16 KB on the public /console/login before reading it, and closes the connection', async () => {
    const form = (length: number, headers: Record<string, string> = {}) =>
      post('/console/login', length, headers).replace('application/json', 'application/x-www-form-urlencoded');
    const declared = await open(port, form(1_000_000));
    const answer = await declared.answered;
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain('connection: close');
    await declared.closed;
    // Without a Content-Length the body is counted as it arrives.
    const chunked = await open(
      port,
      form(0, { 'Transfer-Encoding': 'chunked' })
        .replace('Content-Length: 0\r\n', '')
        .concat(`10000\r\nemail=${'a'.repeat(0x10000 - 6)}\r\n`),
    );
    expect(await chunked.answered).toMatch(/^HTTP\/1\.1 413/);
    await chunked.closed;
    // A form of ordinary size is read (and refused for its missing form token, as before).
    const small = await fetch(`http://127.0.0.1:${port}/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=a%40example.com&password=${'p'.repeat(1_024)}&_csrf=x`,
    });
    expect(small.status).toBe(403);
    expect(await small.text()).toContain('The sign-in form had expired');
    const empty = await fetch(`http://127.0.0.1:${port}/console/login`, { method: 'POST' });
    expect(empty.status).toBe(403);
  });

  it('refuses a body at once with 503 while others hold the in-flight budget; small webhooks still pass', async () => {
    const holder = await open(port, `${post('/webhook', 2_500_000, SIGNED_SHAPE)}{`);
    const refused = await open(port, `${post('/webhook', 2_500_000, SIGNED_SHAPE)}{`);
    const answer = await refused.answered;
    expect(answer).toMatch(/^HTTP\/1\.1 503/);
    expect(answer.toLowerCase()).toContain('retry-after: 1');
    const raw = JSON.stringify(envelope({ messages: [textMessage('15550033331', 'hi')] }));
    const ok = await fetch(`http://127.0.0.1:${port}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, TEST_SECRET) },
      body: raw,
    });
    expect(ok.status).toBe(200);
    expect(await holder.closed).toMatch(/^HTTP\/1\.1 408/);
    await refused.closed;
  });
});
