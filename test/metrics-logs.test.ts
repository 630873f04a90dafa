// Structured logs: JSON lines with the request id on HTTP lines and the wamid on the inbound
// worker's lines, and nothing personal at info level: no message text, no e-mail, no name, no
// full phone number (maskPhone keeps the last four digits).
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { ensureSeedPrograms } from '../src/store/seed-programs.js';
import { signBody } from '../src/whatsapp/verify-signature.js';
import { startFakeGraph, type FakeGraph } from './helpers/fake-graph.js';
import { BUSINESS, envelope, textMessage } from './helpers/payloads.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.js';

const PHONE = '15550009876';
const SECRET = 'log-test-secret';
const PERSONAL = [PHONE, 'Zelda Quixote', 'zelda.q@example.com', 'Portugal', 'hello there'];

let graph: FakeGraph;
let database: TestDatabase;
let runtime: Runtime;
const lines: Record<string, unknown>[] = [];

async function post(text: string): Promise<void> {
  const raw = JSON.stringify(envelope({ messages: [textMessage(PHONE, text)] }));
  const headers = {
    'content-type': 'application/json',
    'x-hub-signature-256': signBody(raw, SECRET),
    'x-request-id': `req-${text.length}`,
  };
  const res = await runtime.app.inject({ method: 'POST', url: '/webhook', payload: raw, headers });
  expect(res.statusCode).toBe(200);
  expect(res.headers['x-request-id']).toBe(`req-${text.length}`);
  const before = graph.requests.length;
  await graph.waitFor((r) => r.length > before && r.slice(before).some((x) => x.kind === 'send'));
}

beforeAll(async () => {
  graph = await startFakeGraph({ token: 'log-test-token', phoneNumberId: BUSINESS.phoneNumberId });
  database = await createTestDatabase('sqlite');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    WHATSAPP_TOKEN: 'log-test-token',
    PHONE_NUMBER_ID: BUSINESS.phoneNumberId,
    APP_SECRET: SECRET,
    GRAPH_API_URL: graph.url,
    SEND_RATE_PER_SECOND: '0',
    ADMIN_EMAIL: 'team@nexora.example',
  });
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  runtime = await createRuntime(config, { logger: pino({ level: 'debug' }, stream), pollMs: 50 });
  await ensureSeedPrograms(runtime.deps.db, undefined, Date.now());
  runtime.startWorkers();
  graph.fail({ code: 131026, times: 1 }); // one warn line from the sender
  const texts = ['hello there', '3', 'Zelda Quixote', 'zelda.q@example.com', '4', 'Portugal'];
  for (const text of texts) await post(text);
  // A send seen after a post may be the retry of an earlier reply (the 131026 above), so the last
  // message can still be in the inbound worker here: wait for its line, not for a send.
  const processed = (): number => lines.filter((l) => l.worker === 'inbound' && 'user' in l).length;
  const deadline = Date.now() + 30_000;
  while (processed() < texts.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await runtime.app.inject({
    method: 'POST',
    url: '/webhook',
    payload: '{}',
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-unsigned' },
  });
});
afterAll(async () => {
  await runtime.close();
  await graph.close();
  await database.drop();
});

it('writes one JSON object per line, with a level, a time and a message', () => {
  expect(lines.length).toBeGreaterThan(5);
  for (const l of lines)
    expect(l).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
});

it('puts the request id on HTTP lines and the wamid on every inbound-worker line about a message', () => {
  const http = lines.filter((l) => 'reqId' in l);
  expect(http.some((l) => l.msg === 'webhook stored' && l.reqId === 'req-11')).toBe(true);
  // The unsigned post: refused signatures are logged in aggregate, the first one at once, on its request.
  expect(
    http.some(
      (l) => l.level === 40 && l.reqId === 'req-unsigned' && l.msg === 'webhook: requests refused for a bad signature',
    ),
  ).toBe(true);
  const inbound = lines.filter((l) => l.worker === 'inbound' && 'user' in l);
  expect(inbound.length).toBeGreaterThanOrEqual(6);
  for (const l of inbound) expect(l.wamid).toMatch(/^wamid\./);
});

it('logs nothing personal at info level or above, and masks phone numbers', () => {
  const info = lines.filter((l) => (l.level as number) >= 30);
  expect(info.some((l) => l.level === 40 && l.worker === 'sender')).toBe(true);
  for (const l of info) {
    const text = JSON.stringify(l);
    for (const p of PERSONAL) expect(text, `${text} contains ${p}`).not.toContain(p);
  }
  for (const l of lines.filter((x) => typeof x.user === 'string')) expect(l.user).toBe('*******9876');
});

it('logs one warn line per webhook for the items it set aside as malformed, counted by kind, nothing personal', async () => {
  // A message without its id and a status dated a year ahead: both set aside (and stored to replay),
  // beside a well-formed message that is kept. The personal text of the refused message must not leak.
  const broken = { ...textMessage(PHONE, 'hello there'), id: undefined };
  const future = String(Math.floor(Date.now() / 1000) + 365 * 86_400);
  const body = envelope({
    messages: [broken as never, textMessage(PHONE, 'menu')],
    statuses: [{ id: 'wamid.LOG_STATUS', status: 'delivered', timestamp: future, recipient_id: PHONE }],
  });
  const raw = JSON.stringify(body);
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/webhook',
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(raw, SECRET),
      'x-request-id': 'req-malformed',
    },
  });
  expect(res.statusCode).toBe(200);
  const mine = lines.filter((l) => l.reqId === 'req-malformed' && (l.level as number) >= 40);
  expect(mine).toEqual([
    expect.objectContaining({
      level: 40,
      msg: 'webhook items set aside as malformed',
      setAside: { invalid_message: 1, invalid_status: 1 },
    }),
  ]);
  const text = JSON.stringify(mine[0]);
  for (const p of PERSONAL) expect(text, `${text} contains ${p}`).not.toContain(p);
  // A well-formed webhook writes no such line.
  expect(lines.filter((l) => l.msg === 'webhook items set aside as malformed')).toHaveLength(1);
});
