// The shapes in which the CLI and the admin API show one person's rows.
import type { MessageRow, SessionRow } from '../store/schema.js';
import { iso, parseJsonText } from './require-phone.js';

export interface SessionView {
  currentStep: string;
  isActive: boolean;
  optedOut: boolean;
  profileName: string | null;
  /** Business-scoped user id (2026) when known; with a phone key this is the pair Meta sent. */
  bsuid: string | null;
  username: string | null;
  countryOfInterest: string | null;
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
    error: m.error_title === null ? null : `${m.error_code ?? ''} ${m.error_title}`.trim(),
  };
}
