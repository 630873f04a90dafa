import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, LeadRow } from '../store/schema.js';
import { iso } from './require-phone.js';

export interface LeadFilter {
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** Exact match, case-insensitive. */
  interest?: string;
  /** Exact match: `ad <headline>` or `direct` (leads older than the column count as direct). */
  source?: string;
}

export interface LeadView {
  id: number;
  phone: string;
  name: string | null;
  email: string | null;
  interest: string | null;
  budget: number | null;
  countryOfInterest: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  /** Where the lead came from: `ad <headline>` (a Click-to-WhatsApp ad) or `direct`. */
  source: string;
  /** The ad's id (`referral.source_id`) when it came from one. */
  sourceId: string | null;
}

export const LEAD_FIELDS = [
  'id',
  'phone',
  'name',
  'email',
  'interest',
  'budget',
  'countryOfInterest',
  'notes',
  'createdAt',
  'updatedAt',
  'source',
  'sourceId',
] as const;

export function toLeadView(r: LeadRow): LeadView {
  return {
    id: r.id,
    phone: r.phone,
    name: r.name,
    email: r.email,
    interest: r.interest,
    budget: r.budget,
    countryOfInterest: r.country_of_interest,
    notes: r.notes,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    source: r.source ?? 'direct',
    sourceId: r.source_id ?? null,
  };
}

/** A lead's source is `source`; `direct` also matches leads stored before the column existed (null). */
export function sourceIs(source: string) {
  return (eb: ExpressionBuilder<Database, 'whatsapp_leads'>) =>
    eb(sql<string>`coalesce(${sql.ref('source')}, 'direct')`, '=', source);
}

function filtered<O>(qb: SelectQueryBuilder<Database, 'whatsapp_leads', O>, f: LeadFilter) {
  let q = qb;
  if (f.since !== undefined) q = q.where('created_at', '>=', f.since);
  if (f.until !== undefined) q = q.where('created_at', '<', f.until);
  if (f.interest) q = q.where((eb) => eb(eb.fn('lower', ['interest']), '=', f.interest!.toLowerCase()));
  if (f.source) q = q.where(sourceIs(f.source));
  return q;
}

/** One page of leads, newest first, with the total that matches the filter. */
export async function listLeads(
  db: Kysely<Database>,
  args: LeadFilter & { limit: number; offset: number },
): Promise<{ total: number; limit: number; offset: number; leads: LeadView[] }> {
  const rows = await filtered(db.selectFrom('whatsapp_leads').selectAll(), args)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(args.limit)
    .offset(args.offset)
    .execute();
  const count = await filtered(
    db.selectFrom('whatsapp_leads').select((eb) => eb.fn.countAll<number>().as('n')),
    args,
  ).executeTakeFirstOrThrow();
  return { total: Number(count.n), limit: args.limit, offset: args.offset, leads: rows.map(toLeadView) };
}

/**
 * Every matching lead, oldest first, read in batches by id so an export of any size holds one batch
 * in memory (the CSV streams of the CLI and the API read from here).
 */
export async function* iterateLeads(db: Kysely<Database>, f: LeadFilter, batchSize = 500): AsyncGenerator<LeadView> {
  let afterId = 0;
  for (;;) {
    const rows = await filtered(db.selectFrom('whatsapp_leads').selectAll(), f)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    for (const r of rows) yield toLeadView(r);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    afterId = last.id;
  }
}
