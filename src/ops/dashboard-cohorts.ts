// The dashboard's funnel and new users, one cohort day at a time: the users whose first message fell
// on that UTC day, and how many of them have (by now) chosen an option, started the consultant form
// and become a lead (each step counting the users of the next). Closed days are read from the `dashboard_cohorts` roll-up; a stored day is used
// only while no option event or lead of one of its users has arrived since it was computed (checked
// with one small query over what arrived since), else it is computed again from the tables.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { DAY_MS, type Period } from './dashboard-period.js';

export interface CohortDay {
  /** Days since 1970-01-01 UTC. */
  day: number;
  users: number;
  chose: number;
  form: number;
  leads: number;
}

const DAY = sql.lit(DAY_MS);
/** A write committed this long after its own clock reading is still seen as new (longer than any transaction). */
export const COMMIT_MARGIN_MS = 5 * 60_000;
const num = (v: unknown) => Number(v ?? 0);

/** The cohorts of the days [fromDay, toDay), computed from sessions, option events and leads. */
export async function computeCohorts(db: Kysely<Database>, fromDay: number, toDay: number): Promise<CohortDay[]> {
  // The cohort's users first, then their option events and leads through the per-user indexes
  // (phone), grouped once per user (`|| ''` keeps SQLite, which has no statistics, off the kind index
  // and its every option event of all time). Not `exists (…)` per user in the select list:
  // PostgreSQL turns that into hashed sub-plans that read every option event and lead of all time
  // (124 ms for a day's 2,250 users at 100,000 users, bench/README "Issue 14"); this reads only the
  // cohort's rows (23 ms; SQLite 23 → 12 ms). A user has at most one lead (unique phone). Each step
  // includes the next: a lead has filled in a form and engaged, even one made through a WhatsApp
  // Flow that never chose menu option 3, so the funnel never shows more leads than form starts.
  const r = await sql<{ day: number; users: number; chose: number; form: number; leads: number }>`
    with c as (select phone, created_at / ${DAY} as day from whatsapp_sessions
               where created_at >= ${fromDay * DAY_MS} and created_at < ${toDay * DAY_MS})
    select c.day, count(*) as users,
           count(case when o.phone is not null or l.phone is not null then 1 end) as chose,
           count(case when o.form = 1 or l.phone is not null then 1 end) as form,
           count(l.phone) as leads
    from c
    left join (select e.phone, max(case when e.value = '3' then 1 else 0 end) as form
               from conversation_events e
               where e.kind || '' = 'option' and e.phone in (select phone from c)
               group by e.phone) o on o.phone = c.phone
    left join whatsapp_leads l on l.phone = c.phone
    group by c.day`.execute(db);
  const byDay = new Map(r.rows.map((x) => [num(x.day), x]));
  const out: CohortDay[] = [];
  for (let d = fromDay; d < toDay; d++) {
    const x = byDay.get(d);
    out.push({ day: d, users: num(x?.users), chose: num(x?.chose), form: num(x?.form), leads: num(x?.leads) });
  }
  return out;
}

/**
 * The cohort days in [fromDay, toDay) with an option event or a lead created at or after `since`:
 * the ones a roll-up computed before `since` no longer describes. Reads only what arrived since.
 */
export async function changedCohorts(
  db: Kysely<Database>,
  fromDay: number,
  toDay: number,
  since: number,
): Promise<Map<number, number>> {
  const r = await sql<{ day: number; at: number }>`
    select day, max(at) as at from (
      select s.created_at / ${DAY} as day, e.created_at as at
      from conversation_events e join whatsapp_sessions s on s.phone = e.phone
      where e.kind = 'option' and e.created_at >= ${since}
        and s.created_at >= ${fromDay * DAY_MS} and s.created_at < ${toDay * DAY_MS}
      union all
      select s.created_at / ${DAY} as day, l.created_at as at
      from whatsapp_leads l join whatsapp_sessions s on s.phone = l.phone
      where l.created_at >= ${since}
        and s.created_at >= ${fromDay * DAY_MS} and s.created_at < ${toDay * DAY_MS}
    ) changed group by day`.execute(db);
  return new Map(r.rows.map((x) => [num(x.day), num(x.at)]));
}

/** Stores the cohorts of the closed days [fromDay, toDay) (idempotent upsert). */
export async function storeCohorts(db: Kysely<Database>, fromDay: number, toDay: number, now: number): Promise<number> {
  const end = Math.min(toDay, Math.floor(now / DAY_MS));
  if (end <= fromDay) return 0;
  const days = await computeCohorts(db, fromDay, end);
  await db
    .insertInto('dashboard_cohorts')
    .values(days.map((c) => ({ ...c, computed_at: now })))
    .onConflict((oc) =>
      oc.column('day').doUpdateSet((eb) => ({
        users: eb.ref('excluded.users'),
        chose: eb.ref('excluded.chose'),
        form: eb.ref('excluded.form'),
        leads: eb.ref('excluded.leads'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
  return days.length;
}

async function storedCohorts(db: Kysely<Database>, fromDay: number, toDay: number) {
  const rows = await db
    .selectFrom('dashboard_cohorts')
    .selectAll()
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .execute();
  return rows.map((r) => ({
    day: num(r.day),
    users: num(r.users),
    chose: num(r.chose),
    form: num(r.form),
    leads: num(r.leads),
    computedAt: num(r.computed_at),
  }));
}

/** Stored cohort days a later option event or lead has made stale. */
export async function staleCohortDays(db: Kysely<Database>, fromDay: number, toDay: number): Promise<Set<number>> {
  const stored = await storedCohorts(db, fromDay, toDay);
  return staleOf(db, stored, fromDay, toDay);
}

async function staleOf(
  db: Kysely<Database>,
  stored: { day: number; computedAt: number }[],
  fromDay: number,
  toDay: number,
): Promise<Set<number>> {
  if (stored.length === 0) return new Set();
  const oldest = Math.min(...stored.map((c) => c.computedAt));
  const changed = await changedCohorts(db, fromDay, toDay, oldest - COMMIT_MARGIN_MS);
  const stale = new Set<number>();
  for (const c of stored) {
    const at = changed.get(c.day);
    if (at !== undefined && at >= c.computedAt - COMMIT_MARGIN_MS) stale.add(c.day);
  }
  return stale;
}

/** Every cohort day of the period: stored where still current, the rest computed (consecutive runs at once). */
export async function periodCohorts(db: Kysely<Database>, p: Period): Promise<CohortDay[]> {
  const from = Math.floor(p.since / DAY_MS);
  const to = Math.ceil(p.until / DAY_MS);
  const stored = await storedCohorts(db, from, to);
  const stale = await staleOf(db, stored, from, to);
  const usable = new Map(stored.filter((c) => !stale.has(c.day)).map((c) => [c.day, c]));
  const out: CohortDay[] = [];
  let d = from;
  while (d < to) {
    const hit = usable.get(d);
    if (hit) {
      out.push({ day: hit.day, users: hit.users, chose: hit.chose, form: hit.form, leads: hit.leads });
      d++;
      continue;
    }
    let end = d + 1;
    while (end < to && !usable.has(end)) end++;
    out.push(...(await computeCohorts(db, d, end)));
    d = end;
  }
  return out;
}
