// The token guard against a real listening server: every token-protected route shares one limiter,
// clients are told apart only through the proxies listed in TRUST_PROXY, IPv6 counts by /64.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailureLimiter, clientKey } from '../src/admin/auth-failure-limiter.js';
import { loadConfig } from '../src/config.js';
import { signBody } from '../src/whatsapp/verify-signature.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { startTestBot, TEST_ADMIN_TOKEN, TEST_SECRET, TEST_VERIFY_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const GOOD = `Bearer ${TEST_ADMIN_TOKEN}`;
const GUARD_LINE = 'token guard: requests without a valid token';

describe('AuthFailureLimiter under many addresses', () => {
  it('keeps a blocked client blocked however many other clients fail', () => {
    const l = new AuthFailureLimiter({ maxFailures: 3, windowMs: 60_000, maxTracked: 100 });
    for (let i = 0; i < 3; i++) l.recordFailure('203.0.113.7', 0);
    for (let i = 0; i < 10_000; i++) l.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 1);
    expect(l.blockedForMs('203.0.113.7', 2)).toBeGreaterThan(0);
    expect(l.tracked).toBeLessThanOrEqual(101);
  });

  it('blocks new clients together once every tracked entry is blocked, but not an operator with a recent valid token', () => {
    const l = new AuthFailureLimiter({ maxFailures: 1, windowMs: 60_000, maxTracked: 50 });
    l.recordSuccess('198.51.100.1', 0);
    for (let i = 0; i < 500; i++) l.recordFailure(`10.0.${i >> 8}.${i & 255}`, 1);
    expect(l.blockedForMs('10.0.0.1', 2)).toBeGreaterThan(0);
    expect(l.blockedForMs('192.0.2.99', 2)).toBeGreaterThan(0);
    expect(l.blockedForMs('198.51.100.1', 2)).toBe(0);
    expect(l.blockedForMs('192.0.2.99', 60_002)).toBe(0);
  });

  it("keeps a proven address out of the overflow entry for days, and still limits that address's own failures", () => {
    const l = new AuthFailureLimiter({ maxFailures: 2, windowMs: 60_000, maxTracked: 10 });
    l.recordSuccess('198.51.100.1', 0);
    const day = 24 * 3_600_000;
    for (let i = 0; i < 50; i++) for (let j = 0; j < 2; j++) l.recordFailure(`10.0.0.${i}`, day);
    expect(l.blockedForMs('192.0.2.99', day + 1)).toBeGreaterThan(0);
    expect(l.blockedForMs('198.51.100.1', day + 1)).toBe(0);
    l.recordFailure('198.51.100.1', day + 1);
    expect(l.blockedForMs('198.51.100.1', day + 2)).toBe(0);
    l.recordFailure('198.51.100.1', day + 2);
    expect(l.blockedForMs('198.51.100.1', day + 3)).toBeGreaterThan(0);
    expect(l.tracked).toBe(12);
    // Trust ends after 30 days.
    const later = 31 * day;
    for (let i = 0; i < 50; i++) for (let j = 0; j < 2; j++) l.recordFailure(`10.0.1.${i}`, later);
    expect(l.blockedForMs('198.51.100.1', later + 1)).toBeGreaterThan(0);
  });

  it('counts IPv6 clients by /64 prefix and IPv4-mapped addresses as IPv4', () => {
    expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    const l = new AuthFailureLimiter({ maxFailures: 2, windowMs: 60_000, maxTracked: 10 });
    l.recordFailure('2001:db8:1:2::a', 0);
    l.recordFailure('2001:db8:1:2::b', 0);
    expect(l.blockedForMs('2001:db8:1:2:dead:beef:0:1', 1)).toBeGreaterThan(0);
    expect(l.blockedForMs('2001:db8:1:3::a', 1)).toBe(0);
  });
});

describe('TRUST_PROXY', () => {
  it('is refused as `true` in production, in favour of a list of proxies', () => {
    const prod = {
      NODE_ENV: 'production',
      WHATSAPP_TOKEN: 't',
      PHONE_NUMBER_ID: '1',
      VERIFY_TOKEN: 'v',
      APP_SECRET: 's',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    };
    expect(() => loadConfig({ ...prod, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true is refused/);
    expect(loadConfig({ ...prod, TRUST_PROXY: '10.0.0.5,10.0.1.0/24' }).trustProxy).toBe('10.0.0.5,10.0.1.0/24');
    expect(loadConfig({ NODE_ENV: 'development', TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });
});

describeEachDb('one token guard over a listening server', (kind) => {
  let bot: TestBot;
  let url: string;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    // Live mode; the loopback peer is the proxy, so X-Forwarded-For names the client.
    bot = await startTestBot(
      kind,
      { TRUST_PROXY: '127.0.0.1' },
      // Info level: a refusal logged a line each at info would show here.
      { startWorkers: false, seed: false, logger: pino({ level: 'info' }, sink) },
    );
    url = await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => bot.stop());

  const get = (path: string, client: string, token: string) =>
    fetch(`${url}${path}`, { headers: { authorization: token, 'x-forwarded-for': client } });

  it('throttles guesses on /sandbox/messages in live mode, shared with the admin API', async () => {
    const attacker = '203.0.113.50';
    for (let i = 0; i < 5; i++)
      expect((await get('/sandbox/messages?phone=15550001234', attacker, `Bearer guess-${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await get('/admin/api/stats', attacker, `Bearer guess-${i}`)).status).toBe(401);
    // Blocked: even the right token no longer tells the guesser anything.
    const blocked = await get('/sandbox/messages?phone=15550001234', attacker, GOOD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('/sandbox/messages?phone=15550001234', '203.0.113.51', GOOD)).status).toBe(200);
  });

  it('blocks a whole IPv6 /64 and never the operator at another address', async () => {
    for (let i = 1; i <= 10; i++)
      expect((await get('/metrics', `2001:db8:7:7::${i}`, `Bearer g${i}`)).status).toBe(401);
    expect((await get('/metrics', '2001:db8:7:7:ffff::1', GOOD)).status).toBe(429);
    expect((await get('/metrics', '2001:db8:7:8::1', GOOD)).status).toBe(200);
    expect((await get('/admin/api/stats', '198.51.100.1', GOOD)).status).toBe(200);
  });

  it('logs failed attempts in aggregate, not a line each', async () => {
    const before = lines.length;
    for (let i = 0; i < 200; i++) await get('/admin/api/stats', `192.0.2.${i}`, `Bearer wrong-${i}`);
    // At most the guard's one line a minute (and nothing else) for 200 refusals.
    expect(lines.slice(before).filter((l) => l.msg !== GUARD_LINE)).toEqual([]);
    expect(lines.slice(before).length).toBeLessThanOrEqual(1);
    expect(lines.filter((l) => l.msg === GUARD_LINE).length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('192.0.2.');
  });

  const verify = (client: string, token: string) =>
    fetch(`${url}/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=4242`, {
      headers: { 'x-forwarded-for': client },
    });

  it('counts wrong verify tokens on GET /webhook in the same guard, logged in aggregate', async () => {
    const before = lines.length;
    const guesser = '203.0.113.70';
    for (let i = 0; i < 9; i++) expect((await verify(guesser, `guess-${i}`)).status).toBe(403);
    // The tenth failure is a wrong admin token: one limiter for both secrets.
    expect((await get('/admin/api/stats', guesser, 'Bearer guess')).status).toBe(401);
    const blocked = await verify(guesser, TEST_VERIFY_TOKEN);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).not.toContain('4242');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('/admin/api/stats', guesser, GOOD)).status).toBe(429);
    // Another address, and Meta's handshake, are unaffected; a bare GET is refused but is not a guess.
    const meta = await verify('203.0.113.71', TEST_VERIFY_TOKEN);
    expect([meta.status, await meta.text()]).toEqual([200, '4242']);
    for (const path of ['/webhook', '/webhook?hub.mode=subscribe&hub.challenge=1'])
      for (let i = 0; i < 10; i++)
        expect((await fetch(`${url}${path}`, { headers: { 'x-forwarded-for': '203.0.113.72' } })).status).toBe(403);
    expect((await verify('203.0.113.72', TEST_VERIFY_TOKEN)).status).toBe(200);
    for (let i = 0; i < 200; i++) await verify(`198.18.${i >> 8}.${i & 255}`, `guess-${i}`);
    expect(lines.slice(before).filter((l) => l.msg !== GUARD_LINE)).toEqual([]);
    expect(lines.slice(before).length).toBeLessThanOrEqual(1);
  });

  it('logs refused webhook signatures in aggregate, not a line each', async () => {
    const before = lines.length;
    const raw = JSON.stringify(envelope({ messages: [textMessage('15550001234', 'hi')] }));
    const forged = signBody(raw, 'not-the-secret');
    for (let i = 0; i < 200; i++) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` };
      if (i % 2) headers['x-hub-signature-256'] = forged;
      const res = await fetch(`${url}/webhook`, { method: 'POST', body: raw, headers });
      expect(res.status).toBe(401);
    }
    const after = lines.slice(before);
    expect(after.filter((l) => l.msg !== 'webhook: requests refused for a bad signature')).toEqual([]);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ level: 40, missing: 1, clients: 1 });
    const good = await fetch(`${url}/webhook`, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, TEST_SECRET) },
    });
    expect(good.status).toBe(200);
  });
});

describeEachDb('the operator behind a crowd of guessers, over a listening server', (kind) => {
  let bot: TestBot;
  let url: string;
  let now = Date.now();
  beforeAll(async () => {
    // A small table, so a crowd of 30 forwarded addresses fills it with blocked entries.
    bot = await startTestBot(
      kind,
      { TRUST_PROXY: '127.0.0.1' },
      { startWorkers: false, seed: false, clock: { now: () => now }, authLimiter: { maxTracked: 20 } },
    );
    url = await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => bot.stop());

  const get = (client: string, token: string) =>
    fetch(`${url}/admin/api/stats`, { headers: { authorization: token, 'x-forwarded-for': client } });
  const crowd = async (net: number) => {
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 10; j++) await get(`10.${net}.0.${i}`, j % 2 ? `Bearer g${j}` : 'Bearer');
  };

  it('cannot lock out the operator, a day after the operator last used the token', async () => {
    const operator = '198.51.100.7';
    expect((await get(operator, GOOD)).status).toBe(200);
    now += 24 * 3_600_000;
    await crowd(1);
    // Every tracked entry is blocked: a new address shares the blocked overflow entry.
    expect((await get('192.0.2.99', GOOD)).status).toBe(429);
    expect((await get('10.1.0.29', GOOD)).status).toBe(429);
    expect((await get(operator, GOOD)).status).toBe(200);
    // The operator's address is still limited on its own: ten wrong tokens block it.
    for (let i = 0; i < 10; i++) expect((await get(operator, `Bearer wrong-${i}`)).status).toBe(401);
    expect((await get(operator, GOOD)).status).toBe(429);
    now += 61_000;
    await crowd(2);
    expect((await get('192.0.2.99', GOOD)).status).toBe(429);
    expect((await get(operator, GOOD)).status).toBe(200);
  });
});

describeEachDb('/sandbox/messages in sandbox mode', (kind) => {
  let bot: TestBot;
  let url: string;
  beforeAll(async () => {
    bot = await startTestBot(kind, { WHATSAPP_TOKEN: '', TRUST_PROXY: '127.0.0.1' }, { startWorkers: false });
    url = await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => bot.stop());

  it('is open to loopback only; any other client needs the admin token', async () => {
    const path = `${url}/sandbox/messages?phone=15550001234`;
    expect((await fetch(path)).status).toBe(200);
    expect((await fetch(path, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
    expect((await fetch(path, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: GOOD } })).status).toBe(
      200,
    );
  });
});
