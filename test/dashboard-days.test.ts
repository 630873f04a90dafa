// The dashboard's daily roll-up (migration 041, ops/dashboard-days.ts): figures read from stored days
// equal the ones computed from the messages, for any range of days, active users included; a deleted
// person's days are recomputed.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { getDashboard } from '../src/ops/dashboard.js';
import { rollUpDays } from '../src/ops/dashboard-days.js';
import { resolvePeriod } from '../src/ops/dashboard-period.js';
import { deleteUser } from '../src/ops/delete-user.js';
import type { Database, NewMessage } from '../src/store/schema.js';
import { describeEachDb } from './helpers/test-db.js';
import { DAY, HOUR, openTestDb, type OpenedDb } from './ops-fixtures.js';

const D0 = Date.UTC(2025, 0, 10);
const A = '971500000101';
const B = '971500000102';
const C = '971500000103';
const day = (d: number) => new Date(D0 + d * DAY).toISOString().slice(0, 10);

let seq = 0;
function row(phone: string, o: Partial<NewMessage> & Pick<NewMessage, 'direction' | 'timestamp'>): NewMessage {
  seq++;
  return {
    phone,
    message: 'text',
    message_id: `wamid.T${seq}`,
    type: 'text',
    status: o.direction === 'incoming' ? 'processed' : 'sent',
    payload: '{}',
    attempts: 0,
    next_attempt_at: null,
    locked_until: null,
    error_code: null,
    error_title: null,
    reply_to: null,
    created_at: o.timestamp,
    updated_at: o.timestamp,
    processed_at: null,
    sent_at: null,
    ...o,
  };
}

/** An inbound message at `at` and its reply: accepted by Meta `waitMs` later (null: not sent yet). */
async function exchange(
  db: Kysely<Database>,
  phone: string,
  at: number,
  waitMs: number | null,
  reply: Partial<NewMessage> = {},
) {
  const inbound = await db
    .insertInto('whatsapp_messages')
    .values(row(phone, { direction: 'incoming', timestamp: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('whatsapp_messages')
    .values([
      // The mark-read is not a message anyone sees: never counted.
      row(phone, { direction: 'outgoing', type: 'read', timestamp: at + 10, reply_to: inbound.id, sent_at: at + 20 }),
      row(phone, {
        direction: 'outgoing',
        timestamp: at + 30,
        reply_to: inbound.id,
        sent_at: waitMs === null ? null : at + waitMs,
        ...(waitMs === null ? { status: 'queued' } : {}),
        ...reply,
      }),
    ])
    .execute();
}

async function script(db: Kysely<Database>) {
  // Day 0: A twice (1 s and 3 s). Day 1: B (2 s, then failed at delivery), then twenty more waits of
  // 1..20 s, to check the percentiles. Day 2: A, B and C; C's reply still queued.
  await exchange(db, A, D0 + 10 * HOUR, 1_000, { status: 'read' });
  await exchange(db, A, D0 + 11 * HOUR, 3_000, { status: 'delivered' });
  await exchange(db, B, D0 + DAY + HOUR, 2_000, {
    status: 'failed',
    error_code: 131047,
    error_title: 'Re-engagement message',
  });
  for (let s = 1; s <= 20; s++) await exchange(db, B, D0 + DAY + 2 * HOUR + s * 60_000, s * 1_000);
  await exchange(db, A, D0 + 2 * DAY + HOUR, 5_000);
  await exchange(db, B, D0 + 2 * DAY + 2 * HOUR, 4_000, {
    status: 'failed',
    error_code: 131026,
    error_title: 'Message undeliverable',
  });
  await exchange(db, C, D0 + 2 * DAY + 3 * HOUR, null);
  // Their sessions (first message on days 0, 1 and 2), what they chose, and B's lead.
  const session = (phone: string, at: number) => ({
    phone,
    current_step: 'main_menu',
    metadata: '{}',
    created_at: at,
    updated_at: at,
    last_activity: at,
    is_active: 1,
    opted_out: 0,
  });
  await db
    .insertInto('whatsapp_sessions')
    .values([session(A, D0 + 10 * HOUR), session(B, D0 + DAY + HOUR), session(C, D0 + 2 * DAY + 3 * HOUR)])
    .execute();
  const event = (phone: string, kind: 'option' | 'budget', value: string, at: number) => ({
    phone,
    kind,
    value,
    created_at: at,
  });
  await db
    .insertInto('conversation_events')
    .values([
      event(A, 'option', '1', D0 + 10 * HOUR),
      event(A, 'option', '1', D0 + 2 * DAY + HOUR),
      event(A, 'option', '3', D0 + 2 * DAY + HOUR),
      event(B, 'option', '2', D0 + DAY + HOUR),
      event(B, 'budget', '300000', D0 + DAY + HOUR),
      event(A, 'budget', '50000', D0 + 2 * DAY + HOUR),
    ])
    .execute();
  await db
    .insertInto('whatsapp_leads')
    .values({ phone: B, name: 'B', created_at: D0 + DAY + 2 * HOUR, updated_at: D0 + DAY + 2 * HOUR })
    .execute();
}

const RANGES: [number, number][] = [
  [0, 2],
  [1, 2],
  [2, 2],
  [0, 1],
  [0, 0],
  [-3, 5],
];
const NOW = D0 + 6 * DAY + HOUR;

async function dashboards(db: Kysely<Database>) {
  return Promise.all(RANGES.map(([f, t]) => getDashboard(db, resolvePeriod({ from: day(f), to: day(t) }, NOW))));
}

describeEachDb('dashboard daily roll-up', (kind) => {
  let t: OpenedDb;
  beforeEach(async () => {
    t = await openTestDb(kind);
    await script(t.db);
  });
  afterEach(async () => t.close());

  it('computes each day from the messages: counts, active users over any range, nearest-rank percentiles', async () => {
    const [all, from1, only2, first2, only0] = await dashboards(t.db);
    expect(all!.totals).toMatchObject({ activeConversations: 3, messagesIn: 26, messagesOut: 26 });
    // B's first day in the range is day 1; A was last active on day 0, before it: both count once.
    expect(from1!.totals.activeConversations).toBe(3);
    expect(only2!.totals.activeConversations).toBe(3);
    expect(first2!.totals.activeConversations).toBe(2);
    expect(only0!.totals).toMatchObject({ activeConversations: 1, messagesIn: 2, messagesOut: 2 });
    expect(all!.totals).toMatchObject({ newUsers: 3, leads: 1 });
    // B became a lead without choosing option 3 (as through a WhatsApp Flow): a lead counts as a
    // started form, so no step ever shows more users than the one before it.
    expect(all!.funnel.map((f) => f.users)).toEqual([3, 2, 2, 1]);
    expect(from1!.funnel.map((f) => f.users)).toEqual([2, 1, 1, 1]);
    for (const d of [all!, from1!, only2!, first2!, only0!])
      for (let i = 1; i < d.funnel.length; i++) expect(d.funnel[i]!.users).toBeLessThanOrEqual(d.funnel[i - 1]!.users);
    // A chose option 1 on days 0 and 2: two uses, one user.
    expect(all!.options.slice(0, 3).map((o) => [o.option, o.uses, o.users])).toEqual([
      [1, 2, 1],
      [2, 1, 1],
      [3, 1, 1],
    ]);
    expect(from1!.options[0]).toMatchObject({ uses: 1, users: 1 });
    expect(all!.budgets.filter((b) => b.count > 0).map((b) => [b.minUsd, b.count])).toEqual([
      [0, 1],
      [250_000, 1],
    ]);
    expect(all!.daily.map((d) => [d.newUsers, d.leads])).toEqual([
      [1, 0],
      [1, 1],
      [1, 0],
    ]);
    expect(all!.responseTimes).toEqual([
      { day: day(0), answered: 2, p50Ms: 1_000, p95Ms: 3_000 },
      // 2 s and 1..20 s: 21 waits; ranks 11 and 20 → 10 s and 19 s.
      { day: day(1), answered: 21, p50Ms: 10_000, p95Ms: 19_000 },
      { day: day(2), answered: 2, p50Ms: 4_000, p95Ms: 5_000 },
    ]);
    expect(all!.delivery).toEqual({
      sent: 21,
      delivered: 1,
      read: 1,
      failed: 2,
      pending: 1,
      topErrors: [
        { code: 131026, words: expect.any(String) as string, count: 1 },
        { code: 131047, words: expect.any(String) as string, count: 1 },
      ],
    });
  });

  it('reads stored days: the same figures as computed, and a stored day is what the dashboard shows', async () => {
    const live = await dashboards(t.db);
    expect(await rollUpDays(t.db, NOW, { recentDays: 3, horizonDays: 10 })).toEqual({ days: 10, cohorts: 10 });
    const stored = await t.db.selectFrom('dashboard_days').select('day').orderBy('day').execute();
    expect(stored.map((r) => Number(r.day))).toEqual(
      Array.from({ length: 10 }, (_, i) => Math.floor(NOW / DAY) - 10 + i),
    );
    expect(await dashboards(t.db)).toEqual(live);
    // Running it again writes only the recent days (idempotent, same figures).
    expect(await rollUpDays(t.db, NOW, { recentDays: 3, horizonDays: 10 })).toEqual({ days: 3, cohorts: 3 });
    expect(await dashboards(t.db)).toEqual(live);
    // The dashboard reads the stored row, not the messages.
    await t.db
      .updateTable('dashboard_days')
      .set({ messages_in: 1000 })
      .where('day', '=', D0 / DAY)
      .execute();
    const [all] = await dashboards(t.db);
    expect(all!.totals.messagesIn).toBe(26 - 2 + 1000);
  });

  it('a stored cohort day is computed again once one of its users goes further', async () => {
    await rollUpDays(t.db, NOW, { recentDays: 3, horizonDays: 10 });
    const [before] = await dashboards(t.db);
    expect(before!.funnel.map((f) => f.users)).toEqual([3, 2, 2, 1]);
    // C (first message on day 2) chooses the consultant form now, days after the roll-up.
    await t.db
      .insertInto('conversation_events')
      .values({ phone: C, kind: 'option', value: '3', created_at: NOW + HOUR })
      .execute();
    const [after] = await dashboards(t.db);
    expect(after!.funnel.map((f) => f.users)).toEqual([3, 3, 3, 1]);
    // The next run stores it again; the stored figures are the same.
    await rollUpDays(t.db, NOW + 2 * HOUR, { recentDays: 0, horizonDays: 10 });
    expect((await dashboards(t.db))[0]!.funnel).toEqual(after!.funnel);
  });

  it('a deleted person leaves the stored days: the figures are those of the messages that remain', async () => {
    await rollUpDays(t.db, NOW, { recentDays: 3, horizonDays: 10 });
    await deleteUser(t.db, A, 'cli', NOW, t.media);
    const afterDelete = await dashboards(t.db);
    await t.db.deleteFrom('dashboard_days').execute();
    expect(afterDelete).toEqual(await dashboards(t.db));
    expect(afterDelete[0]!.totals).toMatchObject({ activeConversations: 2, messagesIn: 23, newUsers: 2 });
    expect(afterDelete[0]!.funnel.map((f) => f.users)).toEqual([2, 1, 1, 1]);
  });
});
