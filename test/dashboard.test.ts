import { afterAll, beforeAll, expect, it } from 'vitest';
import { getDashboard } from '../src/ops/dashboard.js';
import { resolvePeriod } from '../src/ops/dashboard-period.js';
import { startTestBot, type TestBot } from './helpers/test-bot.js';
import { envelope, listReply, statusUpdate, textMessage } from './helpers/payloads.js';
import { describeEachDb } from './helpers/test-db.js';

const U = ['971500000001', '971500000002', '971500000003', '971500000004', '971500000005'];

/** Five users: one only says hi; one explores Europe; one checks $300k then leaves a lead; one checks $50k and takes the brochure; one asks for the booking link. */
async function script(bot: TestBot) {
  await bot.say(textMessage(U[0]!, 'hi'));
  await bot.say(textMessage(U[1]!, '1'));
  await bot.say(listReply(U[1]!, 'cat:A', 'Europe Golden Visa'));
  for (const t of ['2', '$300,000', '3', 'Ana Silva', 'ana@example.com']) await bot.say(textMessage(U[2]!, t));
  for (const t of ['2', '50000', '6']) await bot.say(textMessage(U[3]!, t));
  await bot.say(textMessage(U[4]!, '5'));
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeEachDb('dashboard figures from a scripted set of conversations', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind);
    await script(bot);
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
  });

  it('counts users, conversations, messages and leads, and the funnel with its drop-off', async () => {
    const sends = bot.graph.sent.filter((r) => r.response !== 'dropped' && r.response?.status === 200).length;
    const d = await getDashboard(bot.runtime.deps.db, resolvePeriod('7d', Date.now()));
    expect(d.totals).toEqual({ newUsers: 5, activeConversations: 5, messagesIn: 12, messagesOut: sends, leads: 1 });
    expect(sends).toBeGreaterThanOrEqual(12);
    expect(d.funnel).toEqual([
      { step: 'first_message', users: 5, dropOff: 0, conversionPct: 100 },
      { step: 'chose_option', users: 4, dropOff: 1, conversionPct: 80 },
      { step: 'started_form', users: 1, dropOff: 3, conversionPct: 25 },
      { step: 'became_lead', users: 1, dropOff: 0, conversionPct: 100 },
    ]);
    expect(d.options.map((o) => [o.option, o.uses, o.users])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 1, 1],
      [4, 0, 0],
      [5, 1, 1],
      [6, 1, 1],
      [7, 0, 0],
    ]);
    expect(d.options[1]!.label).toBe('Check Eligibility');
    expect(d.budgets.filter((b) => b.count > 0)).toEqual([
      { bucket: 'under $100k', minUsd: 0, count: 1 },
      { bucket: '$250k–$500k', minUsd: 250_000, count: 1 },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(d.daily).toHaveLength(7);
    expect(d.daily.at(-1)).toEqual({ day: today, newUsers: 5, leads: 1 });
    expect(d.daily.slice(0, 6).every((x) => x.newUsers === 0 && x.leads === 0)).toBe(true);
    const rt = d.responseTimes.at(-1)!;
    expect(rt.day).toBe(today);
    expect(rt.answered).toBe(12);
    expect(rt.p50Ms).not.toBeNull();
    expect(rt.p95Ms!).toBeGreaterThanOrEqual(rt.p50Ms!);
    expect(d.responseTimes.slice(0, 6).every((x) => x.answered === 0 && x.p50Ms === null)).toBe(true);
  });

  it('shows delivery outcomes from status callbacks, with the top error in words', async () => {
    const db = bot.runtime.deps.db;
    const out = await db
      .selectFrom('whatsapp_messages')
      .select(['message_id', 'phone'])
      .where('direction', '=', 'outgoing')
      .where('type', '<>', 'read')
      .orderBy('id')
      .execute();
    const [a, b, c] = out;
    const res = await bot.post(
      envelope({
        statuses: [
          statusUpdate(a!.message_id!, 'delivered', a!.phone),
          statusUpdate(b!.message_id!, 'read', b!.phone),
          statusUpdate(c!.message_id!, 'failed', c!.phone, { code: 131026, title: 'Message undeliverable' }),
        ],
      }),
    );
    expect(res.status).toBe(200);
    await until(async () => {
      const r = await db
        .selectFrom('whatsapp_messages')
        .select('status')
        .where('message_id', '=', c!.message_id)
        .executeTakeFirst();
      return r?.status === 'failed';
    }, 'the failed status to apply');
    const d = await getDashboard(db, resolvePeriod('today', Date.now()));
    expect(d.delivery).toEqual({
      sent: out.length - 3,
      delivered: 1,
      read: 1,
      failed: 1,
      pending: 0,
      topErrors: [
        { code: 131026, words: 'Undeliverable: not on WhatsApp, an old app, or terms not accepted', count: 1 },
      ],
    });
  });

  it('sees nothing in a period before the conversations', async () => {
    const d = await getDashboard(bot.runtime.deps.db, resolvePeriod({ from: '2020-01-01', to: '2020-01-03' }, 0));
    expect(d.totals).toEqual({ newUsers: 0, activeConversations: 0, messagesIn: 0, messagesOut: 0, leads: 0 });
    expect(d.funnel[1]).toEqual({ step: 'chose_option', users: 0, dropOff: 0, conversionPct: null });
    expect(d.funnel[2]!.conversionPct).toBeNull();
    expect(d.daily.map((x) => x.day)).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
  });
});
