import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { lockingClause } from '../store/dialect.js';
import { findHandoffRow } from '../store/fixed-sql.js';
import { BOT_OWNED, describeOwnership, transition, type HandoffEvent, type Ownership } from './ownership.js';

export interface HandoffRow extends Ownership {
  phone: string;
  requestedAt: number | null;
  claimedAt: number | null;
  lastOperatorReplyAt: number | null;
  updatedAt: number | null;
  /** When a person last handed it back to the bot (resolve or timeout; not the client's own cancel). */
  handedBackAt: number | null;
}

type Row = Database['conversation_handoffs'];

/**
 * What a bot reply still queued when a person took the conversation over is marked with (status
 * `failed`, never sent, and left out by `retry-failed`): the bot must not talk over the consultant.
 */
export const WITHHELD_TITLE = 'Not sent: a person took the conversation over';

function fromRow(phone: string, r: Row | undefined): HandoffRow {
  if (!r)
    return {
      phone,
      ...BOT_OWNED,
      requestedAt: null,
      claimedAt: null,
      lastOperatorReplyAt: null,
      updatedAt: null,
      handedBackAt: null,
    };
  return {
    phone,
    owner: r.owner,
    operator: r.operator,
    status: r.status,
    requestedAt: r.requested_at,
    claimedAt: r.claimed_at,
    lastOperatorReplyAt: r.last_operator_reply_at,
    updatedAt: r.updated_at,
    handedBackAt: r.handed_back_at ?? null,
  };
}

/** The conversation's ownership (bot-owned when it was never handed over). */
export async function getHandoff(db: Kysely<Database>, phone: string): Promise<HandoffRow> {
  return fromRow(phone, await findHandoffRow(db, phone));
}

/**
 * The conversation's ownership, its row locked until the caller's transaction ends (created bot-owned
 * when missing, so a claim being made at this instant is waited for, never missed).
 */
export async function lockHandoff(trx: Kysely<Database>, phone: string, now: number): Promise<HandoffRow> {
  await trx
    .insertInto('conversation_handoffs')
    .values({
      phone,
      ...BOT_OWNED,
      requested_at: null,
      claimed_at: null,
      last_operator_reply_at: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
  const row = await trx
    .selectFrom('conversation_handoffs')
    .selectAll()
    .where('phone', '=', phone)
    .modifyEnd(lockingClause(trx, 'wait'))
    .executeTakeFirst();
  return fromRow(phone, row);
}

export type ApplyResult =
  { ok: true; before: HandoffRow; after: HandoffRow } | { ok: false; reason: string; current: HandoffRow };

/**
 * Applies one event inside the caller's transaction and records it (who, when, from, to). The row is
 * locked first (PostgreSQL `FOR UPDATE`; SQLite has one writer), so two operators claiming at once
 * are serialised: the second sees the first one's claim and is refused.
 */
export async function applyHandoffEvent(
  trx: Kysely<Database>,
  phone: string,
  event: HandoffEvent,
  actor: string,
  now: number,
): Promise<ApplyResult> {
  const before = await lockHandoff(trx, phone, now);
  const result = transition(before, event);
  if (!result.ok) return { ok: false, reason: result.reason, current: before };
  const next = result.next;
  const after: HandoffRow = {
    ...before,
    ...next,
    requestedAt: event.kind === 'request' ? now : before.requestedAt,
    // A new owner (claim, assign, reassign): their clock starts now.
    claimedAt:
      next.owner === 'human' && (before.owner !== 'human' || before.operator !== next.operator)
        ? now
        : next.owner === 'human'
          ? before.claimedAt
          : null,
    lastOperatorReplyAt:
      event.kind === 'human_spoke' ? now : next.owner === 'human' ? before.lastOperatorReplyAt : null,
    updatedAt: now,
    handedBackAt: event.kind === 'resolve' || event.kind === 'timeout' ? now : before.handedBackAt,
  };
  await trx
    .updateTable('conversation_handoffs')
    .set({
      owner: after.owner,
      operator: after.operator,
      status: after.status,
      requested_at: after.requestedAt,
      claimed_at: after.claimedAt,
      last_operator_reply_at: after.lastOperatorReplyAt,
      updated_at: now,
      handed_back_at: after.handedBackAt,
    })
    .where('phone', '=', phone)
    .execute();
  // A person now speaks for the business (claim, assign, console reply, app echo): the bot's replies
  // still waiting in the queue are withheld. Mark-reads and what is already being sent are left alone.
  if (after.owner === 'human' && before.owner !== 'human')
    await trx
      .updateTable('whatsapp_messages')
      .set({ status: 'failed', error_code: null, error_title: WITHHELD_TITLE, locked_until: null, updated_at: now })
      .where('phone', '=', phone)
      .where('direction', '=', 'outgoing')
      .where('status', '=', 'queued')
      .where('operator', 'is', null)
      .where('type', '<>', 'read')
      .execute();
  const from = describeOwnership(before);
  const to = describeOwnership(after);
  if (from !== to || event.kind !== 'human_spoke')
    await trx
      .insertInto('handoff_events')
      .values({ phone, actor, event: event.kind, from_state: from, to_state: to, created_at: now })
      .execute();
  return { ok: true, before, after };
}

/** Every recorded transition of one conversation, oldest first. */
export async function listHandoffEvents(db: Kysely<Database>, phone: string) {
  return db
    .selectFrom('handoff_events')
    .select(['actor', 'event', 'from_state', 'to_state', 'created_at'])
    .where('phone', '=', phone)
    .orderBy('id')
    .execute();
}
