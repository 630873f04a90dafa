// The items Meta sends beside messages and statuses → WebhookEvent, or a reason to set one aside.
// Lenient like the message parser: a field of the wrong shape loses that field, not the event.
import { z } from 'zod';
import type { WebhookEvent } from './types.js';
import { describeMessageContent } from './describe-message.js';
import {
  type ItemResult,
  bsuidField,
  describeIssues,
  epochSeconds,
  futureTimestampError,
  lenientText,
  waIdField,
} from './webhook-fields.js';

const errorSchema = z.looseObject({
  code: z.number().int().optional().catch(undefined),
  title: lenientText,
  message: lenientText,
  error_data: z.looseObject({ details: lenientText }).optional().catch(undefined),
});

/** `value.errors[]` (system, app or account level, e.g. 130429 reported asynchronously). */
export function parseErrorEvent(raw: unknown, field: string): WebhookEvent {
  const parsed = errorSchema.safeParse(raw);
  const e = parsed.success ? parsed.data : undefined;
  return {
    kind: 'error',
    field,
    code: e?.code ?? null,
    title: e?.title ?? e?.message ?? null,
    details: e?.error_data?.details ?? null,
    raw,
  };
}

const text = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);
const templateSchema = z.looseObject({
  event: text,
  message_template_name: text,
  message_template_language: text,
  reason: text,
});

/** `message_template_status_update`: APPROVED, REJECTED (with a reason), PAUSED, DISABLED… */
export function parseTemplateStatus(value: unknown, field: string): WebhookEvent {
  const parsed = templateSchema.safeParse(value);
  const t = parsed.success ? parsed.data : undefined;
  return {
    kind: 'template_status',
    field,
    event: t?.event ?? null,
    template: t?.message_template_name ?? null,
    language: t?.message_template_language ?? null,
    reason: t?.reason ?? null,
    raw: value,
  };
}

// Built once, like the message parsers; the clock check runs after parsing.
const preferenceSchema = z.looseObject({
  wa_id: waIdField,
  user_id: bsuidField,
  category: lenientText,
  value: z.string().min(1).max(32),
  detail: lenientText,
  timestamp: epochSeconds,
});

/** One `value.user_preferences[]` item: a user stopped or resumed marketing messages. */
export function parseUserPreference(raw: unknown, field: string, now: number): ItemResult<WebhookEvent> {
  const parsed = preferenceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const p = parsed.data;
  const future = futureTimestampError(p.timestamp, now);
  if (future !== null) return { ok: false, error: future };
  const userKey = p.wa_id ?? p.user_id;
  if (userKey === undefined) return { ok: false, error: 'user preference has neither wa_id nor user_id' };
  return {
    ok: true,
    value: {
      kind: 'user_preference',
      field,
      userKey,
      bsuid: p.user_id ?? null,
      category: p.category ?? null,
      value: p.value.toLowerCase(),
      detail: p.detail ?? null,
      at: p.timestamp,
      raw,
    },
  };
}

const echoSchema = z.looseObject({
  id: z.string().min(1).max(128),
  to: waIdField,
  to_user_id: bsuidField,
  timestamp: epochSeconds,
  type: z.string().min(1).max(32),
});

/** One `value.message_echoes[]` item (`smb_message_echoes`): the business wrote from the WhatsApp Business app. */
export function parseEcho(raw: unknown, field: string, now: number): ItemResult<WebhookEvent> {
  const parsed = echoSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const e = parsed.data;
  const future = futureTimestampError(e.timestamp, now);
  if (future !== null) return { ok: false, error: future };
  const userKey = e.to ?? e.to_user_id;
  if (userKey === undefined) return { ok: false, error: 'echo has neither to nor to_user_id' };
  const body = (e['text'] as { body?: unknown } | undefined)?.body;
  return {
    ok: true,
    value: {
      kind: 'echo',
      field,
      wamid: e.id,
      userKey,
      waId: e.to ?? null,
      bsuid: e.to_user_id ?? null,
      type: e.type,
      summary: e.type === 'text' && typeof body === 'string' ? body : describeMessageContent(e),
      at: e.timestamp,
      raw,
    },
  };
}
