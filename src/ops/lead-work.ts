// Working a lead: its page's data, status, assignee and notes. The CLI, the admin API and the
// console call these; every change is one transaction with its lead event and its audit row.
import type { Kysely } from 'kysely';
import { languageLabel } from '../content/language-names.js';
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
  /** The language the person talks to the bot in, as operators read it ("Russian (ru)"); null until known. */
  languageLabel: string | null;
  /** The WhatsApp profile name, next to the name typed in the form. */
  profileName: string | null;
  /** The Click-to-WhatsApp ad the person first came from, as Meta described it; null for a direct lead. */
  ad: LeadAd | null;
  notesByOperator: { at: string; operator: string; text: string }[];
  history: (Omit<LeadEvent, 'at'> & { at: string })[];
}

/** The fields of Meta's `referral` object a consultant reads (each null when Meta did not send it). */
export interface LeadAd {
  headline: string | null;
  body: string | null;
  sourceType: string | null;
  sourceId: string | null;
  sourceUrl: string | null;
  mediaType: string | null;
  ctwaClid: string | null;
}

const field = (o: Record<string, unknown>, k: string) => {
  const v = o[k];
  return typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 2000) : null;
};

/** The session's stored `referral` JSON as the lead page shows it; anything unreadable is no ad. */
export function leadAdOf(referral: string | null | undefined): LeadAd | null {
  if (!referral) return null;
  const r = parseJsonText(referral);
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return null;
  const o = r as Record<string, unknown>;
  return {
    headline: field(o, 'headline'),
    body: field(o, 'body'),
    sourceType: field(o, 'source_type'),
    sourceId: field(o, 'source_id'),
    sourceUrl: field(o, 'source_url'),
    mediaType: field(o, 'media_type'),
    ctwaClid: field(o, 'ctwa_clid'),
  };
}

async function requireLead(db: Kysely<Database>, id: number): Promise<LeadRow> {
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new AppError('VALIDATION_FAILED', 'lead id must be a positive integer', { field: 'id' });
  const row = await db.selectFrom('whatsapp_leads').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no lead with id ${id}`);
  return row;
}

function requireOperator(actor: string): string {
  const a = actor.trim();
  if (a.length === 0 || a.length > OPERATOR_ID_MAX)
    throw new AppError('VALIDATION_FAILED', `operator id must be 1-${OPERATOR_ID_MAX} characters`, {
      field: 'operator',
    });
  return a;
}

/** Everything the lead page shows. */
export async function getLead(db: Kysely<Database>, id: number): Promise<LeadDetail> {
  const row = await requireLead(db, id);
  const [events, session] = await Promise.all([
    listLeadEvents(db, row.id),
    db
      .selectFrom('whatsapp_sessions')
      .select(['language', 'profile_name', 'referral'])
      .where('phone', '=', row.phone)
      .executeTakeFirst(),
  ]);
  const reasons = parseJsonText(row.score_reasons);
  return {
    ...toLeadView(row),
    status: row.status,
    assigneeId: row.assignee_id,
    score: Number(row.score),
    scoreReasons: Array.isArray(reasons) ? (reasons as ScoreReason[]) : [],
    scoredAt: iso(row.scored_at),
    languageLabel: session?.language ? languageLabel(session.language) : null,
    profileName: session?.profile_name ?? null,
    // The ad is shown only for a lead that came from one (a later ad does not rewrite the source).
    ad: row.source && row.source !== 'direct' ? leadAdOf(session?.referral) : null,
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
  if (!found)
    throw new AppError('VALIDATION_FAILED', `status must be one of: ${LEAD_STATUSES.join(', ')}`, { field: 'status' });
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

/**
 * The assignee is a row of console_operators, checked here inside the change's transaction (the
 * column stays text from migration 006: SQLite cannot add a foreign key to an existing column
 * without rebuilding the table). A disabled operator cannot be given new leads.
 */
async function requireAssignee(trx: Kysely<Database>, id: string): Promise<string> {
  const text = id.trim();
  if (!/^\d{1,18}$/.test(text))
    throw new AppError('VALIDATION_FAILED', 'the assignee must be an operator id (a number)', { field: 'assigneeId' });
  const op = await trx
    .selectFrom('console_operators')
    .select(['id', 'disabled'])
    .where('id', '=', Number(text))
    .executeTakeFirst();
  if (!op) throw new AppError('VALIDATION_FAILED', `no operator with id ${text}`, { field: 'assigneeId' });
  if (op.disabled === 1)
    throw new AppError('VALIDATION_FAILED', `operator ${text} is disabled and cannot be assigned leads`, {
      field: 'assigneeId',
    });
  return String(op.id);
}

/** Assigns the lead to an operator (by their console_operators id), or unassigns it with null. */
export async function assignLead(
  db: Kysely<Database>,
  args: { id: number; assigneeId: string | null; actor: string; now: number },
): Promise<LeadDetail> {
  return change(db, args, async (lead, trx) => {
    const to = args.assigneeId === null ? null : await requireAssignee(trx, args.assigneeId);
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
  if (text.length === 0) throw new AppError('VALIDATION_FAILED', 'a note needs some text', { field: 'text' });
  if (text.length > NOTE_MAX_CHARS)
    throw new AppError('VALIDATION_FAILED', `a note is at most ${NOTE_MAX_CHARS} characters`, { field: 'text' });
  return change(db, args, async (lead, trx) => {
    await trx
      .updateTable('whatsapp_leads')
      .set({ notes: text, updated_at: args.now })
      .where('id', '=', lead.id)
      .execute();
    return { kind: 'note', text };
  });
}
