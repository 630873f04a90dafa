import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailureLimiter } from '../src/admin/auth-failure-limiter.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const good = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** The same answer whatever was wrong with the token (missing, wrong, another scheme). */
const UNAUTHORIZED = {
  error: 'UNAUTHORIZED',
  message: 'this needs the admin token: Authorization: Bearer <ADMIN_TOKEN>',
};

describe('AuthFailureLimiter', () => {
  it('blocks an address after maxFailures within the window, until the window ends', () => {
    const l = new AuthFailureLimiter({ maxFailures: 3, windowMs: 1_000, maxTracked: 10 });
    for (let i = 0; i < 3; i++) {
      expect(l.blockedForMs('a', 100)).toBe(0);
      l.recordFailure('a', 100);
    }
    expect(l.blockedForMs('a', 600)).toBe(500);
    expect(l.blockedForMs('b', 600)).toBe(0);
    expect(l.blockedForMs('a', 1_100)).toBe(0);
  });

  it('tracks a bounded number of addresses, dropping expired then the oldest unblocked entries', () => {
    const l = new AuthFailureLimiter({ maxFailures: 2, windowMs: 1_000, maxTracked: 3 });
    l.recordFailure('10.0.0.1', 0);
    l.recordFailure('10.0.0.1', 0);
    for (let i = 0; i < 100; i++) l.recordFailure(`10.0.1.${i}`, i);
    expect(l.tracked).toBe(3);
    expect(l.blockedForMs('10.0.0.1', 100)).toBeGreaterThan(0);
    l.recordFailure('10.0.1.99', 100);
    expect(l.blockedForMs('10.0.1.99', 100)).toBeGreaterThan(0);
    expect(l.blockedForMs('10.0.1.0', 100)).toBe(0);
    // Expired entries make room first.
    for (let i = 0; i < 3; i++) l.recordFailure(`10.0.2.${i}`, 5_000);
    expect(l.blockedForMs('10.0.0.1', 5_000)).toBe(0);
  });
});

describeEachDb('admin API authentication', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind, {}, { startWorkers: false, seed: false });
  });
  afterAll(async () => bot.stop());

  const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '198.51.100.1') =>
    bot.runtime.app.inject({ method: 'GET', url, headers, remoteAddress });

  it('answers a missing, wrong or malformed token with 401 and no detail, on every route and the OpenAPI document', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Basic ${TEST_ADMIN_TOKEN}` },
      { authorization: TEST_ADMIN_TOKEN },
    ];
    // Each variant from its own address: an address gets only 10 failures a minute.
    for (const [i, headers] of variants.entries()) {
      for (const url of [
        '/admin/api/stats',
        '/admin/api/users/971501234567',
        '/admin/api/openapi.json',
        '/admin/api/leads?format=csv',
      ]) {
        const res = await get(url, headers, `198.51.100.${10 + i}`);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual(UNAUTHORIZED);
      }
    }
    const del = await bot.runtime.app.inject({
      method: 'DELETE',
      url: '/admin/api/users/971501234567',
      remoteAddress: '198.51.100.3',
    });
    expect(del.statusCode).toBe(401);
    expect((await get('/admin/api/stats', good)).statusCode).toBe(200);
  });

  it('blocks an address after 10 failures a minute, even when it then sends the right token; others are unaffected', async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 10; i++)
      expect(
        (await get('/admin/api/stats', { authorization: `Bearer guess-${i}-0123456789` }, attacker)).statusCode,
      ).toBe(401);
    const blocked = await get('/admin/api/stats', good, attacker);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json()).toEqual({
      error: 'RATE_LIMITED',
      message: `too many requests without a valid token: retry in ${blocked.headers['retry-after']} s`,
    });
    expect((await get('/admin/api/stats', good, '203.0.113.8')).statusCode).toBe(200);
  });

  it('never throttles an admin with the right token, however many requests', async () => {
    for (let i = 0; i < 40; i++) expect((await get('/admin/api/programs', good, '192.0.2.50')).statusCode).toBe(200);
  });

  it('keeps the admin API closed when no ADMIN_TOKEN is configured', async () => {
    const closed = await startTestBot(kind, { ADMIN_TOKEN: '' }, { startWorkers: false, seed: false });
    try {
      const res = await closed.runtime.app.inject({
        method: 'GET',
        url: '/admin/api/stats',
        headers: { authorization: 'Bearer ' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(UNAUTHORIZED);
    } finally {
      await closed.stop();
    }
  });
});
