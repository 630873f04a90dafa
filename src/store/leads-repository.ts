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
  return { ...(await writeLead(trx, phone, lead, now, existing)), before: existing };
}

async function writeLead(
  trx: Kysely<Database>,
  phone: string,
  lead: LeadDetails,
  now: number,
  existing: LeadRow | undefined,
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
      updated_at: now,
    })
    .where('id', '=', existing.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, created: false };
}
