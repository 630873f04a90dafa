import type { Kysely } from 'kysely';
import { handleMessage } from '../conversation/handle-message.js';
import type { ConversationSettings, Effect, Program } from '../conversation/types.js';
import { claimSession, sessionToState } from '../store/sessions-repository.js';
import type { Database, MessageRow, SessionRow } from '../store/schema.js';
import { inputFromStoredMessage } from '../whatsapp/stored-message.js';
import { applyEffects } from './apply-effects.js';
import { storableText } from '../lib/storable-text.js';
import { decideOptOut, recordOptOut } from './opt-out.js';
import { queueOutbound } from './queue-outbound.js';
import type { LeadNotifier } from './lead-notifications.js';

/** Inbound older than this is not answered: Meta refuses free-form replies after 24 hours. */
export const STALE_INBOUND_MS = 24 * 60 * 60 * 1000;

export interface ProcessContext {
  now: number;
  programs: readonly Program[];
  settings: ConversationSettings;
  markRead: boolean;
  notifier: LeadNotifier;
}

export type ProcessOutcome =
  | {
      kind: 'processed';
      messageId: number;
      wamid: string | null;
      replies: number;
      effects: Effect['kind'][];
      /** The conversation step the user is in afterwards (the metrics funnel counts these). */
      step: string;
      /** The step before this message ('new' for a first message): the funnel counts moves, not re-asked questions. */
      previousStep: string;
      /** Another message of this user was waiting when this one was processed. */
      more: boolean;
    }
  | { kind: 'expired'; messageId: number; wamid: string | null; more: boolean }
  | { kind: 'none' }
  | { kind: 'locked' };

/**
 * Processes the oldest unprocessed message of one user, all in one transaction: lock the user's
 * session, run the conversation step, write the session, queue the replies, perform the effects
 * (lead, notifications) and mark the message processed. Either all of it happens or none does.
 */
export async function processNextForUser(db: Kysely<Database>, phone: string, ctx: ProcessContext): Promise<ProcessOutcome> {
  return db.transaction().execute((trx) => processInTransaction(trx, phone, ctx));
}

/**
 * The same for several users in one transaction (one commit for the group), one outcome per user,
 * in the order given. All or nothing: if any user's step fails, nothing of the group is written and
 * the caller processes the users one by one, so the failure stays with its own user. Callers pass
 * the users sorted, so two groups running at once on PostgreSQL take their locks in the same order.
 */
export async function processNextForUsers(db: Kysely<Database>, phones: readonly string[], ctx: ProcessContext): Promise<ProcessOutcome[]> {
  return db.transaction().execute(async (trx) => {
    const outcomes: ProcessOutcome[] = [];
    for (const phone of phones) outcomes.push(await processInTransaction(trx, phone, ctx));
    return outcomes;
  });
}

async function processInTransaction(trx: Kysely<Database>, phone: string, ctx: ProcessContext): Promise<ProcessOutcome> {
  const session = await claimSession(trx, phone, ctx.now);
  if (!session) return { kind: 'locked' } as const;
  // Two rows: the one to process, and whether another waits (saves a round just to find none).
  const [msg, next] = await trx
    .selectFrom('whatsapp_messages')
    .selectAll()
    .where('phone', '=', phone)
    .where('status', '=', 'received')
    .orderBy('timestamp')
    .orderBy('id')
    .limit(2)
    .execute();
  if (!msg) return { kind: 'none' } as const;
  const more = next !== undefined;
  if (ctx.now - msg.timestamp > STALE_INBOUND_MS) {
    await markInbound(trx, msg.id, 'expired', ctx.now);
    return { kind: 'expired', messageId: msg.id, wamid: msg.message_id, more } as const;
  }
  return { ...(await runStep(trx, session, msg, ctx)), more };
}

async function runStep(trx: Kysely<Database>, session: SessionRow, msg: MessageRow, ctx: ProcessContext): Promise<Omit<Extract<ProcessOutcome, { kind: 'processed' }>, 'more'>> {
  const stored = inputFromStoredMessage(msg.type, msg.payload);
  if (stored.input.kind === 'text') stored.input = { kind: 'text', text: storableText(stored.input.text) };
  const optOut = decideOptOut(session, stored.input);
  if (optOut.kind === 'opt_out' || optOut.kind === 'silent') {
    let replies = 0;
    if (optOut.kind === 'opt_out') {
      await recordOptOut(trx, msg.phone, true, ctx.now);
      replies = await queueOutbound(trx, { phone: msg.phone, replies: optOut.replies, replyTo: msg.id, now: ctx.now });
    }
    await markInbound(trx, msg.id, 'processed', ctx.now);
    return { kind: 'processed', messageId: msg.id, wamid: msg.message_id, replies, effects: [], step: session.current_step, previousStep: session.current_step };
  }
  if (optOut.kind === 'opt_in') await recordOptOut(trx, msg.phone, false, ctx.now);
  const result = handleMessage(sessionToState(session), optOut.kind === 'opt_in' ? { kind: 'text', text: 'menu' } : stored.input, {
    now: new Date(ctx.now),
    programs: ctx.programs,
    settings: ctx.settings,
  });
  if (optOut.kind === 'opt_in') result.replies.unshift(...optOut.replies);
  await trx
    .updateTable('whatsapp_sessions')
    .set({
      current_step: result.state.step,
      metadata: JSON.stringify(result.state.data),
      last_activity: ctx.now,
      last_inbound_at: Math.max(session.last_inbound_at ?? 0, msg.timestamp),
      updated_at: ctx.now,
      is_active: 1,
      ...(stored.profileName ? { profile_name: stored.profileName } : {}),
      ...(stored.bsuid ? { bsuid: stored.bsuid } : {}),
    })
    .where('id', '=', session.id)
    .execute();
  const replies = await queueOutbound(trx, {
    phone: msg.phone,
    replies: result.replies,
    replyTo: msg.id,
    markReadWamid: ctx.markRead ? msg.message_id : null,
    now: ctx.now,
  });
  await applyEffects(trx, { phone: msg.phone, inbound: msg, effects: result.effects, now: ctx.now, notifier: ctx.notifier });
  await markInbound(trx, msg.id, 'processed', ctx.now);
  return {
    kind: 'processed',
    messageId: msg.id,
    wamid: msg.message_id,
    replies,
    effects: result.effects.map((e) => e.kind),
    step: result.state.step,
    previousStep: session.last_activity === null ? 'new' : session.current_step,
  };
}

async function markInbound(trx: Kysely<Database>, id: number, status: 'processed' | 'expired', now: number): Promise<void> {
  await trx.updateTable('whatsapp_messages').set({ status, processed_at: now, updated_at: now }).where('id', '=', id).execute();
}
