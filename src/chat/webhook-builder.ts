// Webhook bodies shaped as Meta sends them (whatsapp-cloud-api.md §2) for one chatting user.
// Fake business ids; each message gets a fresh wamid, so the bot never drops one as a duplicate.
import { randomBytes } from 'node:crypto';
import type { Choice } from './render-reply.js';

export const CHAT_BUSINESS = { wabaId: '100000000000001', phoneNumberId: '200000000000002', display: '15550001111' };

export interface ChatUser {
  /** wa_id: digits only. */
  phone: string;
  name: string;
}

export type InboundMessage = { from: string; id: string; timestamp: string; type: string } & Record<string, unknown>;

export function newWamid(): string {
  return `wamid.CHAT_${Date.now().toString(36)}_${randomBytes(8).toString('hex')}`;
}

function base(user: ChatUser, type: string, nowMs: number): InboundMessage {
  return { from: user.phone, id: newWamid(), timestamp: String(Math.floor(nowMs / 1000)), type };
}

export function textMessage(user: ChatUser, body: string, nowMs = Date.now()): InboundMessage {
  return { ...base(user, 'text', nowMs), text: { body } };
}

/** What WhatsApp sends when the user taps a list row or a reply button. */
export function choiceMessage(user: ChatUser, choice: Choice, nowMs = Date.now()): InboundMessage {
  const reply =
    choice.kind === 'list_reply'
      ? { id: choice.id, title: choice.title, ...(choice.description ? { description: choice.description } : {}) }
      : { id: choice.id, title: choice.title };
  return { ...base(user, 'interactive', nowMs), interactive: { type: choice.kind, [choice.kind]: reply } };
}

export function imageMessage(user: ChatUser, caption?: string, nowMs = Date.now()): InboundMessage {
  const image = {
    id: String(300_000_000_000_000 + Math.floor(Math.random() * 1e9)),
    mime_type: 'image/jpeg',
    sha256: randomBytes(32).toString('base64'),
    ...(caption ? { caption } : {}),
  };
  return { ...base(user, 'image', nowMs), image };
}

export function locationMessage(user: ChatUser, nowMs = Date.now()): InboundMessage {
  return {
    ...base(user, 'location', nowMs),
    location: { latitude: 25.0805, longitude: 55.1403, name: 'Dubai Marina', address: 'Dubai, United Arab Emirates' },
  };
}

/** One notification carrying one message from `user`, with its contact card. */
export function webhookEnvelope(user: ChatUser, message: InboundMessage) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: CHAT_BUSINESS.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: CHAT_BUSINESS.display, phone_number_id: CHAT_BUSINESS.phoneNumberId },
              contacts: [{ profile: { name: user.name }, wa_id: user.phone }],
              messages: [message],
            },
          },
        ],
      },
    ],
  };
}
