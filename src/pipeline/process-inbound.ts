import { sql, type Kysely } from 'kysely';
import { handleMessage } from '../conversation/handle-message.js';
import { DEFAULT_LANGUAGE } from '../i18n/languages.js';
import { messagesFor } from '../messages.js';
import type { ConversationSettings, Effect, Program } from '../conversation/types.js';
import { insertMessages, updateSessionsAfterStep, type SessionAfterStep } from '../store/fixed-sql.js';
import { claimSessions, sessionToState } from '../store/sessions-repository.js';
import type { Database, MessageRow, NewMessage, SessionRow } from '../store/schema.js';
import { inputFromStoredMessage } from '../whatsapp/stored-message.js';
import { applyEffects } from './apply-effects.js';
import { eventRows, insertConversationEvents, type NewConversationEvent } from '../leads/conversation-events.js';
import { rescoreLeadsOf } from '../leads/rescore-lead.js';
import { storableText } from '../lib/storable-text.js';
import { decideOptOut, recordOptOut } from './opt-out.js';
import { oneLinePlainText } from '../lib/plain-text.js';
import { outboundRows } from './queue-outbound.js';
import { gateBotReply, type HandoffSettings } from './handoff-gate.js';
import type { LeadNotifier } from './lead-notifications.js';

/** Inbound older than this is not answered: Meta refuses free-form replies after 24 hours. */
export const STALE_INBOUND_MS = 24 * 60 * 60 * 1000;

export interface ProcessContext {
  now: number;
  programs: readonly Program[];
  settings: ConversationSettings;
  markRead: boolean;
  notifier: LeadNotifier;
  /** Business hours for the "a consultant will reply" answer; none configured means "shortly". */
  handoff?: HandoffSettings;
}

const ALWAYS_OPEN: HandoffSettings = { businessHours: undefined, timeZone: 'UTC' };

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
export async function processNextForUser(
  db: Kysely<Database>,
  phone: string,
  ctx: ProcessContext,
): Promise<ProcessOutcome> {
  const [outcome] = await processNextForUsers(db, [phone], ctx);
  return outcome!;
}

type Done = Extract<ProcessOutcome, { kind: 'processed' }>;

/**
 * The same for several users in one transaction (one commit for the group), one outcome per user,
 * in the order given. The statements that do not depend on the conversation are issued once for
 * the whole group: lock (or create) the sessions, read each user's next two messages, queue every
 * reply, mark the messages processed. All or nothing: if any user's step fails, nothing of the
 * group is written and the caller processes the users one by one, so the failure stays with its own
 * user. Callers pass the users sorted (see claimSessions).
 */
export async function processNextForUsers(
  db: Kysely<Database>,
  phones: readonly string[],
  ctx: ProcessContext,
): Promise<ProcessOutcome[]> {
  return db.transaction().execute(async (trx) => {
    const sessions = await claimSessions(trx, phones, ctx.now);
    const heads = await nextInbound(trx, [...sessions.keys()]);
    const outcomes: ProcessOutcome[] = [];
    const queued: NewMessage[] = [];
    const effects: { msg: MessageRow; effects: Effect[] }[] = [];
    const processed: number[] = [];
    const expired: number[] = [];
    const written: SessionAfterStep[] = [];
    const signalled: NewConversationEvent[] = [];
    const toRescore = new Set<string>();
    for (const phone of phones) {
      const session = sessions.get(phone);
      const head = heads.get(phone);
      if (!session) outcomes.push({ kind: 'locked' });
      else if (!head) outcomes.push({ kind: 'none' });
      else if (ctx.now - head.msg.timestamp > STALE_INBOUND_MS) {
        expired.push(head.msg.id);
        outcomes.push({ kind: 'expired', messageId: head.msg.id, wamid: head.msg.message_id, more: head.more });
      } else {
        const step = await runStep(trx, session, head.msg, ctx);
        queued.push(...step.rows);
        if (step.session) written.push(step.session);
        if (step.effects.length > 0) effects.push({ msg: head.msg, effects: step.effects });
        signalled.push(...step.signals);
        if (step.signals.length > 0 || step.effects.length > 0) toRescore.add(phone);
        processed.push(head.msg.id);
        outcomes.push({ ...step.outcome, more: head.more });
      }
    }
    await updateSessionsAfterStep(trx, written);
    await insertMessages(trx, queued);
    for (const e of effects)
      await applyEffects(trx, {
        phone: e.msg.phone,
        inbound: e.msg,
        effects: e.effects,
        now: ctx.now,
        notifier: ctx.notifier,
      });
    await insertConversationEvents(trx, signalled);
    await rescoreLeadsOf(trx, [...toRescore], ctx.now);
    await markInbound(trx, processed, 'processed', ctx.now);
    await markInbound(trx, expired, 'expired', ctx.now);
    return outcomes;
  });
}

/** Each user's oldest `received` message (WhatsApp timestamp, then id), and whether another waits. */
async function nextInbound(
  trx: Kysely<Database>,
  phones: readonly string[],
): Promise<Map<string, { msg: MessageRow; more: boolean }>> {
  const out = new Map<string, { msg: MessageRow; more: boolean }>();
  if (phones.length === 0) return out;
  // Two rows per user: the one to process, and whether another waits (saves a round just to find none).
  // One `limit 2` per user over the partial index (phone, timestamp, id) where status = 'received',
  // so the cost is the same however many messages the user has waiting (a window over all of them
  // grew with the backlog: 5,000 waiting messages froze the service).
  const perUser = phones.map(
    (phone) => sql`select * from (select m.* from whatsapp_messages m
      where m.status = 'received' and m.phone = ${phone} order by m.timestamp, m.id limit 2) as t`,
  );
  const { rows } = await sql<MessageRow>`${sql.join(perUser, sql` union all `)}`.execute(trx);
  const byPhone = new Map<string, MessageRow[]>();
  for (const r of rows) byPhone.set(r.phone, [...(byPhone.get(r.phone) ?? []), r]);
  for (const [phone, waiting] of byPhone) {
    waiting.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
    out.set(phone, { msg: waiting[0]!, more: waiting.length > 1 });
  }
  return out;
}

interface Step {
  outcome: Omit<Done, 'more'>;
  /** Outbound rows to queue, in order. */
  rows: NewMessage[];
  effects: Effect[];
  /** What the user did, as conversation events to store. */
  signals: NewConversationEvent[];
  /** The session as the step leaves it (none when the message was not conversed with). */
  session?: SessionAfterStep;
}

async function runStep(
  trx: Kysely<Database>,
  session: SessionRow,
  msg: MessageRow,
  ctx: ProcessContext,
): Promise<Step> {
  // A system notice (number or BSUID changed) and a reaction are not said to the bot: stored, never answered.
  if (UNANSWERED_TYPES.has(msg.type)) return unanswered(session, msg, []);
  const stored = inputFromStoredMessage(msg.type, msg.payload);
  if (stored.input.kind === 'text') stored.input = { kind: 'text', text: storableText(stored.input.text) };
  const text = messagesFor(DEFAULT_LANGUAGE);
  const optOut = decideOptOut(session, stored.input, text);
  if (optOut.kind === 'opt_out' || optOut.kind === 'silent') {
    let rows: NewMessage[] = [];
    if (optOut.kind === 'opt_out') {
      await recordOptOut(trx, msg.phone, true, ctx.now);
      rows = outboundRows({ phone: msg.phone, replies: optOut.replies, replyTo: msg.id, now: ctx.now });
    }
    return unanswered(session, msg, rows);
  }
  if (optOut.kind === 'opt_in') await recordOptOut(trx, msg.phone, false, ctx.now);
  const gate = await gateBotReply(
    trx,
    msg.phone,
    stored.input,
    ctx.handoff ?? ALWAYS_OPEN,
    ctx.now,
    session.last_inbound_at,
  );
  if (gate.kind !== 'converse') {
    // A person owns (or was just asked for): the bot adds nothing but the START confirmation or the
    // "a consultant will reply" answer. The session still records the inbound time (the 24-hour window).
    const replies = [
      ...(optOut.kind === 'opt_in' ? optOut.replies : []),
      ...(gate.kind === 'requested' ? gate.replies : []),
    ];
    const rows = outboundRows({ phone: msg.phone, replies, replyTo: msg.id, now: ctx.now });
    return {
      outcome: {
        kind: 'processed',
        messageId: msg.id,
        wamid: msg.message_id,
        replies: rows.length,
        effects: [],
        step: session.current_step,
        previousStep: session.current_step,
      },
      rows,
      effects: [],
      signals: [],
      session: {
        id: session.id,
        step: 'main_menu',
        metadata: session.metadata,
        now: ctx.now,
        lastInboundAt: Math.max(session.last_inbound_at ?? 0, msg.timestamp),
        profileName: stored.profileName || null,
        bsuid: stored.bsuid || null,
        username: stored.username || null,
      },
    };
  }
  const result = handleMessage(
    sessionToState(session),
    optOut.kind === 'opt_in' || gate.menu ? { kind: 'text', text: 'menu' } : stored.input,
    {
      now: new Date(ctx.now),
      programs: ctx.programs,
      settings: ctx.settings,
      text,
    },
  );
  if (optOut.kind === 'opt_in') result.replies.unshift(...optOut.replies);
  const rows = outboundRows({
    phone: msg.phone,
    replies: result.replies,
    replyTo: msg.id,
    markReadWamid: ctx.markRead ? msg.message_id : null,
    now: ctx.now,
  });
  return {
    outcome: {
      kind: 'processed',
      messageId: msg.id,
      wamid: msg.message_id,
      replies: rows.length,
      effects: result.effects.map((e) => e.kind),
      step: result.state.step,
      previousStep: session.last_activity === null ? 'new' : session.current_step,
    },
    rows,
    effects: result.effects,
    signals: eventRows(msg.phone, result.signals, msg.timestamp),
    session: {
      id: session.id,
      step: result.state.step,
      metadata: JSON.stringify(result.state.data),
      now: ctx.now,
      lastInboundAt: Math.max(session.last_inbound_at ?? 0, msg.timestamp),
      profileName: stored.profileName ? oneLinePlainText(stored.profileName) || null : null,
      bsuid: stored.bsuid || null,
      username: stored.username || null,
    },
  };
}

const UNANSWERED_TYPES = new Set(['system', 'reaction']);

/** The conversation is not run: the session stays where it was, only `rows` (if any) are queued. */
function unanswered(session: SessionRow, msg: MessageRow, rows: NewMessage[]): Step {
  const step = session.current_step;
  return {
    outcome: {
      kind: 'processed',
      messageId: msg.id,
      wamid: msg.message_id,
      replies: rows.length,
      effects: [],
      step,
      previousStep: step,
    },
    rows,
    effects: [],
    signals: [],
  };
}

async function markInbound(
  trx: Kysely<Database>,
  ids: number[],
  status: 'processed' | 'expired',
  now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('whatsapp_messages')
    .set({ status, processed_at: now, updated_at: now })
    .where('id', 'in', ids)
    .execute();
}
