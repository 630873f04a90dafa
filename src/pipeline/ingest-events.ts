// Stores what Meta reports beside messages and statuses, inside the webhook's own transaction:
// errors and template reviews as events, marketing preferences on the user, and a message the
// business wrote from the WhatsApp Business app as an outbound message written by a person — which
// hands the conversation to a human exactly like a reply from the console.
import type { Kysely } from 'kysely';
import { applyHandoffEvent } from '../handoff/handoff-store.js';
import { boundedJson } from '../lib/bounded-json.js';
import { storableText } from '../lib/storable-text.js';
import type { Database } from '../store/schema.js';
import type { WebhookEvent } from '../whatsapp/types.js';

/** Who wrote an echo: a person on the WhatsApp Business app, not one of our operators. */
export const BUSINESS_APP_OPERATOR = 'whatsapp-business-app';

type Keyed = (e: { userKey: string; waId?: string | null; bsuid: string | null }) => string;

export async function storeWebhookEvents(
  trx: Kysely<Database>,
  events: readonly WebhookEvent[],
  keyOf: Keyed,
  now: number,
): Promise<void> {
  for (const e of events) {
    switch (e.kind) {
      case 'error':
        await insertEvent(
          trx,
          e,
          null,
          e.code,
          `${e.code ?? '?'} ${e.title ?? ''}${e.details ? `: ${e.details}` : ''}`,
          now,
        );
        break;
      case 'template_status':
        await insertEvent(
          trx,
          e,
          null,
          null,
          `${e.template ?? '?'} (${e.language ?? '?'}) ${e.event ?? '?'}${e.reason && e.reason !== 'NONE' ? `: ${e.reason}` : ''}`,
          now,
        );
        break;
      case 'user_preference': {
        const phone = keyOf(e);
        await insertEvent(trx, e, phone, null, `${e.category ?? 'marketing_messages'} ${e.value}`, now);
        if (e.category === null || e.category === 'marketing_messages')
          await recordMarketingPreference(trx, phone, e, now);
        break;
      }
      case 'echo':
        await recordEcho(trx, keyOf(e), e, now);
        break;
    }
  }
}

/** Each set-aside item in full (the reason and the original JSON), kind `invalid`, for an operator to replay. */
export async function storeSetAside(
  trx: Kysely<Database>,
  items: readonly { field: string; raw: unknown }[],
  now: number,
): Promise<void> {
  for (const item of items) {
    const reason = (item.raw as { reason?: unknown } | null)?.reason;
    await trx
      .insertInto('webhook_events')
      .values({
        field: storableText(item.field).slice(0, 64),
        kind: 'invalid',
        phone: null,
        code: null,
        summary: Array.from(storableText(typeof reason === 'string' ? reason : 'malformed'))
          .slice(0, 400)
          .join(''),
        payload: boundedJson(item.raw),
        created_at: now,
      })
      .execute();
  }
}

async function insertEvent(
  trx: Kysely<Database>,
  e: WebhookEvent,
  phone: string | null,
  code: number | null,
  summary: string,
  now: number,
): Promise<void> {
  await trx
    .insertInto('webhook_events')
    .values({
      field: storableText(e.field).slice(0, 64),
      kind: e.kind,
      phone,
      code,
      summary: Array.from(storableText(summary)).slice(0, 400).join(''),
      payload: boundedJson(e.raw),
      created_at: now,
    })
    .execute();
}

/** Latest by Meta's timestamp: a redelivered or late webhook never undoes a newer choice. */
async function recordMarketingPreference(
  trx: Kysely<Database>,
  phone: string,
  e: Extract<WebhookEvent, { kind: 'user_preference' }>,
  now: number,
): Promise<void> {
  const stopped = e.value === 'stop' ? 1 : e.value === 'resume' ? 0 : null;
  if (stopped === null) return;
  const changedAt = e.at.getTime();
  const detail = e.detail === null ? null : storableText(e.detail).slice(0, 255);
  await trx
    .insertInto('marketing_preferences')
    .values({ phone, marketing_stopped: stopped, detail, changed_at: changedAt, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('phone')
        .doUpdateSet({ marketing_stopped: stopped, detail, changed_at: changedAt, updated_at: now })
        .where('marketing_preferences.changed_at', '<=', changedAt),
    )
    .execute();
  if (stopped === 1) await cancelQueuedMarketing(trx, phone, changedAt, now);
}

/**
 * The marketing templates still queued for a user who stopped marketing messages are cancelled, as
 * a typed STOP cancels every queued reply. Only when this stop is the user's latest choice (a late
 * stop after a newer resume changes nothing); utility templates and replies still go.
 */
async function cancelQueuedMarketing(trx: Kysely<Database>, phone: string, changedAt: number, now: number) {
  const latest = await trx
    .selectFrom('marketing_preferences')
    .select(['marketing_stopped', 'changed_at'])
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (latest?.marketing_stopped !== 1 || Number(latest.changed_at) !== changedAt) return;
  await trx
    .updateTable('whatsapp_messages')
    .set({
      status: 'failed',
      error_title: 'cancelled: the user stopped marketing messages',
      locked_until: null,
      updated_at: now,
    })
    .where('phone', '=', phone)
    .where('direction', '=', 'outgoing')
    .where('status', '=', 'queued')
    .where('template_category', '=', 'MARKETING')
    .execute();
}

/** The echo joins the user's history as a message the business sent; a person has spoken. */
async function recordEcho(
  trx: Kysely<Database>,
  phone: string,
  e: Extract<WebhookEvent, { kind: 'echo' }>,
  now: number,
): Promise<void> {
  const stored = await trx
    .insertInto('whatsapp_messages')
    .values({
      phone: storableText(phone),
      message: storableText(e.summary),
      direction: 'outgoing',
      timestamp: e.at.getTime(),
      message_id: storableText(e.wamid),
      status: 'sent',
      type: storableText(e.type).slice(0, 32),
      payload: boundedJson(e.raw),
      next_attempt_at: null,
      locked_until: null,
      error_code: null,
      error_title: null,
      reply_to: null,
      created_at: now,
      updated_at: now,
      processed_at: null,
      sent_at: e.at.getTime(),
      operator: BUSINESS_APP_OPERATOR,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  // A redelivered echo was handled the first time.
  if (stored === undefined) return;
  await applyHandoffEvent(
    trx,
    phone,
    { kind: 'human_spoke', operator: BUSINESS_APP_OPERATOR },
    BUSINESS_APP_OPERATOR,
    now,
  );
}
