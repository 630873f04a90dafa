// One person, one history: when Meta tells us a user's key changed (a new phone number, a new
// BSUID) or that a BSUID-only user has a phone after all, everything kept under the old key moves
// to the new one, inside the caller's transaction: messages, statuses, session, lead and its
// history, conversation events, notifications, ownership, marketing preference, events.
import type { Kysely } from 'kysely';
import { lockingClause } from './dialect.js';
import { forgetDaysOf } from './forget-days.js';
import type { Database, LeadRow, SessionRow } from './schema.js';

export interface MoveResult {
  /** Rows of whatsapp_messages moved. */
  messages: number;
  /** Both keys had a session (or a lead): they were merged into the new key's. */
  mergedSession: boolean;
  mergedLead: boolean;
}

const n = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows);

export async function moveUser(trx: Kysely<Database>, from: string, to: string, now: number): Promise<MoveResult> {
  if (from === to) return { messages: 0, mergedSession: false, mergedLead: false };
  // Who was active on which day, and which cohort a user belongs to, change when two keys become
  // one: the dashboard's stored days that counted either go (they are computed again).
  await forgetDaysOf(trx, from);
  await forgetDaysOf(trx, to);
  // Both sessions locked (waiting: a worker answering either key finishes first), in one order.
  const sessions = await trx
    .selectFrom('whatsapp_sessions')
    .selectAll()
    .where('phone', 'in', [from, to].sort())
    .orderBy('phone')
    .modifyEnd(lockingClause(trx, 'wait'))
    .execute();
  const old = sessions.find((s) => s.phone === from);
  const current = sessions.find((s) => s.phone === to);
  const mergedSession = old !== undefined && current !== undefined;
  if (old && current) {
    await trx
      .updateTable('whatsapp_sessions')
      .set(mergedSessionRow(current, old, now))
      .where('id', '=', current.id)
      .execute();
    await trx.deleteFrom('whatsapp_sessions').where('id', '=', old.id).execute();
  } else if (old) {
    await trx.updateTable('whatsapp_sessions').set({ phone: to, updated_at: now }).where('id', '=', old.id).execute();
  }
  const messages = n(
    await trx
      .updateTable('whatsapp_messages')
      .set({ phone: to, updated_at: now })
      .where('phone', '=', from)
      .executeTakeFirst(),
  );
  await trx.updateTable('whatsapp_statuses').set({ recipient_id: to }).where('recipient_id', '=', from).execute();
  await trx.updateTable('notifications').set({ phone: to }).where('phone', '=', from).execute();
  await trx.updateTable('conversation_events').set({ phone: to }).where('phone', '=', from).execute();
  await trx.updateTable('handoff_events').set({ phone: to }).where('phone', '=', from).execute();
  await trx.updateTable('webhook_events').set({ phone: to }).where('phone', '=', from).execute();
  await trx.updateTable('media_files').set({ phone: to }).where('phone', '=', from).execute();
  const mergedLead = await moveLead(trx, from, to, now);
  await moveKeyed(trx, 'conversation_handoffs', from, to);
  await moveMarketingPreference(trx, from, to);
  return { messages, mergedSession, mergedLead };
}

/** The new key's session wins where it has a value; the old one fills the gaps. Opted out stays opted out. */
function mergedSessionRow(current: SessionRow, old: SessionRow, now: number) {
  const conversed = current.last_activity !== null;
  return {
    current_step: conversed ? current.current_step : old.current_step,
    metadata: conversed ? current.metadata : old.metadata,
    last_activity: current.last_activity ?? old.last_activity,
    created_at: Math.min(current.created_at, old.created_at),
    updated_at: now,
    bsuid: current.bsuid ?? old.bsuid,
    profile_name: current.profile_name ?? old.profile_name,
    username: current.username ?? old.username,
    last_inbound_at: Math.max(current.last_inbound_at ?? 0, old.last_inbound_at ?? 0) || null,
    country_of_interest: current.country_of_interest ?? old.country_of_interest,
    opted_out: Math.max(current.opted_out, old.opted_out),
    language: current.language ?? old.language,
    country_code: current.country_code ?? old.country_code ?? null,
    source: current.source ?? old.source ?? null,
    referral: current.referral ?? old.referral ?? null,
  };
}

async function moveLead(trx: Kysely<Database>, from: string, to: string, now: number): Promise<boolean> {
  const leads = await trx.selectFrom('whatsapp_leads').selectAll().where('phone', 'in', [from, to]).execute();
  const old = leads.find((l) => l.phone === from);
  const current = leads.find((l) => l.phone === to);
  if (!old) return false;
  if (!current) {
    await trx.updateTable('whatsapp_leads').set({ phone: to, updated_at: now }).where('id', '=', old.id).execute();
    return false;
  }
  await trx
    .updateTable('whatsapp_leads')
    .set(mergedLeadRow(current, old, now))
    .where('id', '=', current.id)
    .execute();
  await trx.updateTable('lead_events').set({ lead_id: current.id }).where('lead_id', '=', old.id).execute();
  await trx.deleteFrom('whatsapp_leads').where('id', '=', old.id).execute();
  return true;
}

function mergedLeadRow(current: LeadRow, old: LeadRow, now: number) {
  return {
    name: current.name ?? old.name,
    email: current.email ?? old.email,
    interest: current.interest ?? old.interest,
    budget: current.budget ?? old.budget,
    country_of_interest: current.country_of_interest ?? old.country_of_interest,
    notes: current.notes ?? old.notes,
    assignee_id: current.assignee_id ?? old.assignee_id,
    created_at: Math.min(current.created_at, old.created_at),
    // The first touch is where the lead came from.
    source:
      old.created_at <= current.created_at
        ? (old.source ?? current.source ?? null)
        : (current.source ?? old.source ?? null),
    source_id:
      old.created_at <= current.created_at
        ? (old.source_id ?? current.source_id ?? null)
        : (current.source_id ?? old.source_id ?? null),
    updated_at: now,
  };
}

/** A table keyed by the user: the new key's row wins; the old key's joins it when there is none. */
async function moveKeyed(
  trx: Kysely<Database>,
  table: 'conversation_handoffs',
  from: string,
  to: string,
): Promise<void> {
  const existing = await trx.selectFrom(table).select('phone').where('phone', '=', to).executeTakeFirst();
  if (existing) await trx.deleteFrom(table).where('phone', '=', from).execute();
  else await trx.updateTable(table).set({ phone: to }).where('phone', '=', from).execute();
}

/** The later of the two choices Meta reported stands. */
async function moveMarketingPreference(trx: Kysely<Database>, from: string, to: string): Promise<void> {
  const rows = await trx.selectFrom('marketing_preferences').selectAll().where('phone', 'in', [from, to]).execute();
  const old = rows.find((r) => r.phone === from);
  const current = rows.find((r) => r.phone === to);
  if (!old) return;
  if (current && current.changed_at >= old.changed_at) {
    await trx.deleteFrom('marketing_preferences').where('phone', '=', from).execute();
    return;
  }
  if (current) await trx.deleteFrom('marketing_preferences').where('phone', '=', to).execute();
  await trx.updateTable('marketing_preferences').set({ phone: to }).where('phone', '=', from).execute();
}
