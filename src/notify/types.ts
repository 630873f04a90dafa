// The contract between the notification queue (which stores, schedules and records) and the
// delivery functions in this folder (which try once and say what happened). See README.md here.

/**
 * A lead event: the versioned payload of both the admin e-mail and the CRM webhook body.
 * Adding optional fields keeps `version: 1`; renaming, removing or retyping a field bumps it.
 */
export interface LeadEvent {
  version: 1;
  event: 'lead.created' | 'lead.updated';
  /** Idempotency key, stable per lead event: every retry of the same event carries the same id. */
  eventId: string;
  /** ISO 8601. */
  occurredAt: string;
  lead: {
    /** E.164 digits as WhatsApp gives them, e.g. "971501234567". */
    phone: string;
    name: string | null;
    email: string | null;
    interest: string | null;
    /** Whole US dollars. */
    budgetUsd: number | null;
    countryOfInterest: string | null;
    /** The language the client talks to the bot in (BCP 47, e.g. "ru", "pt-BR"); null when not known yet. */
    language?: string | null;
    /** Where the lead came from: `ad <headline>` for a Click-to-WhatsApp ad, else `direct`. */
    source?: string | null;
    /** ISO 8601. */
    createdAt: string;
    /** ISO 8601. */
    updatedAt: string;
  };
  /** Oldest first. */
  recentMessages: { direction: 'incoming' | 'outgoing'; text: string; at: string }[];
}

/** What one delivery attempt came to. Delivery functions return this; they do not throw for it. */
export type DeliveryOutcome =
  /**
   * Accepted by the other side; `detail` is its answer (SMTP response line, HTTP status).
   * `recorded`: the handler already marked its row sent, in the transaction that did the work.
   */
  | { status: 'sent'; detail: string; recorded?: true }
  /** Transient: try again later, not before `retryAfterMs` when the other side said so. */
  | { status: 'retry'; error: string; retryAfterMs?: number }
  /** Permanent: trying again will not help (rejected address, 4xx from the CRM, bad config). */
  | { status: 'failed'; error: string };
