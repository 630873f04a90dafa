// Gathers a lead's facts from the database, scores them (score.ts) and stores the result, so the
// leads table can sort by score. Called when something that counts happens: a step with a signal,
// a lead submission, a country named; `rescoreAllLeads` refreshes the recency part for every lead.
import type { Kysely } from 'kysely';
import type { Database, LeadRow } from '../store/schema.js';
import { scoreLead, type LeadFacts, type LeadScore } from './score.js';

async function cheapestMinimum(db: Kysely<Database>, category: string | null): Promise<number | null> {
  const min = (q: 'in' | 'all') =>
    db
      .selectFrom('investment_programs')
      .select((eb) => eb.fn.min<number | null>('minimum_investment').as('m'))
      .$if(q === 'in', (qb) => qb.where('category', '=', category ?? ''))
      .executeTakeFirst();
  const inCategory = category === null ? null : (await min('in'))?.m;
  const value = inCategory ?? (await min('all'))?.m ?? null;
  return value === null ? null : Number(value);
}

export async function leadFacts(db: Kysely<Database>, lead: LeadRow): Promise<LeadFacts> {
  const events = await db
    .selectFrom('conversation_events')
    .select(['kind', 'value'])
    .where('phone', '=', lead.phone)
    .orderBy('id')
    .execute();
  const session = await db
    .selectFrom('whatsapp_sessions')
    .select(['last_activity', 'country_of_interest'])
    .where('phone', '=', lead.phone)
    .executeTakeFirst();
  const options = new Set(events.filter((e) => e.kind === 'option').map((e) => e.value));
  const categories = events.filter((e) => e.kind === 'category').map((e) => e.value);
  const lastBudget = events.filter((e) => e.kind === 'budget').at(-1)?.value;
  const budget = lead.budget ?? (lastBudget === undefined ? null : Number(lastBudget));
  const category = categories.at(-1) ?? null;
  return {
    budget: budget === null ? null : Number(budget),
    cheapestMinimum: await cheapestMinimum(db, category),
    categoryChosen: categories.length > 0,
    countryGiven: (lead.country_of_interest ?? session?.country_of_interest ?? null) !== null,
    optionsUsed: options.size,
    eligibilityChecked: lastBudget !== undefined,
    brochureAsked: options.has('6'),
    bookingAsked: options.has('5'),
    // A lead row exists only once the consultant form was completed.
    formCompleted: true,
    lastActivityAt: session?.last_activity == null ? null : Number(session.last_activity),
  };
}

export async function rescoreLead(db: Kysely<Database>, lead: LeadRow, now: number): Promise<LeadScore> {
  const result = scoreLead(await leadFacts(db, lead), now);
  await db
    .updateTable('whatsapp_leads')
    .set({ score: result.score, score_reasons: JSON.stringify(result.reasons), scored_at: now })
    .where('id', '=', lead.id)
    .execute();
  return result;
}

/** Rescoring for the users of a processed group that have a lead (one read when none has). */
export async function rescoreLeadsOf(db: Kysely<Database>, phones: readonly string[], now: number): Promise<void> {
  if (phones.length === 0) return;
  const leads = await db
    .selectFrom('whatsapp_leads')
    .selectAll()
    .where('phone', 'in', [...phones])
    .execute();
  for (const lead of leads) await rescoreLead(db, lead, now);
}

/** Every lead, in id order, a batch at a time; returns how many were scored. */
export async function rescoreAllLeads(db: Kysely<Database>, now: number, batchSize = 500): Promise<number> {
  let afterId = 0;
  let n = 0;
  for (;;) {
    const rows = await db
      .selectFrom('whatsapp_leads')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    for (const lead of rows) await rescoreLead(db, lead, now);
    n += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return n;
    afterId = Number(last.id);
  }
}
