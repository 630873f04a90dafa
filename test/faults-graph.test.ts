import { expect, it } from 'vitest';
import { postUsers, repliesPerUser, useFaultFixture, type FaultEnv } from './helpers/fault-env.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { postWebhook } from './helpers/server-process.js';
import { TEST_ADMIN_TOKEN, TEST_SECRET, TEST_TOKEN } from './helpers/test-bot.js';
import { createDb, resolveDbTarget } from '../src/store/create-db.js';
import { describeEachDb } from './helpers/test-db.js';

const digits = (s: unknown) => String(s).replace(/\D/g, '');

describeEachDb('Graph API faults, against the server process', (kind) => {
  const fixture = useFaultFixture(kind);
  let fx: FaultEnv;

  const start = (env?: Record<string, string>) => fixture.start(env);

  it('rides out 5xx answers and dropped connections: every reply delivered once, in per-user order', async () => {
    fx = await fixture.setUp();
    const server = await start();
    let n = 0;
    // The first 20 send attempts fail (a mix of 503, 500 and dropped connections), then Meta is back.
    fx.graph.respondWith((req) => {
      if (req.kind !== 'send' || n >= 20) return undefined;
      n++;
      return n % 3 === 0
        ? 'drop'
        : { status: n % 2 ? 503 : 500, body: { error: { message: 'down', code: n % 2 ? 2 : 131000 } } };
    });
    const users = Array.from({ length: 15 }, (_, i) => String(155500200000 + i));
    const t = Math.floor(Date.now() / 1000);
    await Promise.all(
      users.map(async (u) => {
        expect(
          await postWebhook(server.url, envelope({ messages: [textMessage(u, 'hi', { ts: t })] }), TEST_SECRET),
        ).toBe(200);
        expect(
          await postWebhook(server.url, envelope({ messages: [textMessage(u, '5', { ts: t + 1 })] }), TEST_SECRET),
        ).toBe(200);
      }),
    );
    await fx.graph.waitFor(() => users.every((u) => (repliesPerUser(fx!.graph).get(u) ?? 0) >= 3), 40_000);
    expect(n).toBe(20);
    for (const u of users) {
      const mine = fx.graph.accepted
        .filter((a) => digits(a.to) === u)
        .map((a) => a.body as { type: string; text?: { body: string } });
      expect(mine.map((b) => b.type)).toEqual(['interactive', 'text', 'interactive']);
      expect(mine[1]!.text!.body).toMatch(/book/i);
    }
  }, 60_000);

  it('slows down on 130429 with Retry-After, and delays only the recipient hit by 131056', async () => {
    fx = await fixture.setUp();
    const server = await start();
    fx.graph.fail({ code: 130429, status: 400, retryAfterSec: 2 });
    await postUsers(server.url, 1);
    await fx.graph.waitFor(() => fx!.graph.accepted.length === 1, 20_000);
    const [limited, ok] = fx.graph.sent;
    expect(ok!.at.getTime() - limited!.at.getTime()).toBeGreaterThanOrEqual(1_900);

    fx.graph.reset();
    const slow = '155500300000';
    fx.graph.fail({ code: 131056, to: slow, times: 2, retryAfterSec: 1 });
    expect(await postWebhook(server.url, envelope({ messages: [textMessage(slow, 'hi')] }), TEST_SECRET)).toBe(200);
    await fx.graph.waitFor((reqs) => reqs.length >= 1);
    const others = Array.from({ length: 10 }, (_, i) => String(155500300001 + i));
    for (const u of others) await postWebhook(server.url, envelope({ messages: [textMessage(u, 'hi')] }), TEST_SECRET);
    await fx.graph.waitFor(() => fx!.graph.accepted.some((a) => digits(a.to) === slow), 20_000);
    const order = fx.graph.accepted.map((a) => digits(a.to));
    expect(order.indexOf(slow)).toBe(order.length - 1);
    expect(new Set(order).size).toBe(11);
  }, 60_000);

  it('marks permanent errors failed with the code, visible to the admin, without blocking the queue', async () => {
    fx = await fixture.setUp();
    const server = await start();
    const codes: Record<string, number> = { '155500400001': 131047, '155500400002': 131026, '155500400003': 100 };
    for (const [to, code] of Object.entries(codes)) fx.graph.fail({ code, to });
    const users = [...Object.keys(codes), '155500400004'];
    for (const u of users)
      await postWebhook(
        server.url,
        envelope({ messages: [textMessage(u, 'hi'), textMessage(u, '5', { ts: Math.floor(Date.now() / 1000) + 1 })] }),
        TEST_SECRET,
      );
    // Each failed user's later replies still go out: the queue is not blocked.
    await fx.graph.waitFor(
      () => users.every((u) => (repliesPerUser(fx!.graph).get(u) ?? 0) >= (u in codes ? 2 : 3)),
      20_000,
    );
    const handle = createDb(resolveDbTarget(fx.database.url));
    try {
      for (const [to, code] of Object.entries(codes)) {
        const failed = await handle.db
          .selectFrom('whatsapp_messages')
          .selectAll()
          .where('phone', '=', to)
          .where('status', '=', 'failed')
          .execute();
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatchObject({ error_code: code, attempts: 1 });
        expect(fx.graph.sent.filter((r) => digits((r.body as { to: string }).to) === to)).toHaveLength(3);
      }
    } finally {
      await handle.db.destroy();
    }
    // Visible to the operator: the admin API's user view shows the failed reply with Meta's code.
    const res = await fetch(`${server.url}/admin/api/users/155500400001`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const view = JSON.stringify(await res.json());
    expect(view).toContain('131047');
    expect(view).toContain('failed');
  }, 60_000);

  it('pauses all sending on error 190, reports degraded health, alerts once, and resumes with a new token after restart', async () => {
    fx = await fixture.setUp({ ADMIN_EMAIL: 'ops@nexora.example' });
    const server = await start({ WHATSAPP_TOKEN: 'expired-token' });
    await postUsers(server.url, 12);
    await fx.graph.waitFor((reqs) => reqs.length >= 1);
    // Give the sender time to hammer, if it would.
    await new Promise((r) => setTimeout(r, 1_500));
    const attempts = fx.graph.sent.length;
    expect(attempts).toBeLessThanOrEqual(12); // only the first claimed batch, never a retry loop
    expect(fx.graph.accepted).toHaveLength(0);
    const health = (await (await fetch(`${server.url}/webhook/health`)).json()) as {
      status: string;
      sending: string;
      reasons: string[];
    };
    expect(health).toMatchObject({ status: 'degraded', sending: 'token_invalid' });
    expect(health.reasons.join(' ')).toMatch(/token/i);
    await new Promise((r) => setTimeout(r, 600));
    expect(fx.graph.sent.length).toBe(attempts);
    await server.stop();

    const handle = createDb(resolveDbTarget(fx.database.url));
    try {
      const alerts = await handle.db
        .selectFrom('notifications')
        .selectAll()
        .where('kind', '=', 'admin_alert')
        .execute();
      expect(alerts).toHaveLength(1);
    } finally {
      await handle.db.destroy();
    }
    const renewed = await start({ WHATSAPP_TOKEN: TEST_TOKEN });
    await fx.graph.waitFor(() => fx!.graph.accepted.length === 12, 20_000);
    const after = (await (await fetch(`${renewed.url}/webhook/health`)).json()) as { status: string };
    expect(after.status).toBe('ok');
    expect(new Set(fx.graph.accepted.map((a) => a.to)).size).toBe(12);
  }, 60_000);
});
