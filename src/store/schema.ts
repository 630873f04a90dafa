// Table types for Kysely. Times are epoch milliseconds (bigint) on both databases; booleans are 0/1
// integers; JSON is stored as text. One schema, no dialect-only types (see ARCHITECTURE.md).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type InboundState = 'received' | 'processed' | 'expired' | 'failed';
export type OutboundState = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'sandbox';

export interface MessagesTable {
  id: Generated<number>;
  /** The user key: wa_id, or the business-scoped user id when Meta sent no phone. */
  phone: string;
  /** Human-readable text: the body, the choice title, or a short `[image]`-style summary. */
  message: string;
  direction: 'incoming' | 'outgoing';
  /** WhatsApp's timestamp for inbound messages; creation time for outbound ones. */
  timestamp: number;
  /** wamid: unique, so a redelivered webhook is stored once. Null until the send call returns. */
  message_id: string | null;
  status: InboundState | OutboundState;
  /** text, interactive, image... for inbound; text, interactive, document or `read` (mark-read) for outbound. */
  type: string;
  /** Inbound: the message object as received. Outbound: the Graph API request body. */
  payload: string;
  attempts: Generated<number>;
  next_attempt_at: number | null;
  /** Lease of the worker that is sending this row; an expired lease means the worker died. */
  locked_until: number | null;
  error_code: number | null;
  error_title: string | null;
  /** Outbound: the inbound message row this answers. */
  reply_to: number | null;
  created_at: number;
  updated_at: number;
  processed_at: number | null;
  sent_at: number | null;
  /** Outbound written by a person: the operator's id (migration 008); null for the bot. */
  operator?: string | null;
}

export interface StatusesTable {
  id: Generated<number>;
  message_id: string;
  status: string;
  timestamp: number;
  recipient_id: string | null;
  error_code: number | null;
  error_title: string | null;
  payload: string;
  created_at: number;
}

export interface SessionsTable {
  id: Generated<number>;
  phone: string;
  current_step: string;
  /** JSON text: the conversation's SessionData. */
  metadata: string;
  created_at: number;
  updated_at: number;
  last_activity: number | null;
  is_active: number;
  /** Business-scoped user id (2026); with `phone` a wa_id, this row is the pair that joins both identities. */
  bsuid: string | null;
  profile_name: string | null;
  /** `contacts[].profile.username` (2026 usernames). */
  username: string | null;
  last_inbound_at: number | null;
  country_of_interest: string | null;
  opted_out: number;
}

export interface LeadsTable {
  id: Generated<number>;
  phone: string;
  name: string | null;
  email: string | null;
  interest: string | null;
  budget: number | null;
  country_of_interest: string | null;
  created_at: number;
  updated_at: number;
  notes: string | null;
  status: Generated<LeadStatus>;
  /** An operator's id; null while nobody is assigned. */
  assignee_id: string | null;
  /** 0-100, see src/leads/score.ts; stored so the leads table can sort by it. */
  score: Generated<number>;
  /** JSON text: ScoreReason[]. */
  score_reasons: Generated<string>;
  scored_at: number | null;
}

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export type LeadEventKind = 'submitted' | 'status' | 'assigned' | 'note';

export interface LeadEventsTable {
  id: Generated<number>;
  lead_id: number;
  kind: LeadEventKind;
  /** 'bot' for a submission on WhatsApp, else the operator's id. */
  actor: string;
  /** JSON text, shaped by kind (see src/leads/lead-events.ts). */
  details: string;
  created_at: number;
}

export type ConversationEventKind = 'option' | 'category' | 'budget';

/** What a user did in the conversation, for the dashboard and the lead score. */
export interface ConversationEventsTable {
  id: Generated<number>;
  phone: string;
  kind: ConversationEventKind;
  value: string;
  created_at: number;
}

export interface ProgramsTable {
  id: Generated<number>;
  country: string;
  category: string;
  name: string;
  description: string;
  minimum_investment: number;
  processing_time: string;
  link: string;
  rank: number;
  created_at: number;
  updated_at: number;
}

export type NotificationState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface NotificationsTable {
  id: Generated<number>;
  /** lead_email, lead_webhook, admin_alert, job_search */
  kind: string;
  /** Unique: the same lead event can never be queued twice. */
  dedupe_key: string;
  phone: string | null;
  payload: string;
  status: NotificationState;
  attempts: Generated<number>;
  next_attempt_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface ServiceStateTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  action: string;
  actor: string;
  details: string;
  created_at: number;
}

export type OperatorRole = 'admin' | 'consultant' | 'viewer';

export interface OperatorsTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: OperatorRole;
  /** argon2id, PHC string. */
  password_hash: string;
  disabled: number;
  created_at: number;
  last_login_at: number | null;
}

export interface ConsoleSessionsTable {
  /** SHA-256 (hex) of the cookie's random id. */
  id_hash: string;
  operator_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: number;
}

/** Conversation ownership (issue 15); no row means the bot owns the conversation. */
export interface HandoffsTable {
  phone: string;
  owner: 'bot' | 'human';
  operator: string | null;
  status: 'open' | 'pending' | 'resolved';
  requested_at: number | null;
  claimed_at: number | null;
  last_operator_reply_at: number | null;
  updated_at: number;
}

/** Every change of a conversation's owner or status: who, when, from which state to which. */
export interface HandoffEventsTable {
  id: Generated<number>;
  phone: string;
  actor: string;
  event: string;
  from_state: string;
  to_state: string;
  created_at: number;
}

export interface Database {
  whatsapp_messages: MessagesTable;
  whatsapp_statuses: StatusesTable;
  whatsapp_sessions: SessionsTable;
  whatsapp_leads: LeadsTable;
  investment_programs: ProgramsTable;
  notifications: NotificationsTable;
  service_state: ServiceStateTable;
  audit_log: AuditLogTable;
  console_operators: OperatorsTable;
  console_sessions: ConsoleSessionsTable;
  console_login_failures: LoginFailuresTable;
  conversation_handoffs: HandoffsTable;
  handoff_events: HandoffEventsTable;
  lead_events: LeadEventsTable;
  conversation_events: ConversationEventsTable;
}

export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type NewStatus = Insertable<StatusesTable>;
export type MessageUpdate = Updateable<MessagesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type LeadRow = Selectable<LeadsTable>;
export type ProgramRow = Selectable<ProgramsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type OperatorRow = Selectable<OperatorsTable>;
export type LeadEventRow = Selectable<LeadEventsTable>;
