import { describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../src/store/create-db.js';
import { postUsers, repliesPerUser, useFaultFixture, type FaultEnv } from './helpers/fault-env.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { postWebhook } from './helpers/server-process.js';
import { TEST_SECRET } from './helpers/test-bot.js';
import { DB_KINDS } from './helpers/test-db.js';

const digits = (s: unknown) => String(s).replace(/\D/g, '');

// Several instances share one PostgreSQL database behind no sticky routing. Runs wherever
// PostgreSQL is part of the run: always in CI (test/helpers/test-db.ts).
for (const kind of DB_KINDS.filter((k) => k === 'postgres')) {
  describe(`two server instances on one ${kind} database`, () => {
    const fixture = useFaultFixture(kind);
    let fx: FaultEnv;
    const startTwo = async (env: Record<string, string> = {}) => {
      const [a, b] = await Promise.all([fixture.start(env), fixture.start(env)]);
      return [a, b] as const;
    };

    it('keeps per-user order and exactly-once effects with webhooks alternating and redelivered to both', async () => {
      fx = await fixture.setUp({ ADMIN_EMAIL: 'team@nexora.example' });
      const [a, b] = await startTwo();
      const users = Array.from({ length: 20 }, (_, i) => String(155500700000 + i));
      const t = Math.floor(Date.now() / 1000);
      await Promise.all(
        users.map(async (u, i) => {
          const script = ['3', `Person ${i}`, `person${i}@example.com`];
          for (const [k, text] of script.entries()) {
            const body = envelope({ messages: [textMessage(u, text, { ts: t + k, wamid: `wamid.SCALE_${u}_${k}` })] });
            const [first, second] = k % 2 === 0 ? [a, b] : [b, a];
            // The same webhook three times, concurrently, to both instances.
            const codes = await Promise.all([first, second, first].map((s) => postWebhook(s.url, body, TEST_SECRET)));
            expect(codes).toEqual([200, 200, 200]);
          }
        }),
      );
      await fx.graph.waitFor(() => users.every((u) => (repliesPerUser(fx!.graph).get(u) ?? 0) >= 4), 30_000);
      await new Promise((r) => setTimeout(r, 500)); // anything doubled would arrive by now
      const handle = createDb(resolveDbTarget(fx.database.url));
      try {
        for (const [i, u] of users.entries()) {
          const replies = fx.graph.accepted.filter((x) => digits(x.to) === u).map((x) => JSON.stringify(x.body));
          expect(replies).toHaveLength(4);
          expect(replies[0]).toMatch(/name/i);
          expect(replies[1]).toMatch(/e-?mail/i);
          expect(replies[2]).toContain(`Person ${i}`);
        }
        const leads = await handle.db.selectFrom('whatsapp_leads').select(['phone', 'email']).execute();
        expect(leads).toHaveLength(users.length);
        const notes = await handle.db
          .selectFrom('notifications')
          .select('dedupe_key')
          .where('kind', '=', 'lead_email')
          .execute();
        expect(notes).toHaveLength(users.length);
        const inbound = await handle.db
          .selectFrom('whatsapp_messages')
          .select('status')
          .where('direction', '=', 'incoming')
          .execute();
        expect(inbound).toHaveLength(users.length * 3);
        expect(inbound.every((r) => r.status === 'processed')).toBe(true);
      } finally {
        await handle.db.destroy();
      }
    }, 60_000);

    it('shares the send rate across instances instead of multiplying it', async () => {
      fx = await fixture.setUp({ SEND_RATE_PER_SECOND: '10' });
      const [a, b] = await startTwo();
      await postUsers((i) => (i % 2 ? a.url : b.url), 30);
      await fx.graph.waitFor(() => fx!.graph.accepted.length === 30, 20_000);
      const times = fx.graph.sent.map((r) => r.at.getTime()).sort((x, y) => x - y);
      const spanMs = times.at(-1)! - times[0]!;
      // 30 sends at 10/s take about 2.9 s; two independent limiters would finish in about 1.45 s.
      expect(spanMs).toBeGreaterThan(2_400);
      // Slots are 100 ms apart; a send delayed by the event loop can bunch with the next one, but no
      // one-second window comes near the 20 that two unshared limiters would allow.
      for (const start of times)
        expect(times.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(15);
    }, 60_000);

    it('lets a survivor finish the work of an instance killed mid-load', async () => {
      fx = await fixture.setUp();
      fx.graph.latencyMs = 30;
      const [a, b] = await startTwo();
      const posting = postUsers(a.url, 80);
      await fx.graph.waitFor(() => fx!.graph.accepted.length >= 15, 20_000);
      a.kill('SIGKILL');
      const acked = await posting;
      await fx.graph.waitFor(() => {
        const per = repliesPerUser(fx!.graph);
        return acked.every((u) => (per.get(u) ?? 0) >= 1);
      }, 30_000);
      expect((await fetch(`${b.url}/webhook/health`)).status).toBe(200);
      const per = repliesPerUser(fx.graph);
      expect(acked.filter((u) => (per.get(u) ?? 0) > 2)).toEqual([]);
    });
  }, 60_000);
}
