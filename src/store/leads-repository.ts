import type { Kysely } from 'kysely';
import type { LeadDetails } from '../conversation/types.js';
import { oneLinePlainText } from '../lib/plain-text.js';
import type { Database, LeadRow } from './schema.js';

export function findLead(db: Kysely<Database>, phone: string): Promise<LeadRow | undefined> {
  return db.selectFrom('whatsapp_leads').selectAll().where('phone', '=', phone).executeTakeFirst();
}

/** Creates the lead for this phone or updates it; tells which happened and what the row was before. */
export async function upsertLead(
  trx: Kysely<Database>,
  phone: string,
  lead: LeadDetails,
  now: number,
): Promise<{ row: LeadRow; created: boolean; before: LeadRow | undefined }> {
  const existing = await findLead(trx, phone);
  const origin = existing?.source ? null : await leadOrigin(trx, phone);
  return { ...(await writeLead(trx, phone, lead, now, existing, origin)), before: existing };
}

export interface LeadOrigin {
  source: string;
  sourceId: string | null;
}

/** Where the user came from, as the session remembers it: the first ad's `ad <headline>`, else `direct`. */
async function leadOrigin(trx: Kysely<Database>, phone: string): Promise<LeadOrigin> {
  const s = await trx
    .selectFrom('whatsapp_sessions')
    .select(['source', 'referral'])
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (!s?.source) return { source: 'direct', sourceId: null };
  let sourceId: string | null = null;
  try {
    const id = (JSON.parse(s.referral ?? 'null') as { source_id?: unknown } | null)?.source_id;
    sourceId = typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 128) : null;
  } catch {
    sourceId = null; // the source text is still known
  }
  return { source: s.source, sourceId };
}

async function writeLead(
  trx: Kysely<Database>,
  phone: string,
  lead: LeadDetails,
  now: number,
  existing: LeadRow | undefined,
  origin: LeadOrigin | null,
): Promise<{ row: LeadRow; created: boolean }> {
  if (!existing) {
    const row = await trx
      .insertInto('whatsapp_leads')
      .values({
        phone,
        name: oneLinePlainText(lead.name),
        email: oneLinePlainText(lead.email),
        interest: lead.interest,
        budget: lead.budget ?? null,
        country_of_interest: lead.countryOfInterest ?? null,
        created_at: now,
        updated_at: now,
        notes: null,
        source: origin?.source ?? 'direct',
        source_id: origin?.sourceId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, created: true };
  }
  const row = await trx
    .updateTable('whatsapp_leads')
    .set({
      name: oneLinePlainText(lead.name),
      email: oneLinePlainText(lead.email),
      interest: lead.interest,
      budget: lead.budget ?? existing.budget,
      country_of_interest: lead.countryOfInterest ?? existing.country_of_interest,
      ...(origin ? { source: origin.source, source_id: origin.sourceId } : {}),
      updated_at: now,
    })
    .where('id', '=', existing.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, created: false };
}
