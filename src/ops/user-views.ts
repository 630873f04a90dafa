// The shapes in which the CLI and the admin API show one person's rows.
import type { MessageRow, SessionRow } from '../store/schema.js';
import { languageLabel } from '../content/language-names.js';
import { iso, parseJsonText } from './require-phone.js';
import { graphErrorInWords } from '../whatsapp/graph-error-words.js';
import { describeMessageContext } from '../whatsapp/describe-message.js';

export interface SessionView {
  currentStep: string;
  isActive: boolean;
  optedOut: boolean;
  profileName: string | null;
  /** Business-scoped user id (2026) when known; with a phone key this is the pair Meta sent. */
  bsuid: string | null;
  username: string | null;
  countryOfInterest: string | null;
  /** The language the user talks to the bot in, as a tag ("ru") and as operators read it ("Russian (ru)"). */
  language: string | null;
  languageLabel: string | null;
  metadata: unknown;
  createdAt: string;
  lastActivity: string | null;
  lastInboundAt: string | null;
}

export function toSessionView(s: SessionRow): SessionView {
  return {
    currentStep: s.current_step,
    isActive: s.is_active === 1,
    optedOut: s.opted_out === 1,
    profileName: s.profile_name,
    bsuid: s.bsuid,
    username: s.username,
    countryOfInterest: s.country_of_interest,
    language: s.language,
    languageLabel: s.language === null ? null : languageLabel(s.language),
    metadata: parseJsonText(s.metadata),
    createdAt: iso(s.created_at)!,
    lastActivity: iso(s.last_activity),
    lastInboundAt: iso(s.last_inbound_at),
  };
}

export interface MessageView {
  id: number;
  direction: 'incoming' | 'outgoing';
  type: string;
  text: string;
  at: string;
  /** Inbound: received/processed/...; outbound: the delivery status (queued → sent → delivered → read, or failed). */
  status: string;
  wamid: string | null;
  error: string | null;
  /**
   * Inbound: what surrounds the message (the message it quotes, a forward, the product asked about,
   * the ad it came from), in words; null when none.
   */
  context: string | null;
  /** Outbound: the user's reaction to it (an emoji); null when none or removed. */
  reaction: string | null;
}

export function toMessageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    direction: m.direction,
    type: m.type,
    text: m.message,
    at: iso(m.timestamp)!,
    status: m.status,
    wamid: m.message_id,
    error: errorText(m),
    context: m.direction === 'incoming' ? contextOf(m.payload) : null,
    reaction: m.reaction ?? null,
  };
}

function contextOf(payload: string): string | null {
  const message = parseJsonText(payload);
  return typeof message === 'object' && message !== null && !Array.isArray(message)
    ? describeMessageContext(message as Record<string, unknown>)
    : null;
}

/** A failed send in words an operator understands, with Meta's code and its own title after them. */
function errorText(m: MessageRow): string | null {
  if (m.error_title === null && m.error_code === null) return null;
  const code = m.error_code === null ? null : Number(m.error_code);
  const words = graphErrorInWords(code, m.error_title);
  if (code === null) return words;
  return words === m.error_title ? `${code} ${words}` : `${code} ${words} (${m.error_title ?? 'no title'})`;
}
