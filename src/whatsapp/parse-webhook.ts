// The POST /webhook body → every message, status and error in it. Strict on the envelope,
// lenient inside: one bad item is set aside in `other`, never fails the whole batch.
import { z } from 'zod';
import type { ParsedWebhook } from './types.js';
import { type MessageContext, parseContacts, parseInboundMessage } from './parse-inbound-message.js';
import { parseEcho, parseErrorEvent, parseTemplateStatus, parseUserPreference } from './parse-events.js';
import { parseStatus } from './parse-status.js';
import { describeIssues, lenientText } from './webhook-fields.js';

export type ParseWebhookResult = { ok: true; value: ParsedWebhook } | { ok: false; error: string };

const envelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account').optional(),
  entry: z.array(z.unknown()),
});
const entrySchema = z.looseObject({ changes: z.array(z.unknown()) });
const changeSchema = z.looseObject({ field: z.string().min(1), value: z.unknown().optional() });
const messagesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: lenientText }).optional().catch(undefined),
  contacts: z.unknown().optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

/** `now` bounds the timestamps: an item dated more than a day ahead is set aside. */
export function parseWebhook(body: unknown, now: number = Date.now()): ParseWebhookResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'webhook body must be a JSON object' };
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, error: `not a WhatsApp webhook: ${describeIssues(envelope.error)}` };
  const out: ParsedWebhook = { messages: [], statuses: [], events: [], other: [] };
  for (const entry of envelope.data.entry) {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      out.other.push(invalid('invalid_entry', entry, describeIssues(parsed.error)));
      continue;
    }
    for (const change of parsed.data.changes) collectChange(change, out, now);
  }
  return { ok: true, value: out };
}

function collectChange(change: unknown, out: ParsedWebhook, now: number): void {
  const parsed = changeSchema.safeParse(change);
  if (!parsed.success) {
    out.other.push(invalid('invalid_change', change, describeIssues(parsed.error)));
    return;
  }
  const field = parsed.data.field;
  if (field === 'message_template_status_update') {
    out.events.push(parseTemplateStatus(parsed.data.value, field));
    return;
  }
  if (field === 'user_preferences' || field === 'smb_message_echoes') {
    collectItems(field, parsed.data.value, out, now);
    return;
  }
  if (field !== 'messages') {
    // account_update, phone_number_quality_update, calls...: acknowledged, not acted on.
    out.other.push({ field, raw: parsed.data.value });
    return;
  }
  const value = messagesValueSchema.safeParse(parsed.data.value);
  if (!value.success) {
    out.other.push(invalid('invalid_change', change, describeIssues(value.error)));
    return;
  }
  const { metadata, contacts, messages = [], statuses = [], errors = [] } = value.data;
  const context: MessageContext = {
    phoneNumberId: metadata?.phone_number_id ?? null,
    contacts: parseContacts(contacts),
  };
  for (const item of messages) {
    const message = parseInboundMessage(item, context, now);
    if (message.ok) out.messages.push(message.value);
    else out.other.push(invalid('invalid_message', item, message.error));
  }
  for (const item of statuses) {
    const status = parseStatus(item, now);
    if (status.ok) out.statuses.push(status.value);
    else out.other.push(invalid('invalid_status', item, status.error));
  }
  for (const item of errors) out.events.push(parseErrorEvent(item, 'messages'));
}

const itemsValueSchema = z.looseObject({
  user_preferences: z.array(z.unknown()).optional().catch(undefined),
  message_echoes: z.array(z.unknown()).optional().catch(undefined),
  errors: z.array(z.unknown()).optional().catch(undefined),
});

/** `user_preferences[]` and `message_echoes[]` (smb_message_echoes), item by item. */
function collectItems(field: string, raw: unknown, out: ParsedWebhook, now: number): void {
  const value = itemsValueSchema.safeParse(raw);
  if (!value.success) {
    out.other.push(invalid('invalid_change', raw, describeIssues(value.error)));
    return;
  }
  const items = (field === 'user_preferences' ? value.data.user_preferences : value.data.message_echoes) ?? [];
  for (const item of items) {
    const event = field === 'user_preferences' ? parseUserPreference(item, field, now) : parseEcho(item, field, now);
    if (event.ok) out.events.push(event.value);
    else out.other.push(invalid(`invalid_${field}`, item, event.error));
  }
  for (const item of value.data.errors ?? []) out.events.push(parseErrorEvent(item, field));
}

/** Skipped items keep the reason next to the original JSON so the log explains itself. */
function invalid(field: string, item: unknown, reason: string): ParsedWebhook['other'][number] {
  return { field, raw: { reason, item } };
}
