// The message figures of the dashboard, one UTC day at a time: counts in and out, reply-time
// percentiles, delivery outcomes, error codes and the day's active users. Closed days are read from
// the `dashboard_days` roll-up (written by the roll-up job); today and any day the roll-up lacks are
// computed from the messages with the very same queries, so both paths give the same figures.
import { sql, type Kysely } from 'kysely';
import type { DashboardDaysTable, Database } from '../store/schema.js';
import { DAY_MS, type Period } from './dashboard-period.js';
import { staleCohortDays, storeCohorts } from './dashboard-cohorts.js';

export interface ErrorCount {
  code: number | null;
  title: string | null;
  n: number;
}

export interface DayFigures {
  /** Days since 1970-01-01 UTC. */
  day: number;
  messagesIn: number;
  messagesOut: number;
  /** Inbound messages of the day with a reply accepted by Meta, and the nearest-rank p50/p95 of the wait. */
  answered: number;
  p50Ms: number | null;
  p95Ms: number | null;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
  errors: ErrorCount[];
  /**
   * The day's active users (an inbound message that day) by the day each was last active before
   * (null: never). Users active on any day of [a, b) = the sum over its days of the entries whose
   * previous day is null or before a: each user is counted on their first active day in the range.
   */
  active: [number | null, number][];
  /** Menu options chosen that day: [option, uses, users by the day each last chose it before]. */
  options: [string, number, [number | null, number][]][];
  /** Budgets typed that day: [value in USD as text, count]. */
  budgets: [string, number][];
}

const DAY = sql.lit(DAY_MS);
const num = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const emptyDay = (day: number): DayFigures => ({
  day,
  messagesIn: 0,
  messagesOut: 0,
  answered: 0,
  p50Ms: null,
  p95Ms: null,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  pending: 0,
  errors: [],
  active: [],
  options: [],
  budgets: [],
});

/** The figures of the days [fromDay, toDay) computed from the messages (five grouped queries). */
export async function computeDays(db: Kysely<Database>, fromDay: number, toDay: number): Promise<DayFigures[]> {
  const since = fromDay * DAY_MS;
  const until = toDay * DAY_MS;
  const out = new Map<number, DayFigures>();
  const at = (d: unknown) => {
    const day = num(d);
    let f = out.get(day);
    if (!f) out.set(day, (f = emptyDay(day)));
    return f;
  };
  const counts = await db
    .selectFrom('whatsapp_messages')
    .select((eb) => [
      sql<number>`"timestamp" / ${DAY}`.as('day'),
      'direction',
      'status',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('timestamp', '>=', since)
    .where('timestamp', '<', until)
    .where('type', '<>', 'read')
    .groupBy([sql`"timestamp" / ${DAY}`, 'direction', 'status'])
    .execute();
  for (const r of counts) {
    const f = at(r.day);
    const n = num(r.n);
    if (r.direction === 'incoming') {
      f.messagesIn += n;
      continue;
    }
    f.messagesOut += n;
    if (r.status === 'sent') f.sent += n;
    else if (r.status === 'delivered') f.delivered += n;
    else if (r.status === 'read') f.read += n;
    else if (r.status === 'failed') f.failed += n;
    else if (r.status === 'queued' || r.status === 'sending') f.pending += n;
  }
  const errors = await db
    .selectFrom('whatsapp_messages')
    .select((eb) => [
      sql<number>`"timestamp" / ${DAY}`.as('day'),
      'error_code',
      eb.fn.max('error_title').as('title'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('direction', '=', 'outgoing')
    .where('type', '<>', 'read')
    .where('timestamp', '>=', since)
    .where('timestamp', '<', until)
    .where('status', '=', 'failed')
    .groupBy([sql`"timestamp" / ${DAY}`, 'error_code'])
    .execute();
  for (const e of errors) at(e.day).errors.push({ code: numOrNull(e.error_code), title: e.title ?? null, n: num(e.n) });

  // Reply time: inbound stored → its first reply accepted by Meta; nearest-rank percentiles per day in
  // SQL (row_number over the day's waits), so no message rows travel to JavaScript.
  const waits = sql`select i."timestamp" / ${DAY} as day,
      case when min(o.sent_at) < i.created_at then 0 else min(o.sent_at) - i.created_at end as ms
    from whatsapp_messages i join whatsapp_messages o on o.reply_to = i.id
    where i.direction = 'incoming' and i."timestamp" >= ${since} and i."timestamp" < ${until}
      and o.sent_at is not null and o.type <> 'read'
    group by i.id, i."timestamp", i.created_at`;
  const pct = await sql<{ day: number; n: number; p50: number | null; p95: number | null }>`
    select day, max(n) as n,
      min(case when rn = (50 * n + 99) / 100 then ms end) as p50,
      min(case when rn = (95 * n + 99) / 100 then ms end) as p95
    from (select day, ms, row_number() over (partition by day order by ms) as rn,
            count(*) over (partition by day) as n from (${waits}) w) ranked
    group by day`.execute(db);
  for (const r of pct.rows) {
    const f = at(r.day);
    f.answered = num(r.n);
    f.p50Ms = numOrNull(r.p50);
    f.p95Ms = numOrNull(r.p95);
  }

  // Each (day, user) with an inbound message, and the day that user last wrote before it. The
  // lookup must go through the user's own messages (phone index): `|| ''` and `+ 0` keep SQLite,
  // which has no statistics, from ranging over every inbound message before the day instead.
  const active = await sql<{ day: number; prev: number | null; n: number }>`
    select day, prev, count(*) as n from (
      select d.day, (select max(m."timestamp") from whatsapp_messages m
                     where m.phone = d.phone and m.direction || '' = 'incoming' and m.type <> 'read'
                       and m."timestamp" + 0 < d.day * ${DAY}) / ${DAY} as prev
      from (select distinct "timestamp" / ${DAY} as day, phone from whatsapp_messages
            where direction = 'incoming' and type <> 'read' and "timestamp" >= ${since} and "timestamp" < ${until}) d
    ) a group by day, prev`.execute(db);
  for (const r of active.rows) at(r.day).active.push([numOrNull(r.prev), num(r.n)]);

  // What users did (conversation_events are written "now", so a closed day's never change): option
  // uses and users (with the same previous-day rule, per option), and the budgets typed.
  const uses = await db
    .selectFrom('conversation_events')
    .select((eb) => [sql<number>`created_at / ${DAY}`.as('day'), 'value', eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'option')
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .groupBy([sql`created_at / ${DAY}`, 'value'])
    .execute();
  for (const r of uses) at(r.day).options.push([r.value, num(r.n), []]);
  const chose = await sql<{ day: number; value: string; prev: number | null; n: number }>`
    select day, value, prev, count(*) as n from (
      select d.day, d.value, (select max(e.created_at) from conversation_events e
                              where e.phone = d.phone and e.kind || '' = 'option' and e.value = d.value
                                and e.created_at + 0 < d.day * ${DAY}) / ${DAY} as prev
      from (select distinct created_at / ${DAY} as day, value, phone from conversation_events
            where kind = 'option' and created_at >= ${since} and created_at < ${until}) d
    ) a group by day, value, prev`.execute(db);
  for (const r of chose.rows)
    at(r.day)
      .options.find((o) => o[0] === r.value)?.[2]
      .push([numOrNull(r.prev), num(r.n)]);
  const budgets = await db
    .selectFrom('conversation_events')
    .select((eb) => [sql<number>`created_at / ${DAY}`.as('day'), 'value', eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'budget')
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .groupBy([sql`created_at / ${DAY}`, 'value'])
    .execute();
  for (const r of budgets) at(r.day).budgets.push([r.value, num(r.n)]);

  const days: DayFigures[] = [];
  for (let d = fromDay; d < toDay; d++) days.push(out.get(d) ?? emptyDay(d));
  return days;
}

const toRow = (f: DayFigures, now: number) => ({
  day: f.day,
  messages_in: f.messagesIn,
  messages_out: f.messagesOut,
  answered: f.answered,
  p50_ms: f.p50Ms,
  p95_ms: f.p95Ms,
  sent: f.sent,
  delivered: f.delivered,
  read_n: f.read,
  failed: f.failed,
  pending: f.pending,
  errors: JSON.stringify(f.errors),
  active: JSON.stringify(f.active),
  options: JSON.stringify(f.options),
  budgets: JSON.stringify(f.budgets),
  computed_at: now,
});

/** Computes the closed days [fromDay, toDay) and stores them, replacing what was there (idempotent). */
export async function storeDays(db: Kysely<Database>, fromDay: number, toDay: number, now: number): Promise<number> {
  const today = Math.floor(now / DAY_MS);
  const end = Math.min(toDay, today);
  if (end <= fromDay) return 0;
  const days = await computeDays(db, fromDay, end);
  await db
    .insertInto('dashboard_days')
    .values(days.map((f) => toRow(f, now)))
    .onConflict((oc) =>
      oc.column('day').doUpdateSet((eb) => ({
        messages_in: eb.ref('excluded.messages_in'),
        messages_out: eb.ref('excluded.messages_out'),
        answered: eb.ref('excluded.answered'),
        p50_ms: eb.ref('excluded.p50_ms'),
        p95_ms: eb.ref('excluded.p95_ms'),
        sent: eb.ref('excluded.sent'),
        delivered: eb.ref('excluded.delivered'),
        read_n: eb.ref('excluded.read_n'),
        failed: eb.ref('excluded.failed'),
        pending: eb.ref('excluded.pending'),
        errors: eb.ref('excluded.errors'),
        active: eb.ref('excluded.active'),
        options: eb.ref('excluded.options'),
        budgets: eb.ref('excluded.budgets'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
  return days.length;
}

export interface RollUpOptions {
  /** Closed days recomputed on every run, however recently stored (late statuses, late webhooks). */
  recentDays: number;
  /** How far back missing days are filled. */
  horizonDays: number;
}

export const ROLLUP_DEFAULTS: RollUpOptions = { recentDays: 3, horizonDays: 400 };

/**
 * One run of the roll-up: recomputes the last `recentDays` closed days and fills every missing closed
 * day of the last `horizonDays`, one day per statement set (each a short read on SQLite); for the
 * cohorts, also recomputes the stored days a later option event or lead made stale, and marks the
 * others as checked now. Returns the days written.
 */
export async function rollUpDays(
  db: Kysely<Database>,
  now: number,
  o: RollUpOptions = ROLLUP_DEFAULTS,
): Promise<{ days: number; cohorts: number }> {
  const today = Math.floor(now / DAY_MS);
  const first = today - o.horizonDays;
  const recent = today - o.recentDays;
  const have = await db
    .selectFrom('dashboard_days')
    .select('day')
    .where('day', '>=', first)
    .where('day', '<', recent)
    .execute();
  const stored = new Set(have.map((r) => Number(r.day)));
  let days = 0;
  for (let d = first; d < today; d++) if (d >= recent || !stored.has(d)) days += await storeDays(db, d, d + 1, now);

  const haveCohorts = await db
    .selectFrom('dashboard_cohorts')
    .select('day')
    .where('day', '>=', first)
    .where('day', '<', recent)
    .execute();
  const storedCohorts = new Set(haveCohorts.map((r) => Number(r.day)));
  const stale = await staleCohortDays(db, first, recent);
  let cohorts = 0;
  for (let d = first; d < today; d++)
    if (d >= recent || !storedCohorts.has(d) || stale.has(d)) cohorts += await storeCohorts(db, d, d + 1, now);
  // Checked against everything that arrived up to `now`: the next check only reads what comes after.
  await db
    .updateTable('dashboard_cohorts')
    .set({ computed_at: now })
    .where('day', '>=', first)
    .where('day', '<', today)
    .where('computed_at', '<', now)
    .execute();
  return { days, cohorts };
}

function fromRow(r: Omit<DashboardDaysTable, 'computed_at'>): DayFigures {
  return {
    day: num(r.day),
    messagesIn: num(r.messages_in),
    messagesOut: num(r.messages_out),
    answered: num(r.answered),
    p50Ms: numOrNull(r.p50_ms),
    p95Ms: numOrNull(r.p95_ms),
    sent: num(r.sent),
    delivered: num(r.delivered),
    read: num(r.read_n),
    failed: num(r.failed),
    pending: num(r.pending),
    errors: JSON.parse(r.errors) as ErrorCount[],
    active: JSON.parse(r.active) as DayFigures['active'],
    options: JSON.parse(r.options) as DayFigures['options'],
    budgets: JSON.parse(r.budgets) as DayFigures['budgets'],
  };
}

/**
 * The figures of every day of the period: stored closed days from the roll-up, the rest (today, and
 * days the job has not written) computed from the messages, a run of consecutive days at a time.
 */
export async function periodDays(db: Kysely<Database>, p: Period): Promise<DayFigures[]> {
  const from = Math.floor(p.since / DAY_MS);
  const to = Math.ceil(p.until / DAY_MS);
  const rows = await db
    .selectFrom('dashboard_days')
    .select([
      'day',
      'messages_in',
      'messages_out',
      'answered',
      'p50_ms',
      'p95_ms',
      'sent',
      'delivered',
      'read_n',
      'failed',
      'pending',
      'errors',
      'active',
      'options',
      'budgets',
    ])
    .where('day', '>=', from)
    .where('day', '<', to)
    .execute();
  const stored = new Map(rows.map((r) => [Number(r.day), fromRow(r)]));
  const out: DayFigures[] = [];
  let d = from;
  while (d < to) {
    const hit = stored.get(d);
    if (hit) {
      out.push(hit);
      d++;
      continue;
    }
    let end = d + 1;
    while (end < to && !stored.has(end)) end++;
    out.push(...(await computeDays(db, d, end)));
    d = end;
  }
  return out;
}

/**
 * Distinct users over consecutive days (the period's, from its first), from each day's users by the
 * day each was last seen before: a user counts on their first day in the range only.
 */
export function distinctOver(days: readonly { day: number; byPrev: [number | null, number][] }[]): number {
  const first = days[0]?.day;
  if (first === undefined) return 0;
  let n = 0;
  for (const f of days) for (const [prev, users] of f.byPrev) if (prev === null || prev < first) n += users;
  return n;
}

/** Users with an inbound message on any day of `days`. */
export const activeUsers = (days: readonly DayFigures[]) =>
  distinctOver(days.map((f) => ({ day: f.day, byPrev: f.active })));
