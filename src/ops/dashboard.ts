// The dashboard's figures for a period, computed from the database (never from in-memory counters):
// the console, the admin API and the CLI show the same numbers. Delivery and timing: dashboard-delivery.ts.
import { sql, type Kysely } from 'kysely';
import { MENU_OPTIONS, optionLabel } from '../conversation/menus.js';
import { messagesFor } from '../messages.js';
import type { Database } from '../store/schema.js';
import { DAY_MS, type Period } from './dashboard-period.js';
import { deliveryOutcomes, responseTimes, type DeliveryOutcomes, type ResponseTimeDay } from './dashboard-delivery.js';
import { activeUsers, distinctOver, periodDays, type DayFigures } from './dashboard-days.js';
import { periodCohorts, type CohortDay } from './dashboard-cohorts.js';
import { iso } from './require-phone.js';
import { leadSources, type LeadSource } from './dashboard-sources.js';

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
  /** Leads created in the period per source (`ad <headline>` or `direct`) and ad id. */
  sources: LeadSource[];
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

async function totals(
  db: Kysely<Database>,
  p: Period,
  days: DayFigures[],
  cohorts: CohortDay[],
): Promise<Dashboard['totals']> {
  const leads = await db
    .selectFrom('whatsapp_leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until)
    .executeTakeFirstOrThrow();
  return {
    newUsers: cohorts.reduce((a, c) => a + c.users, 0),
    activeConversations: activeUsers(days),
    messagesIn: days.reduce((a, f) => a + f.messagesIn, 0),
    messagesOut: days.reduce((a, f) => a + f.messagesOut, 0),
    leads: num(leads.n),
  };
}

/** The users whose first message falls in the period, and how far they went (by now). */
function funnel(cohorts: CohortDay[]): FunnelStep[] {
  const sum = (pick: (c: CohortDay) => number) => cohorts.reduce((a, c) => a + pick(c), 0);
  const counts = [sum((c) => c.users), sum((c) => c.chose), sum((c) => c.form), sum((c) => c.leads)];
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

function options(days: DayFigures[]): Dashboard['options'] {
  const english = messagesFor('en');
  return MENU_OPTIONS.map((n) => {
    const perDay = days.map((f) => ({ day: f.day, o: f.options.find((x) => x[0] === String(n)) }));
    return {
      option: n,
      label: optionLabel(english, n),
      uses: perDay.reduce((a, x) => a + (x.o?.[1] ?? 0), 0),
      users: distinctOver(perDay.map((x) => ({ day: x.day, byPrev: x.o?.[2] ?? [] }))),
    };
  });
}

function budgets(days: DayFigures[]): Dashboard['budgets'] {
  const rows = days.flatMap((f) => f.budgets.map(([value, n]) => ({ value, n })));
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

async function daily(db: Kysely<Database>, p: Period, cohorts: CohortDay[]): Promise<Dashboard['daily']> {
  const rows = await db
    .selectFrom('whatsapp_leads')
    .select((eb) => [sql<number>`created_at / ${dayIndex}`.as('d'), eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until)
    .groupBy(sql`created_at / ${dayIndex}`)
    .execute();
  const leads = new Map(rows.map((r) => [num(r.d), num(r.n)]));
  return cohorts.map((c) => ({
    day: new Date(c.day * DAY_MS).toISOString().slice(0, 10),
    newUsers: c.users,
    leads: leads.get(c.day) ?? 0,
  }));
}

export async function getDashboard(db: Kysely<Database>, p: Period): Promise<Dashboard> {
  // The message figures, a day at a time: from the daily roll-up where it has the day, else from the messages.
  const days = await periodDays(db, p);
  const cohorts = await periodCohorts(db, p);
  return {
    period: { since: iso(p.since)!, until: iso(p.until)! },
    totals: await totals(db, p, days, cohorts),
    funnel: funnel(cohorts),
    options: options(days),
    budgets: budgets(days),
    responseTimes: responseTimes(days),
    delivery: deliveryOutcomes(days),
    daily: await daily(db, p, cohorts),
    sources: await leadSources(db, p),
  };
}
