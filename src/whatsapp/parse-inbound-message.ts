// One `value.messages[]` item → InboundMessage, or a reason to skip it.
import { z } from 'zod';
import type { InboundMessage } from './types.js';
import { toUserInput } from './to-user-input.js';
import { type ItemResult, describeIssues, epochSecondsSchema, lenientText, optionalText } from './webhook-fields.js';

const messageSchema = z.looseObject({
  // Bounded like the columns that store them: an overlong id is not Meta's and is set aside.
  id: z.string().min(1).max(128),
  from: optionalText.pipe(z.string().max(64).optional()),
  from_user_id: optionalText.pipe(z.string().max(64).optional()),
  timestamp: epochSecondsSchema,
  type: z.string().min(1),
});

const contactSchema = z.looseObject({
  wa_id: lenientText,
  user_id: lenientText,
  profile: z.looseObject({ name: lenientText }).optional().catch(undefined),
});

export type WebhookContact = z.infer<typeof contactSchema>;

/** What the sibling fields of `value` tell us about every message in it. */
export interface MessageContext {
  phoneNumberId: string | null;
  contacts: WebhookContact[];
}

/** Keeps the well-formed `value.contacts[]` entries; a bad one only loses its profile name. */
export function parseContacts(raw: unknown): WebhookContact[] {
  if (!Array.isArray(raw)) return [];
  const contacts: WebhookContact[] = [];
  for (const item of raw) {
    const parsed = contactSchema.safeParse(item);
    if (parsed.success) contacts.push(parsed.data);
  }
  return contacts;
}

export function parseInboundMessage(raw: unknown, context: MessageContext): ItemResult<InboundMessage> {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const message = parsed.data;
  const contact = context.contacts.find(
    (c) =>
      (message.from !== undefined && c.wa_id === message.from) ||
      (message.from_user_id !== undefined && c.user_id === message.from_user_id),
  );
  // With usernames (2026) `from` may be omitted; the BSUID then identifies the user.
  const waId = message.from ?? nonEmpty(contact?.wa_id);
  const bsuid = message.from_user_id ?? nonEmpty(contact?.user_id);
  const userKey = waId ?? bsuid;
  if (userKey === null) return { ok: false, error: 'message has neither from nor from_user_id' };
  const reduced = toUserInput(message);
  if (!reduced.ok) return reduced;
  return {
    ok: true,
    value: {
      wamid: message.id,
      userKey,
      waId,
      bsuid,
      phoneNumberId: context.phoneNumberId,
      profileName: nonEmpty(contact?.profile?.name),
      sentAt: message.timestamp,
      type: message.type,
      input: reduced.value.input,
      summary: reduced.value.summary,
      raw,
    },
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}
