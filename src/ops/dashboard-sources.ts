// Which campaigns bring leads: leads created in the period per source ("ad <headline>", "direct")
// and ad id, most leads first. Leads older than the source column count as "direct".
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Period } from './dashboard-period.js';

export interface LeadSource {
  source: string;
  /** The ad's id (`referral.source_id`) when the leads came from a Click-to-WhatsApp ad. */
  adId: string | null;
  leads: number;
}

export async function leadSources(db: Kysely<Database>, p: Period): Promise<LeadSource[]> {
  const source = sql<string>`coalesce(source, 'direct')`;
  const rows = await db
    .selectFrom('whatsapp_leads')
    .select((eb) => [source.as('source'), 'source_id', eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', p.since)
    .where('created_at', '<', p.until)
    .groupBy([source, 'source_id'])
    .execute();
  return rows
    .map((r) => ({ source: r.source, adId: r.source_id ?? null, leads: Number(r.n) }))
    .sort((a, b) => b.leads - a.leads || a.source.localeCompare(b.source));
}
