// The dashboard's figures for a period, computed from the database (never from in-memory counters):
// the console, the admin API and the CLI show the same numbers. Delivery and timing: dashboard-delivery.ts.
import { sql, type Kysely } from 'kysely';
import { MENU_OPTIONS, optionLabel } from '../conversation/menus.js';
import { messagesFor } from '../messages.js';
import type { Database } from '../store/schema.js';
import { daysOf, DAY_MS, type Period } from './dashboard-period.js';
import { deliveryOutcomes, responseTimes, type DeliveryOutcomes, type ResponseTimeDay } from './dashboard-delivery.js';
import { iso } from './require-phone.js';

export interface FunnelStep {
  step: 'first_message' | 'chose_option' | 'started_form' | 'became_lead';
  users: number;
  /** Users of the step before who did not reach this one (0 for the first step). */
  dropOff: number;
  /** Percent of the step before who reached this one (100 for the first step; null when it had none). */
  conversionPct: number | null;
}

export interface Dashboard {
  period: { since: string; until: string };
  totals: { newUsers: number; activeConversations: number; messagesIn: number; messagesOut: number; leads: number };
  /** The users whose first message falls in the period, and how far they went (by now). */
  funnel: FunnelStep[];
  options: { option: number; label: string; uses: number; users: number }[];
  budgets: { bucket: string; minUsd: number; count: number }[];
  responseTimes: ResponseTimeDay[];
  delivery: DeliveryOutcomes;
  daily: { day: string; newUsers: number; leads: number }[];
}

/** Budget buckets by their lower bound in USD. */
export const BUDGET_BUCKETS = [
  { bucket: 'under $100k', minUsd: 0 },
  { bucket: '$100k–$250k', minUsd: 100_000 },
  { bucket: '$250k–$500k', minUsd: 250_000 },
  { bucket: '$500k–$1M', minUsd: 500_000 },
  { bucket: '$1M–$2M', minUsd: 1_000_000 },
  { bucket: '$2M and more', minUsd: 2_000_000 },
] as const;

const num = (v: unknown) => Number(v ?? 0);
const dayIndex = sql.lit(DAY_MS);

async function totals(db: Kysely<Database>, p: Period): Promise<Dashboard['totals']> {
  const users = await db
    .selectFrom('whatsapp_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until)
    .executeTakeFirstOrThrow();
  const messages = await db
    .selectFrom('whatsapp_messages')
    .select((eb) => [
      'direction',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('phone').distinct().as('users'),
    ])
    .where('timestamp', '>=', p.since)
    .where('timestamp', '<', p.until)
    .where('type', '<>', 'read')
    .groupBy('direction')
    .execute();
  const leads = await db
    .selectFrom('whatsapp_leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until)
    .executeTakeFirstOrThrow();
  const incoming = messages.find((m) => m.direction === 'incoming');
  return {
    newUsers: num(users.n),
    activeConversations: num(incoming?.users),
    messagesIn: num(incoming?.n),
    messagesOut: num(messages.find((m) => m.direction === 'outgoing')?.n),
    leads: num(leads.n),
  };
}

async function funnel(db: Kysely<Database>, p: Period): Promise<FunnelStep[]> {
  const cohort = db
    .selectFrom('whatsapp_sessions')
    .select('phone')
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until);
  const countCohort = (q: 'options' | 'form' | 'leads' | 'all') => {
    if (q === 'leads')
      return db
        .selectFrom('whatsapp_leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('phone', 'in', cohort)
        .executeTakeFirstOrThrow();
    if (q === 'all')
      return db
        .selectFrom('whatsapp_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('created_at', '>=', p.since)
        .where('created_at', '<', p.until)
        .executeTakeFirstOrThrow();
    return db
      .selectFrom('conversation_events')
      .select((eb) => eb.fn.count<number>('phone').distinct().as('n'))
      .where('kind', '=', 'option')
      .$if(q === 'form', (qb) => qb.where('value', '=', '3'))
      .where('phone', 'in', cohort)
      .executeTakeFirstOrThrow();
  };
  const counts = [
    num((await countCohort('all')).n),
    num((await countCohort('options')).n),
    num((await countCohort('form')).n),
    num((await countCohort('leads')).n),
  ];
  const names = ['first_message', 'chose_option', 'started_form', 'became_lead'] as const;
  return names.map((step, i) => {
    const before = i === 0 ? counts[0]! : counts[i - 1]!;
    const users = counts[i]!;
    return {
      step,
      users,
      dropOff: i === 0 ? 0 : Math.max(0, before - users),
      conversionPct: i === 0 ? 100 : before === 0 ? null : Math.round((1000 * users) / before) / 10,
    };
  });
}

async function options(db: Kysely<Database>, p: Period): Promise<Dashboard['options']> {
  const rows = await db
    .selectFrom('conversation_events')
    .select((eb) => ['value', eb.fn.countAll<number>().as('uses'), eb.fn.count<number>('phone').distinct().as('users')])
    .where('kind', '=', 'option')
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until)
    .groupBy('value')
    .execute();
  const english = messagesFor('en');
  return MENU_OPTIONS.map((n) => {
    const row = rows.find((r) => r.value === String(n));
    return { option: n, label: optionLabel(english, n), uses: num(row?.uses), users: num(row?.users) };
  });
}

async function budgets(db: Kysely<Database>, p: Period): Promise<Dashboard['budgets']> {
  const rows = await db
    .selectFrom('conversation_events')
    .select((eb) => ['value', eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'budget')
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until)
    .groupBy('value')
    .execute();
  const counts = BUDGET_BUCKETS.map(() => 0);
  for (const r of rows) {
    const usd = Number(r.value);
    let i = 0;
    BUDGET_BUCKETS.forEach((b, j) => {
      if (usd >= b.minUsd) i = j;
    });
    counts[i]! += num(r.n);
  }
  return BUDGET_BUCKETS.map((b, i) => ({ ...b, count: counts[i]! }));
}

async function daily(db: Kysely<Database>, p: Period): Promise<Dashboard['daily']> {
  const perDay = async (table: 'whatsapp_sessions' | 'whatsapp_leads') => {
    const rows = await db
      .selectFrom(table)
      .select((eb) => [sql<number>`created_at / ${dayIndex}`.as('d'), eb.fn.countAll<number>().as('n')])
      .where('created_at', '>=', p.since)
      .where('created_at', '<', p.until)
      .groupBy(sql`created_at / ${dayIndex}`)
      .execute();
    return new Map(rows.map((r) => [new Date(num(r.d) * DAY_MS).toISOString().slice(0, 10), num(r.n)]));
  };
  const users = await perDay('whatsapp_sessions');
  const leads = await perDay('whatsapp_leads');
  return daysOf(p).map((day) => ({ day, newUsers: users.get(day) ?? 0, leads: leads.get(day) ?? 0 }));
}

export async function getDashboard(db: Kysely<Database>, p: Period): Promise<Dashboard> {
  return {
    period: { since: iso(p.since)!, until: iso(p.until)! },
    totals: await totals(db, p),
    funnel: await funnel(db, p),
    options: await options(db, p),
    budgets: await budgets(db, p),
    responseTimes: await responseTimes(db, p),
    delivery: await deliveryOutcomes(db, p),
    daily: await daily(db, p),
  };
}
