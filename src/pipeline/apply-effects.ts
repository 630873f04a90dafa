import type { Kysely } from 'kysely';
import type { Effect } from '../conversation/types.js';
import { recordSubmission } from '../leads/lead-events.js';
import { findLead, upsertLead } from '../store/leads-repository.js';
import type { Database, MessageRow } from '../store/schema.js';
import { buildLeadEvent, queueLeadNotifications, type LeadNotifier } from './lead-notifications.js';

/** Performs the conversation's effects inside the processing transaction. */
export async function applyEffects(
  trx: Kysely<Database>,
  args: { phone: string; inbound: MessageRow; effects: Effect[]; now: number; notifier: LeadNotifier },
): Promise<void> {
  const { phone, inbound, now } = args;
  for (const effect of args.effects) {
    switch (effect.kind) {
      case 'save_lead': {
        const { row, created, before } = await upsertLead(trx, phone, effect.lead, now);
        // Every submission stays in the lead's history, with what it changed.
        await recordSubmission(trx, row, before, now);
        const eventId = `lead-${inbound.message_id ?? `row-${inbound.id}`}`;
        const event = await buildLeadEvent(trx, row, created, eventId, now);
        await queueLeadNotifications(trx, args.notifier, event, now);
        break;
      }
      case 'record_country': {
        await trx
          .updateTable('whatsapp_sessions')
          .set({ country_of_interest: effect.country, updated_at: now })
          .where('phone', '=', phone)
          .execute();
        if (await findLead(trx, phone)) {
          await trx
            .updateTable('whatsapp_leads')
            .set({ country_of_interest: effect.country, updated_at: now })
            .where('phone', '=', phone)
            .execute();
        }
        break;
      }
      case 'request_handoff':
        // Applied by the step itself (process-inbound.ts), which answers with when a consultant replies.
        break;
      case 'job_search': {
        // The lookup talks to CareerJet, so it runs outside this transaction, in the
        // notification worker, which queues the answer when it has one.
        await trx
          .insertInto('notifications')
          .values({
            kind: 'job_search',
            dedupe_key: `job_search:${inbound.message_id ?? `row-${inbound.id}`}`,
            phone,
            payload: JSON.stringify({ country: effect.country, keywords: effect.keywords, replyTo: inbound.id }),
            status: 'pending',
            next_attempt_at: now,
            locked_until: null,
            last_error: null,
            created_at: now,
            updated_at: now,
            sent_at: null,
          })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .execute();
        break;
      }
    }
  }
}
