import { sql, type Kysely } from 'kysely';
import type { LeadEvent } from '../notify/types.js';
import type { Database, LeadRow } from '../store/schema.js';

/** Which channels a lead event goes to; decided once from the configuration. */
export interface LeadNotifier {
  /** Admin e-mail recipients; empty = no e-mail notification at all. */
  adminEmails: string[];
  /** False without SMTP_URL: the e-mail is recorded as `skipped` so it can be seen (and retried later). */
  emailEnabled: boolean;
  webhookEnabled: boolean;
  /** Told about every e-mail recorded as `skipped`, so a missing SMTP_URL shows in the logs too. */
  log?: { info(obj: object, msg: string): void };
}

/** Enough for the lead's own answers and what led to them (the e-mail shows up to 10). */
const RECENT_MESSAGES = 10;

/** The versioned lead event, snapshotted inside the lead's transaction (so it never changes after). */
export async function buildLeadEvent(
  trx: Kysely<Database>,
  lead: LeadRow,
  created: boolean,
  eventId: string,
  now: number,
): Promise<LeadEvent> {
  // Conversation order, not insertion order: a batch of the user's messages is stored before any
  // answer to them, so by id alone the last rows would all be the bot's. A reply sorts right
  // after the message it answers (reply_to), the message itself first.
  const recent = await trx
    .selectFrom('whatsapp_messages')
    .select(['direction', 'message', 'timestamp'])
    .where('phone', '=', lead.phone)
    .where('type', '<>', 'read')
    .orderBy(sql`coalesce(reply_to, id)`, 'desc')
    .orderBy(sql`case when direction = 'incoming' then 1 else 0 end`)
    .orderBy('id', 'desc')
    .limit(RECENT_MESSAGES)
    .execute();
  const session = await trx
    .selectFrom('whatsapp_sessions')
    .select('language')
    .where('phone', '=', lead.phone)
    .executeTakeFirst();
  return {
    version: 1,
    event: created ? 'lead.created' : 'lead.updated',
    eventId,
    occurredAt: new Date(now).toISOString(),
    lead: {
      phone: lead.phone,
      name: lead.name,
      email: lead.email,
      interest: lead.interest,
      budgetUsd: lead.budget,
      countryOfInterest: lead.country_of_interest,
      language: session?.language ?? null,
      source: lead.source ?? null,
      createdAt: new Date(lead.created_at).toISOString(),
      updatedAt: new Date(lead.updated_at).toISOString(),
    },
    recentMessages: recent.reverse().map((m) => ({
      direction: m.direction,
      text: Array.from(m.message).slice(0, 500).join(''), // code points: never half an emoji
      at: new Date(m.timestamp).toISOString(),
    })),
  };
}

/**
 * Queues the lead's notifications in the lead's own transaction. The dedupe key is derived from the
 * event id (itself derived from the inbound wamid), so the same lead event can never be queued twice.
 */
export async function queueLeadNotifications(
  trx: Kysely<Database>,
  notifier: LeadNotifier,
  event: LeadEvent,
  now: number,
): Promise<void> {
  const rows = [];
  if (notifier.adminEmails.length > 0) {
    rows.push({
      kind: 'lead_email',
      dedupe_key: `lead_email:${event.eventId}`,
      status: notifier.emailEnabled ? ('pending' as const) : ('skipped' as const),
      last_error: notifier.emailEnabled ? null : 'SMTP_URL is not set',
    });
  }
  if (notifier.webhookEnabled) {
    rows.push({
      kind: 'lead_webhook',
      dedupe_key: `lead_webhook:${event.eventId}`,
      status: 'pending' as const,
      last_error: null,
    });
  }
  if (rows.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      rows.map((r) => ({
        ...r,
        phone: event.lead.phone,
        payload: JSON.stringify(event),
        next_attempt_at: now,
        locked_until: null,
        created_at: now,
        updated_at: now,
        sent_at: null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
  // Logged inside the transaction: should it roll back, the message is redone with it, so the
  // line may repeat but is never missing.
  if (notifier.adminEmails.length > 0 && !notifier.emailEnabled) {
    notifier.log?.info(
      { eventId: event.eventId, event: event.event },
      'lead e-mail recorded as skipped: SMTP_URL is not set',
    );
  }
}
