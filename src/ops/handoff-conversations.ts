// Handing conversations to people: the one set of operations the admin API, the CLI and the console call.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { applyHandoffEvent, getHandoff, type HandoffRow } from '../handoff/handoff-store.js';
import type { HandoffEvent, HandoffStatus } from '../handoff/ownership.js';
import type { Reply } from '../conversation/types.js';
import { SERVICE_WINDOW_MS } from '../lib/whatsapp-limits.js';
import { outboundRows, queueOperatorBody } from '../pipeline/queue-outbound.js';
import type { Database } from '../store/schema.js';
import { iso, requirePhone } from './require-phone.js';

export { SERVICE_WINDOW_MS };

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
        handedBackAt: r.handed_back_at ?? null,
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
    if (!session) throw new AppError('NOT_FOUND', `unknown user: no conversation with ${phone}`, { field: 'phone' });
    const result = await applyHandoffEvent(trx, phone, event, actor, now);
    if (!result.ok) throw new AppError('HANDOFF_CONFLICT', REFUSALS[result.reason] ?? result.reason);
    return view(result.after, session.last_inbound_at, now);
  });
}

/** An operator takes the conversation (or an admin assigns it to one): open, owned by that person. */
export function assignConversation(db: Kysely<Database>, phone: string, operator: string, actor: string, now: number) {
  if (operator.trim() === '') throw new AppError('VALIDATION_FAILED', 'operator is required', { field: 'operator' });
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
 * The part every message from a person shares, inside the caller's transaction: the client must
 * exist, and the conversation becomes the operator's if nobody owned it (another operator's is
 * refused). Returns the client's last inbound time and the ownership after.
 */
export async function operatorTurn(
  trx: Kysely<Database>,
  phone: string,
  operator: string,
  now: number,
): Promise<{ lastInboundAt: number | null; optedOut: boolean; after: HandoffRow }> {
  const session = await trx
    .selectFrom('whatsapp_sessions')
    .select(['last_inbound_at', 'opted_out'])
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (!session) throw new AppError('NOT_FOUND', `unknown user: no conversation with ${phone}`, { field: 'phone' });
  const result = await applyHandoffEvent(trx, phone, { kind: 'human_spoke', operator }, operator, now);
  if (!result.ok) throw new AppError('HANDOFF_CONFLICT', REFUSALS[result.reason] ?? result.reason);
  if (result.before.owner === 'human' && result.before.operator !== operator)
    throw new AppError('HANDOFF_CONFLICT', REFUSALS.already_owned!);
  return { lastInboundAt: session.last_inbound_at, optedOut: session.opted_out === 1, after: result.after };
}

export function requireOperator(operator: string): string {
  const o = operator.trim();
  if (o === '') throw new AppError('VALIDATION_FAILED', 'operator is required', { field: 'operator' });
  return o;
}

/** The conversation as the API shows it, after a person's message. */
export function conversationAfter(after: HandoffRow, lastInboundAt: number | null, now: number): ConversationView {
  return view(after, lastInboundAt, now);
}

/**
 * A person's free-form reply, through the bot's durable outbound queue (same order, rate and retries),
 * stored with the operator's id. Refused before queueing once the 24-hour window has closed. Replying
 * makes the conversation the operator's if nobody owned it; another operator's conversation is refused.
 */
export async function replyAsOperator(
  db: Kysely<Database>,
  phoneInput: string,
  operatorInput: string,
  text: string,
  now: number,
): Promise<ReplyResult> {
  const phone = requirePhone(phoneInput);
  const body = text.trim();
  if (body === '') throw new AppError('VALIDATION_FAILED', 'text is required', { field: 'text' });
  if (body.length > 4096)
    throw new AppError('VALIDATION_FAILED', 'text is longer than WhatsApp allows (4096 characters)', {
      field: 'text',
    });
  return queueOperatorReply(db, phone, operatorInput, () => ({ kind: 'text', body }), now);
}

/**
 * What every free-form message from a person (text, quick action, file) checks first, inside the
 * caller's transaction: the 24-hour window is open (else `WINDOW_CLOSED`, before anything changes), the
 * conversation becomes the operator's (another operator's is refused), and the client has not sent STOP
 * (`OPTED_OUT`: STOP holds for people too; the transaction is rolled back). Returns the turn and the
 * client's stored language.
 */
export async function freeFormTurn(
  trx: Kysely<Database>,
  phone: string,
  operator: string,
  now: number,
): Promise<{ turn: Awaited<ReturnType<typeof operatorTurn>>; language: string | null }> {
  const last = await trx
    .selectFrom('whatsapp_sessions')
    .select(['last_inbound_at', 'language'])
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (last && (last.last_inbound_at === null || now - last.last_inbound_at >= SERVICE_WINDOW_MS))
    throw new AppError(
      'WINDOW_CLOSED',
      'the client last wrote more than 24 hours ago: WhatsApp only allows an approved template now',
    );
  const turn = await operatorTurn(trx, phone, operator, now);
  if (turn.optedOut)
    throw new AppError('OPTED_OUT', 'the client sent STOP: nothing may be sent until they write START');
  return { turn, language: last?.language ?? null };
}

/**
 * Queues one reply written (or chosen) by a person: the 24-hour window and the client's STOP are
 * checked before anything is queued, the conversation becomes the operator's (another operator's is refused), and the row goes
 * through the bot's durable outbound queue with the operator's id. `build` gets the client's stored
 * language, so a reply the bot also sends (a card, the brochure, the booking link) reads as the bot's would.
 */
export async function queueOperatorReply(
  db: Kysely<Database>,
  phoneInput: string,
  operatorInput: string,
  build: (language: string | null) => Reply | Promise<Reply>,
  now: number,
): Promise<ReplyResult> {
  const phone = requirePhone(phoneInput);
  const operator = requireOperator(operatorInput);
  return db.transaction().execute(async (trx) => {
    const { turn, language } = await freeFormTurn(trx, phone, operator, now);
    const [reply] = outboundRows({ phone, replies: [await build(language)], replyTo: null, now });
    const id = await queueOperatorBody(trx, {
      phone,
      type: String(reply!.type),
      summary: reply!.message,
      body: JSON.parse(reply!.payload) as unknown,
      operator,
      now,
    });
    return { id, conversation: view(turn.after, turn.lastInboundAt, now) };
  });
}

/**
 * The owning operator looked at the conversation: the client's messages so far are read, and no
 * NOTIFY_AFTER_MINUTES e-mail goes out for them. Anyone else looking changes nothing. Returns
 * whether the mark moved.
 */
export async function markConversationSeen(
  db: Kysely<Database>,
  phone: string,
  operator: string,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('conversation_handoffs')
    .set({ seen_at: now })
    .where('phone', '=', phone)
    .where('owner', '=', 'human')
    .where('operator', '=', operator)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** One conversation's owner, status and 24-hour window (bot-owned when it was never handed over). */
export async function getConversation(
  db: Kysely<Database>,
  phoneInput: string,
  now: number,
): Promise<ConversationView> {
  const phone = requirePhone(phoneInput);
  const session = await db
    .selectFrom('whatsapp_sessions')
    .select('last_inbound_at')
    .where('phone', '=', phone)
    .executeTakeFirst();
  return view(await getHandoff(db, phone), session?.last_inbound_at ?? null, now);
}
