// Meta's wire format, reduced to what the rest of the service needs.
import type { UserInput } from '../conversation/types.js';

/** One inbound user message found anywhere in a webhook payload. */
export interface InboundMessage {
  /** `messages[].id`, the idempotency key. */
  wamid: string;
  /** The key we use for the user: `wa_id`/`from` when present, else the business-scoped user id. */
  userKey: string;
  /** Phone-number wa_id when Meta sent one. */
  waId: string | null;
  /** Business-scoped user id (2026 BSUID rollout) when Meta sent one. */
  bsuid: string | null;
  /** `metadata.phone_number_id` of the business number that received it. */
  phoneNumberId: string | null;
  /** `contacts[].profile.name`, the name the user gave WhatsApp. */
  profileName: string | null;
  /** `contacts[].profile.username` (2026 usernames), when Meta sent one. */
  username: string | null;
  /** WhatsApp's own timestamp (seconds precision). */
  sentAt: Date;
  /** `messages[].type` as Meta sent it (text, interactive, image, ...). */
  type: string;
  /** The message reduced for the conversation. */
  input: UserInput;
  /** A short human-readable summary stored as the seed's `message` column. */
  summary: string;
  /** The message object exactly as received. */
  raw: unknown;
  /** The sibling `contacts[]` entry that names this user, as received (null when none did). */
  contact: unknown;
  /** ISO country code: the contact's `country_code`, else the BSUID's prefix (null when neither). */
  countryCode: string | null;
}

/**
 * What Meta reports beside messages and statuses, each stored and acted on: an asynchronous error
 * (`value.errors`), a template's review result, a user's marketing preference, and a message the
 * business sent from the WhatsApp Business app on the same number (coexistence echo).
 */
export type WebhookEvent =
  | { kind: 'error'; field: string; code: number | null; title: string | null; details: string | null; raw: unknown }
  | {
      kind: 'template_status';
      field: string;
      event: string | null;
      template: string | null;
      language: string | null;
      reason: string | null;
      raw: unknown;
    }
  | {
      kind: 'user_preference';
      field: string;
      /** wa_id when Meta sent one, else the BSUID. */
      userKey: string;
      bsuid: string | null;
      category: string | null;
      /** `stop` or `resume` as Meta sends it. */
      value: string;
      detail: string | null;
      at: Date;
      raw: unknown;
    }
  | {
      kind: 'echo';
      field: string;
      wamid: string;
      /** The user the business wrote to: `to` (wa_id), else `to_user_id` (BSUID). */
      userKey: string;
      waId: string | null;
      bsuid: string | null;
      type: string;
      summary: string;
      at: Date;
      raw: unknown;
    };

export type OutboundStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

/** One `statuses[]` entry. */
export interface StatusUpdate {
  wamid: string;
  status: string;
  /** `recipient_id` (a wa_id or group id), else `recipient_user_id`; `""` counts as absent. */
  recipientId: string | null;
  /** `recipient_user_id`: the BSUID of a username user (2026), when Meta sent one. */
  recipientBsuid: string | null;
  at: Date;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
  raw: unknown;
}

export interface ParsedWebhook {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** Errors, template status, user preferences and echoes: stored, logged, acted on. */
  events: WebhookEvent[];
  /** Change fields we do not act on and items set aside as malformed, kept for the log. */
  other: { field: string; raw: unknown }[];
}

/** The body POSTed to `/{PHONE_NUMBER_ID}/messages`. */
export type GraphMessageBody = Record<string, unknown> & { messaging_product: 'whatsapp' };

/** How the sender must react to one send attempt. */
export type SendOutcome =
  | { ok: true; wamid: string | null }
  | {
      ok: false;
      /**
       * message: this message failed for good; recipient: retry later, only this user waits;
       * throughput: Meta's rate limit (the shared send rate is cut); outage: Meta or the network
       * failed this call (retried on the message's own schedule, evidence for the circuit
       * breaker); token: credentials are bad, pause all sending.
       */
      scope: 'message' | 'recipient' | 'throughput' | 'outage' | 'token';
      retryable: boolean;
      code: number | null;
      title: string;
      /** From Retry-After or Meta's own advice, when known. */
      retryAfterMs: number | null;
      httpStatus: number | null;
    };
