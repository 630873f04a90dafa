// The Graph client against the fake Graph server: both sides of the wire, over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GraphClient, createGraphClient } from '../src/whatsapp/graph-client.js';
import { markReadBody, renderReply } from '../src/whatsapp/render-reply.js';
import { type FakeGraph, startFakeGraph } from './helpers/fake-graph.js';

const TOKEN = 'test-token';
const PHONE_ID = '200000000000002';
const VERSION = 'v24.0';

let fake: FakeGraph;
let client: GraphClient;

beforeAll(async () => {
  fake = await startFakeGraph({ token: TOKEN, phoneNumberId: PHONE_ID });
  client = createGraphClient({
    baseUrl: fake.url,
    version: VERSION,
    phoneNumberId: PHONE_ID,
    token: TOKEN,
    timeoutMs: 2000,
  });
});
afterEach(() => fake.reset());
afterAll(async () => {
  await client.close();
  await fake.close();
});

const hello = (to = '15550002222') => renderReply(to, { kind: 'text', body: 'Hello' });

describe('graph client → fake Graph API', () => {
  it('returns the wamid of an accepted send and posts to /{version}/{phone-number-id}/messages', async () => {
    const outcome = await client.send(hello());
    expect(outcome).toEqual({ ok: true, wamid: expect.stringMatching(/^wamid\.FAKE_OUT_\d+$/) as unknown });
    const wamid = outcome.ok ? outcome.wamid : null;
    const [req] = fake.sent;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe(`/${VERSION}/${PHONE_ID}/messages`);
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual(hello());
    expect(fake.accepted).toEqual([{ wamid, to: '+15550002222', body: hello() }]);
  });

  it('marks read without counting it as a sent message', async () => {
    expect(await client.send(markReadBody('wamid.IN_1', true))).toEqual({ ok: true, wamid: null });
    expect(fake.sent).toEqual([]);
    expect(fake.requests[0]?.kind).toBe('read');
  });

  it('reports HTTP 500 as a retryable outage', async () => {
    fake.fail({ status: 500 });
    expect(await client.send(hello())).toMatchObject({ ok: false, scope: 'outage', retryable: true, httpStatus: 500 });
    expect(await client.send(hello())).toMatchObject({ ok: true }); // the script is used up
  });

  it('reports 131047 as a final failure of that message', async () => {
    fake.fail({ code: 131047 });
    expect(await client.send(hello())).toMatchObject({
      ok: false,
      scope: 'message',
      retryable: false,
      code: 131047,
      httpStatus: 400,
    });
  });

  it('reports a dropped connection as a retryable outage', async () => {
    fake.drop();
    expect(await client.send(hello())).toMatchObject({
      ok: false,
      scope: 'outage',
      retryable: true,
      code: null,
      httpStatus: null,
    });
    expect(await client.send(hello())).toMatchObject({ ok: true });
  });

  it('passes on Retry-After of a throughput error', async () => {
    fake.fail({ status: 429, code: 130429, retryAfterSec: 1 });
    expect(await client.send(hello())).toMatchObject({
      ok: false,
      scope: 'throughput',
      retryable: true,
      code: 130429,
      retryAfterMs: 1000,
      httpStatus: 429,
    });
  });

  it('fails only the scripted recipient with a pair rate limit', async () => {
    fake.fail({ code: 131056, to: '+15550002222' });
    expect(await client.send(hello('15550003333'))).toMatchObject({ ok: true });
    expect(await client.send(hello('15550002222'))).toMatchObject({ ok: false, scope: 'recipient', code: 131056 });
  });

  it('does not let a mark-read consume a fault scripted for sends', async () => {
    fake.fail({ code: 131047 });
    expect(await client.send(markReadBody('wamid.IN', false))).toEqual({ ok: true, wamid: null });
    expect(await client.send(hello())).toMatchObject({ ok: false, code: 131047 });
  });

  it('reports a wrong token as scope token (Meta 401 / 190)', async () => {
    const bad = createGraphClient({ baseUrl: fake.url, version: VERSION, phoneNumberId: PHONE_ID, token: 'wrong' });
    try {
      expect(await bad.send(hello())).toMatchObject({
        ok: false,
        scope: 'token',
        retryable: false,
        code: 190,
        httpStatus: 401,
      });
    } finally {
      await bad.close();
    }
  });

  it('keeps a base URL path prefix and ignores a trailing slash', async () => {
    const prefixed = createGraphClient({
      baseUrl: `${fake.url}/graph/`,
      version: 'v25.0',
      phoneNumberId: PHONE_ID,
      token: TOKEN,
    });
    try {
      expect(prefixed.messagesUrl).toBe(`${fake.url}/graph/v25.0/${PHONE_ID}/messages`);
      expect(await prefixed.send(hello())).toMatchObject({ ok: true });
      expect(fake.sent[0]?.path).toBe(`/graph/v25.0/${PHONE_ID}/messages`);
    } finally {
      await prefixed.close();
    }
  });

  it('times out a slow answer as a retryable outage', async () => {
    const impatient = createGraphClient({
      baseUrl: fake.url,
      version: VERSION,
      phoneNumberId: PHONE_ID,
      token: TOKEN,
      timeoutMs: 100,
    });
    fake.delay(5000); // undici checks timeouts at ~1 s resolution
    try {
      expect(await impatient.send(hello())).toMatchObject({
        ok: false,
        scope: 'outage',
        retryable: true,
        httpStatus: null,
      });
    } finally {
      await impatient.close();
    }
  });

  it('reports a refused connection as a retryable outage', async () => {
    const nowhere = createGraphClient({
      baseUrl: 'http://127.0.0.1:1',
      version: VERSION,
      phoneNumberId: PHONE_ID,
      token: TOKEN,
      timeoutMs: 1000,
    });
    try {
      expect(await nowhere.send(hello())).toMatchObject({ ok: false, scope: 'outage', retryable: true });
    } finally {
      await nowhere.close();
    }
  });

  it('sends many messages concurrently over the pool', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.send(hello(`1555000${String(i).padStart(4, '0')}`))),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(new Set(fake.accepted.map((a) => a.wamid)).size).toBe(50);
  });
});

describe('fake Graph API', () => {
  it('answers an unknown phone-number id with code 100', async () => {
    const other = createGraphClient({ baseUrl: fake.url, version: VERSION, phoneNumberId: '999', token: TOKEN });
    try {
      expect(await other.send(hello())).toMatchObject({ ok: false, code: 100, retryable: false });
    } finally {
      await other.close();
    }
  });

  it('waits for requests without polling and times out with a clear error', async () => {
    const waiting = fake.waitFor((reqs) => reqs.filter((r) => r.response !== undefined).length === 2);
    void client.send(hello());
    void client.send(hello());
    expect(await waiting).toHaveLength(2);
    await expect(fake.waitFor(() => false, 20)).rejects.toThrow(/not met within 20 ms/);
  });

  it('serves a custom handler and a raw body', async () => {
    fake.respondWith((req) => (req.kind === 'send' ? { status: 502, body: '<html>Bad Gateway</html>' } : undefined));
    expect(await client.send(hello())).toMatchObject({
      ok: false,
      scope: 'outage',
      title: 'HTTP 502: <html>Bad Gateway</html>',
    });
  });

  it('repeats a fault the given number of times', async () => {
    fake.fail({ code: 131016, times: 2 });
    expect(fake.pendingScripts()).toBe(2);
    const outcomes = [await client.send(hello()), await client.send(hello()), await client.send(hello())];
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true]);
  });
});
