// Working a lead: its page's data, status, assignee and notes. The CLI, the admin API and the
// console call these; every change is one transaction with its lead event and its audit row.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { addLeadEvent, listLeadEvents, type LeadEvent, type LeadEventDetails } from '../leads/lead-events.js';
import type { ScoreReason } from '../leads/score.js';
import { LEAD_STATUSES, type Database, type LeadRow, type LeadStatus } from '../store/schema.js';
import { iso, parseJsonText } from './require-phone.js';
import { toLeadView, type LeadView } from './list-leads.js';

export const NOTE_MAX_CHARS = 4000;
const OPERATOR_ID_MAX = 64;

export interface LeadDetail extends LeadView {
  status: LeadStatus;
  assigneeId: string | null;
  score: number;
  scoreReasons: ScoreReason[];
  scoredAt: string | null;
  notesByOperator: { at: string; operator: string; text: string }[];
  history: (Omit<LeadEvent, 'at'> & { at: string })[];
}

async function requireLead(db: Kysely<Database>, id: number): Promise<LeadRow> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('BAD_REQUEST', 'lead id must be a positive integer');
  const row = await db.selectFrom('whatsapp_leads').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no lead with id ${id}`);
  return row;
}

function requireOperator(actor: string): string {
  const a = actor.trim();
  if (a.length === 0 || a.length > OPERATOR_ID_MAX)
    throw new AppError('BAD_REQUEST', `operator id must be 1-${OPERATOR_ID_MAX} characters`);
  return a;
}

/** Everything the lead page shows. */
export async function getLead(db: Kysely<Database>, id: number): Promise<LeadDetail> {
  const row = await requireLead(db, id);
  const events = await listLeadEvents(db, row.id);
  const reasons = parseJsonText(row.score_reasons);
  return {
    ...toLeadView(row),
    status: row.status,
    assigneeId: row.assignee_id,
    score: Number(row.score),
    scoreReasons: Array.isArray(reasons) ? (reasons as ScoreReason[]) : [],
    scoredAt: iso(row.scored_at),
    notesByOperator: events
      .filter((e) => e.kind === 'note')
      .map((e) => ({ at: iso(e.at)!, operator: e.actor, text: String(e.details.text) })),
    history: events.map((e) => ({ ...e, at: iso(e.at)! })),
  };
}

async function change(
  db: Kysely<Database>,
  args: { id: number; actor: string; now: number },
  apply: (lead: LeadRow, trx: Kysely<Database>) => Promise<LeadEventDetails | null>,
): Promise<LeadDetail> {
  const actor = requireOperator(args.actor);
  await db.transaction().execute(async (trx) => {
    const lead = await requireLead(trx, args.id);
    const details = await apply(lead, trx);
    if (details === null) return;
    await addLeadEvent(trx, lead.id, actor, details, args.now);
    // The audit row says who did what to which lead; the note's text stays in the lead's history only.
    const { kind, ...rest } = details;
    const audited = kind === 'note' ? { chars: details.text.length } : rest;
    await trx
      .insertInto('audit_log')
      .values({
        action: `lead_${kind}`,
        actor: actor.slice(0, 32),
        details: JSON.stringify({ leadId: lead.id, ...audited }),
        created_at: args.now,
      })
      .execute();
  });
  return getLead(db, args.id);
}

export function parseLeadStatus(input: string): LeadStatus {
  const s = input.trim().toLowerCase();
  const found = LEAD_STATUSES.find((x) => x === s);
  if (!found) throw new AppError('BAD_REQUEST', `status must be one of: ${LEAD_STATUSES.join(', ')}`);
  return found;
}

/**
 * Moves the lead to a status. The usual path is new → contacted → qualified → won / lost, but any
 * move is allowed (an operator corrects a mistake, a lost lead comes back); each one is in the
 * history. Setting the status it already has changes nothing and records nothing.
 */
export async function setLeadStatus(
  db: Kysely<Database>,
  args: { id: number; status: string; actor: string; now: number },
): Promise<LeadDetail> {
  const to = parseLeadStatus(args.status);
  return change(db, args, async (lead, trx) => {
    if (lead.status === to) return null;
    await trx
      .updateTable('whatsapp_leads')
      .set({ status: to, updated_at: args.now })
      .where('id', '=', lead.id)
      .execute();
    return { kind: 'status', from: lead.status, to };
  });
}

/** Assigns the lead to an operator (by id), or unassigns it with null. */
export async function assignLead(
  db: Kysely<Database>,
  args: { id: number; assigneeId: string | null; actor: string; now: number },
): Promise<LeadDetail> {
  const to = args.assigneeId === null ? null : requireOperator(args.assigneeId);
  return change(db, args, async (lead, trx) => {
    if (lead.assignee_id === to) return null;
    await trx
      .updateTable('whatsapp_leads')
      .set({ assignee_id: to, updated_at: args.now })
      .where('id', '=', lead.id)
      .execute();
    return { kind: 'assigned', from: lead.assignee_id, to };
  });
}

/** A timestamped note by an operator; the lead's `notes` column keeps the latest one (the CSV shows it). */
export async function addLeadNote(
  db: Kysely<Database>,
  args: { id: number; text: string; actor: string; now: number },
): Promise<LeadDetail> {
  const text = args.text.trim();
  if (text.length === 0) throw new AppError('BAD_REQUEST', 'a note needs some text');
  if (text.length > NOTE_MAX_CHARS) throw new AppError('BAD_REQUEST', `a note is at most ${NOTE_MAX_CHARS} characters`);
  return change(db, args, async (lead, trx) => {
    await trx
      .updateTable('whatsapp_leads')
      .set({ notes: text, updated_at: args.now })
      .where('id', '=', lead.id)
      .execute();
    return { kind: 'note', text };
  });
}
