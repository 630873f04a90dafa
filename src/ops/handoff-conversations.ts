// Handing conversations to people: the one set of operations the admin API, the CLI and the console call.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { applyHandoffEvent, type HandoffRow } from '../handoff/handoff-store.js';
import type { HandoffEvent, HandoffStatus } from '../handoff/ownership.js';
import { maskPhone } from '../lib/phone.js';
import { queueOutbound } from '../pipeline/queue-outbound.js';
import type { Database } from '../store/schema.js';
import { iso, requirePhone } from './require-phone.js';

/** Meta accepts free-form messages only this long after the user's last inbound message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ConversationView {
  phone: string;
  owner: 'bot' | 'human';
  operator: string | null;
  status: HandoffStatus;
  requested_at: string | null;
  claimed_at: string | null;
  last_inbound_at: string | null;
  /** Milliseconds left to send free-form messages; 0 once the 24-hour window has closed. */
  window_ms_left: number;
}

function view(h: HandoffRow, lastInboundAt: number | null, now: number): ConversationView {
  return {
    phone: h.phone,
    owner: h.owner,
    operator: h.operator,
    status: h.status,
    requested_at: iso(h.requestedAt),
    claimed_at: iso(h.claimedAt),
    last_inbound_at: iso(lastInboundAt),
    window_ms_left: lastInboundAt === null ? 0 : Math.max(0, lastInboundAt + SERVICE_WINDOW_MS - now),
  };
}

/** Conversations with a handoff row, by status (pending first in the order they asked), newest change otherwise. */
export async function listConversations(
  db: Kysely<Database>,
  opts: { status?: HandoffStatus; operator?: string; limit?: number },
  now: number,
): Promise<ConversationView[]> {
  let q = db
    .selectFrom('conversation_handoffs as h')
    .leftJoin('whatsapp_sessions as s', 's.phone', 'h.phone')
    .selectAll('h')
    .select('s.last_inbound_at');
  if (opts.status) q = q.where('h.status', '=', opts.status);
  if (opts.operator) q = q.where('h.operator', '=', opts.operator);
  const rows = await q
    .orderBy(opts.status === 'pending' ? 'h.requested_at' : 'h.updated_at', opts.status === 'pending' ? 'asc' : 'desc')
    .orderBy('h.phone')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map((r) =>
    view(
      {
        phone: r.phone,
        owner: r.owner,
        operator: r.operator,
        status: r.status,
        requestedAt: r.requested_at,
        claimedAt: r.claimed_at,
        lastOperatorReplyAt: r.last_operator_reply_at,
        updatedAt: r.updated_at,
      },
      r.last_inbound_at ?? null,
      now,
    ),
  );
}

const REFUSALS: Record<string, string> = {
  already_owned: 'another operator owns this conversation',
  already_pending: 'the client is already waiting for a consultant',
  not_handed_over: 'the bot owns this conversation: there is nothing to resolve',
  not_pending: 'the client is not waiting for a consultant',
};

async function change(
  db: Kysely<Database>,
  phoneInput: string,
  event: HandoffEvent,
  actor: string,
  now: number,
): Promise<ConversationView> {
  const phone = requirePhone(phoneInput);
  return db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom('whatsapp_sessions')
      .select('last_inbound_at')
      .where('phone', '=', phone)
      .executeTakeFirst();
    if (!session) throw new AppError('NOT_FOUND', `unknown user: no conversation with ${maskPhone(phone)}`);
    const result = await applyHandoffEvent(trx, phone, event, actor, now);
    if (!result.ok) throw new AppError('HANDOFF_CONFLICT', REFUSALS[result.reason] ?? result.reason);
    return view(result.after, session.last_inbound_at, now);
  });
}

/** An operator takes the conversation (or an admin assigns it to one): open, owned by that person. */
export function assignConversation(db: Kysely<Database>, phone: string, operator: string, actor: string, now: number) {
  if (operator.trim() === '') throw new AppError('BAD_REQUEST', 'operator is required');
  return change(db, phone, { kind: 'claim', operator: operator.trim() }, actor, now);
}

/** Hands the conversation back to the bot, which answers the client's next message with the menu. */
export function resolveConversation(db: Kysely<Database>, phone: string, actor: string, now: number) {
  return change(db, phone, { kind: 'resolve' }, actor, now);
}

export interface ReplyResult {
  id: number;
  conversation: ConversationView;
}

/**
 * A person's free-form reply, through the bot's durable outbound queue (same order, rate and retries),
 * stored with the operator's id. Refused before queueing once the 24-hour window has closed. Replying
 * makes the conversation the operator's if nobody owned it; another operator's conversation is refused.
 */
export async function replyAsOperator(
  db: Kysely<Database>,
  phoneInput: string,
  operator: string,
  text: string,
  now: number,
): Promise<ReplyResult> {
  const phone = requirePhone(phoneInput);
  const body = text.trim();
  if (body === '') throw new AppError('BAD_REQUEST', 'text is required');
  if (body.length > 4096) throw new AppError('BAD_REQUEST', 'text is longer than WhatsApp allows (4096 characters)');
  if (operator.trim() === '') throw new AppError('BAD_REQUEST', 'operator is required');
  return db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom('whatsapp_sessions')
      .select('last_inbound_at')
      .where('phone', '=', phone)
      .executeTakeFirst();
    if (!session) throw new AppError('NOT_FOUND', `unknown user: no conversation with ${maskPhone(phone)}`);
    const last = session.last_inbound_at;
    if (last === null || now - last >= SERVICE_WINDOW_MS)
      throw new AppError(
        'WINDOW_CLOSED',
        'the client last wrote more than 24 hours ago: WhatsApp only allows an approved template now',
      );
    const result = await applyHandoffEvent(
      trx,
      phone,
      { kind: 'human_spoke', operator: operator.trim() },
      operator,
      now,
    );
    if (!result.ok) throw new AppError('HANDOFF_CONFLICT', REFUSALS[result.reason] ?? result.reason);
    if (result.before.owner === 'human' && result.before.operator !== operator.trim())
      throw new AppError('HANDOFF_CONFLICT', REFUSALS.already_owned!);
    await queueOutbound(trx, { phone, replies: [{ kind: 'text', body }], replyTo: null, now });
    const row = await trx
      .selectFrom('whatsapp_messages')
      .select('id')
      .where('phone', '=', phone)
      .where('direction', '=', 'outgoing')
      .where('created_at', '=', now)
      .where('reply_to', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await trx.updateTable('whatsapp_messages').set({ operator: operator.trim() }).where('id', '=', row.id).execute();
    return { id: row.id, conversation: view(result.after, last, now) };
  });
}
