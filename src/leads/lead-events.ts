// A lead's history: every submission on WhatsApp (with what it changed), status change,
// assignment and note, one row each in lead_events. Written inside the caller's transaction.
import type { Kysely } from 'kysely';
import type { Database, LeadEventKind, LeadEventRow, LeadRow } from '../store/schema.js';

/** The fields a submission carries, as the lead row stores them. */
export const SUBMITTED_FIELDS = ['name', 'email', 'interest', 'budget', 'country_of_interest'] as const;
export type SubmittedField = (typeof SUBMITTED_FIELDS)[number];
export type FieldChange = { field: SubmittedField; from: string | number | null; to: string | number | null };

/** What a later submission changed, field by field (empty when it repeated the same answers). */
export function changedFields(before: LeadRow, after: LeadRow): FieldChange[] {
  return SUBMITTED_FIELDS.filter((f) => before[f] !== after[f]).map((f) => ({
    field: f,
    from: before[f],
    to: after[f],
  }));
}

export type LeadEventDetails =
  | { kind: 'submitted'; fields: Record<SubmittedField, string | number | null>; changes: FieldChange[] | null }
  | { kind: 'status'; from: string; to: string }
  | { kind: 'assigned'; from: string | null; to: string | null }
  | { kind: 'note'; text: string };

export async function addLeadEvent(
  trx: Kysely<Database>,
  leadId: number,
  actor: string,
  details: LeadEventDetails,
  now: number,
): Promise<LeadEventRow> {
  const { kind, ...rest } = details;
  return trx
    .insertInto('lead_events')
    .values({ lead_id: leadId, kind, actor, details: JSON.stringify(rest), created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A submission on WhatsApp: the answers given, and for a repeat what they changed. */
export function recordSubmission(
  trx: Kysely<Database>,
  after: LeadRow,
  before: LeadRow | undefined,
  now: number,
): Promise<LeadEventRow> {
  const fields = Object.fromEntries(SUBMITTED_FIELDS.map((f) => [f, after[f]])) as Record<
    SubmittedField,
    string | number | null
  >;
  const changes = before ? changedFields(before, after) : null;
  return addLeadEvent(trx, after.id, 'bot', { kind: 'submitted', fields, changes }, now);
}

export interface LeadEvent {
  id: number;
  kind: LeadEventKind;
  actor: string;
  at: number;
  details: Record<string, unknown>;
}

/** The lead's history, oldest first. */
export async function listLeadEvents(db: Kysely<Database>, leadId: number): Promise<LeadEvent[]> {
  const rows = await db.selectFrom('lead_events').selectAll().where('lead_id', '=', leadId).orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    actor: r.actor,
    at: Number(r.created_at),
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
