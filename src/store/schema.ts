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
  /** Outbound: the user's reaction to it (migration 009); null when none or removed. */
  reaction?: string | null;
  /** When the user last reacted or removed their reaction. */
  reacted_at?: number | null;
  /** Outbound template: its category as Meta lists it (migration 021); a user_preferences stop cancels MARKETING ones still queued. */
  template_category?: string | null;
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
  /** The user's language, a tag of i18n/languages.ts; null until detected or chosen (migration 007). */
  language: string | null;
  /** ISO country code (migration 009): Meta's `country_code`, else the BSUID's prefix. */
  country_code?: string | null;
  /** Where the user came from: `ad <headline>` for a Click-to-WhatsApp ad (first touch). */
  source?: string | null;
  /** JSON text: the `referral` object of the first message that carried one. */
  referral?: string | null;
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
  /** Where the lead came from (migration 009): `ad <headline>`, else `direct`. */
  source?: string | null;
  /** The ad's `source_id` when it came from one. */
  source_id?: string | null;
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
  /** JSON text: the program's texts in other languages (migration 011); null when it has none. */
  translations: string | null;
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

/** A file a message carried (migration 061): its bytes are under MEDIA_DIR as `storage_key`. */
export interface MediaFilesTable {
  id: Generated<number>;
  /** The whatsapp_messages row; unique: one file per message. */
  message_row_id: number;
  phone: string;
  direction: 'incoming' | 'outgoing';
  /** image, document, audio, video, sticker */
  kind: string;
  /** Meta's media id (inbound: from the webhook; outbound: from the upload). */
  media_id: string | null;
  mime_type: string | null;
  /** The client's own file name (documents), else null. */
  filename: string | null;
  /** The random name under MEDIA_DIR; null until stored, and again once the file is deleted. */
  storage_key: string | null;
  size: number | null;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string | null;
  /** stored, refused (too large, corrupt, unknown to Meta), skipped (sandbox), deleted (retention) */
  status: MediaStatus;
  problem: string | null;
  /** Outbound: who sent it. */
  operator: string | null;
  created_at: number;
  updated_at: number;
}

export type MediaStatus = 'stored' | 'refused' | 'skipped' | 'deleted';

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
  /** When the owning operator last looked at the conversation (migration 013). */
  seen_at?: number | null;
  /** When a person last handed it back to the bot: resolve or timeout (migration 051). */
  handed_back_at?: number | null;
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

/** `user_preferences` webhooks: marketing messages stopped (1) or resumed (0), latest by Meta's time. */
export interface MarketingPreferencesTable {
  phone: string;
  marketing_stopped: number;
  detail: string | null;
  changed_at: number;
  updated_at: number;
}

/** `value.errors`, template status updates and other notices Meta sends beside messages. */
export interface WebhookEventsTable {
  id: Generated<number>;
  /** The change's `field`: messages (for errors), message_template_status_update, user_preferences… */
  field: string;
  /** error, template_status, user_preference, echo, other */
  kind: string;
  phone: string | null;
  code: number | null;
  summary: string;
  payload: string;
  created_at: number;
}

/** The dashboard's daily roll-up of messages (migration 041; ops/dashboard-days.ts). */
export interface DashboardDaysTable {
  day: number;
  messages_in: number;
  messages_out: number;
  answered: number;
  p50_ms: number | null;
  p95_ms: number | null;
  sent: number;
  delivered: number;
  read_n: number;
  failed: number;
  pending: number;
  errors: string;
  active: string;
  options: string;
  budgets: string;
  computed_at: number;
}

/** The funnel by cohort day (migration 041; ops/dashboard-cohorts.ts). */
export interface DashboardCohortsTable {
  day: number;
  users: number;
  chose: number;
  form: number;
  leads: number;
  computed_at: number;
}

/** Canned replies an admin keeps for consultants (migration 091; ops/canned-replies.ts). */
export interface CannedRepliesTable {
  id: Generated<number>;
  title: string;
  body: string;
  /** A tag of i18n/languages.ts; null: offered whatever the client's language. */
  language: string | null;
  /** The admin who last wrote it. */
  updated_by: string;
  created_at: number;
  updated_at: number;
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
  marketing_preferences: MarketingPreferencesTable;
  webhook_events: WebhookEventsTable;
  media_files: MediaFilesTable;
  dashboard_days: DashboardDaysTable;
  dashboard_cohorts: DashboardCohortsTable;
  canned_replies: CannedRepliesTable;
}

export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type NewStatus = Insertable<StatusesTable>;
export type MessageUpdate = Updateable<MessagesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type LeadRow = Selectable<LeadsTable>;
export type ProgramRow = Selectable<ProgramsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type MediaFileRow = Selectable<MediaFilesTable>;
export type OperatorRow = Selectable<OperatorsTable>;
export type LeadEventRow = Selectable<LeadEventsTable>;
