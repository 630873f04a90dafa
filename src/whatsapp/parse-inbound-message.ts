// One `value.messages[]` item → InboundMessage, or a reason to skip it.
import { z } from 'zod';
import type { InboundMessage } from './types.js';
import { toUserInput } from './to-user-input.js';
import {
  type ItemResult,
  bsuidField,
  describeIssues,
  epochSeconds,
  futureTimestampError,
  lenientText,
  waIdField,
} from './webhook-fields.js';

const messageSchema = z.looseObject({
  // Bounded like the columns that store them: an overlong id is not Meta's and is set aside.
  id: z.string().min(1).max(128),
  // Either may be absent or "" (a username user); one of them must identify the user.
  from: waIdField,
  from_user_id: bsuidField,
  timestamp: epochSeconds,
  type: z.string().min(1),
});

/** A contact's identity of the wrong shape only loses that field: the message's own fields decide. */
const contactSchema = z.looseObject({
  wa_id: waIdField.catch(undefined),
  user_id: bsuidField.catch(undefined),
  profile: z.looseObject({ name: lenientText, username: lenientText }).optional().catch(undefined),
  country_code: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
});

export type WebhookContact = z.infer<typeof contactSchema> & { raw: unknown };

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
    if (parsed.success) contacts.push({ ...parsed.data, raw: item });
  }
  return contacts;
}

export function parseInboundMessage(raw: unknown, context: MessageContext, now: number): ItemResult<InboundMessage> {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const message = parsed.data;
  const future = futureTimestampError(message.timestamp, now);
  if (future !== null) return { ok: false, error: future };
  const contact = context.contacts.find(
    (c) =>
      (message.from !== undefined && c.wa_id === message.from) ||
      (message.from_user_id !== undefined && c.user_id === message.from_user_id),
  );
  // With usernames (2026) `from` may be omitted; the BSUID then identifies the user.
  const waId = message.from ?? contact?.wa_id ?? null;
  const bsuid = message.from_user_id ?? contact?.user_id ?? null;
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
      username: nonEmpty(contact?.profile?.username),
      sentAt: message.timestamp,
      type: message.type,
      input: reduced.value.input,
      summary: reduced.value.summary,
      raw,
      contact: contact?.raw ?? null,
      // A BSUID starts with the user's ISO country code (`US.1349…`).
      countryCode: contact?.country_code ?? bsuid?.slice(0, 2) ?? null,
    },
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}
