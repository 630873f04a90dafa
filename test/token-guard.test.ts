// The token guard against a real listening server: every token-protected route shares one limiter,
// clients are told apart only through the proxies listed in TRUST_PROXY, IPv6 counts by /64.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailureLimiter, clientKey } from '../src/admin/auth-failure-limiter.js';
import { loadConfig } from '../src/config.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const GOOD = `Bearer ${TEST_ADMIN_TOKEN}`;

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
      { startWorkers: false, seed: false, logger: pino({ level: 'warn' }, sink) },
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
    const guardLines = lines.slice(before).filter((l) => l.msg === 'admin token: requests without a valid token');
    expect(guardLines.length).toBeLessThanOrEqual(1);
    expect(lines.filter((l) => l.msg === 'admin token: requests without a valid token').length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('192.0.2.');
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
