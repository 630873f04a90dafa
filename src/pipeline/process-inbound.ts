import type { Kysely } from 'kysely';
import { questionIndexFor } from '../search/question-index.js';
import { handleMessage } from '../conversation/handle-message.js';
import { DEFAULT_LANGUAGE, toLanguage, type Language } from '../i18n/languages.js';
import { messagesFor } from '../messages.js';
import { detectLanguage } from './detect-user-language.js';
import type { ConversationSettings, Effect, Program } from '../conversation/types.js';
import { insertMessages, updateSessionsAfterStep, type SessionAfterStep } from '../store/fixed-sql.js';
import { nextReceived } from '../store/pending-work.js';
import { claimSessions, sessionToState } from '../store/sessions-repository.js';
import type { Database, MessageRow, NewMessage, SessionRow } from '../store/schema.js';
import { inputFromStoredMessage } from '../whatsapp/stored-message.js';
import { CALL_PERMISSION_REPLY } from '../whatsapp/to-user-input.js';
import { applyEffects } from './apply-effects.js';
import { eventRows, insertConversationEvents, type NewConversationEvent } from '../leads/conversation-events.js';
import { rescoreLeadsOf } from '../leads/rescore-lead.js';
import { storableText } from '../lib/storable-text.js';
import { isBsuid } from '../lib/phone.js';
import { decideOptOut, recordOptOut } from './opt-out.js';
import { oneLinePlainText } from '../lib/plain-text.js';
import { outboundRows } from './queue-outbound.js';
import { gateBotReply, pendingReply, type HandoffSettings } from './handoff-gate.js';
import { applyHandoffEvent } from '../handoff/handoff-store.js';
import { applyIdentityChange, joinIdentities, recordReaction } from './inbound-notices.js';
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
    const heads = await nextReceived(trx, [...sessions.keys()]);
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
        // Too late to answer, not too late to act on: Meta redelivers for up to 7 days.
        await applyLateSideEffects(trx, session, head.msg, ctx.now);
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
  claimed: SessionRow,
  msg: MessageRow,
  ctx: ProcessContext,
): Promise<Step> {
  const stored = inputFromStoredMessage(msg.type, msg.payload);
  // A system notice (number or BSUID changed) and a reaction are not said to the bot: recorded, never answered.
  if (msg.type === 'reaction') {
    await recordReaction(trx, msg);
    return unanswered(claimed, msg, []);
  }
  if (msg.type === 'system') {
    await applyIdentityChange(trx, msg, stored, ctx.now);
    return unanswered(claimed, msg, []);
  }
  const session = await joinIdentities(trx, claimed, msg, stored, ctx.now);
  // The answer to a call-permission request is a notice too: kept (with the identity it carried), not answered.
  if (stored.input.kind === 'unsupported' && stored.input.type === CALL_PERMISSION_REPLY)
    return unanswered(session, msg, []);
  if (stored.input.kind === 'text') stored.input = { kind: 'text', text: storableText(stored.input.text) };
  const known = storedLanguage(session);
  // Detection only while no language is stored (once detected or chosen it is kept), and not on an
  // answer to a question: a name, an e-mail or a country says nothing about the user's language
  // ("María José" read as Spanish).
  const detected =
    known === null && stored.input.kind === 'text' && !ANSWER_STEPS.has(session.current_step)
      ? detectLanguage(stored.input.text)
      : null;
  const language: Language = known ?? detected ?? DEFAULT_LANGUAGE;
  const text = messagesFor(language);
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
    text,
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
        profileName: plainName(stored.profileName),
        bsuid: stored.bsuid || null,
        username: plainName(stored.username),
        language: detected,
      },
    };
  }
  const result = handleMessage(
    sessionToState(session),
    optOut.kind === 'opt_in' || gate.menu ? { kind: 'text', text: 'menu' } : stored.input,
    {
      now: new Date(ctx.now),
      programs: ctx.programs,
      questions: questionIndexFor(ctx.programs),
      settings: ctx.settings,
      text,
      textIn: messagesFor,
    },
  );
  if (optOut.kind === 'opt_in') result.replies.unshift(...optOut.replies);
  // Menu option 7: the client asked for a person; the conversation becomes pending as with a keyword.
  if (result.effects.some((e) => e.kind === 'request_handoff')) {
    result.effects = result.effects.filter((e) => e.kind !== 'request_handoff');
    const applied = await applyHandoffEvent(trx, msg.phone, { kind: 'request' }, 'client', ctx.now);
    if (applied.ok) result.replies.push(pendingReply(ctx.handoff ?? ALWAYS_OPEN, ctx.now, text));
  }
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
      profileName: plainName(stored.profileName),
      bsuid: stored.bsuid || null,
      username: plainName(stored.username),
      language: result.language ?? detected,
    },
  };
}

/**
 * A profile name or username as the session keeps it (shown in the console, exported to CSV and
 * JSON): on one line, without bidirectional overrides or other controls; empty means none.
 */
function plainName(name: string | null): string | null {
  return name ? oneLinePlainText(name) || null : null;
}

/**
 * What a message too old to answer still changes, with no reply and no conversation step: a number
 * or BSUID change, a reaction, the (phone, BSUID) pair and its earlier history, the ad of a first
 * message, and STOP (typed or tapped). A late START is not applied: consent to marketing is not
 * resumed on a two-day-old word the user was never told was heard.
 */
async function applyLateSideEffects(
  trx: Kysely<Database>,
  claimed: SessionRow,
  msg: MessageRow,
  now: number,
): Promise<void> {
  const stored = inputFromStoredMessage(msg.type, msg.payload);
  if (msg.type === 'reaction') return recordReaction(trx, msg);
  if (msg.type === 'system') return applyIdentityChange(trx, msg, stored, now);
  const session = await joinIdentities(trx, claimed, msg, stored, now);
  if (stored.bsuid && session.bsuid !== stored.bsuid && !isBsuid(msg.phone))
    await trx
      .updateTable('whatsapp_sessions')
      .set({ bsuid: stored.bsuid, updated_at: now })
      .where('id', '=', session.id)
      .execute();
  const optOut = decideOptOut(session, stored.input, messagesFor(DEFAULT_LANGUAGE));
  if (optOut.kind === 'opt_out') await recordOptOut(trx, msg.phone, true, now);
}

/** The stored language, or null when none is (a tag we no longer have reads as English via toLanguage). */
/** Steps whose answer is data (a name, an address, an amount, a country, a job title), not a sign of a language. */
const ANSWER_STEPS = new Set(['ask_name', 'ask_email', 'ask_budget', 'ask_country', 'ask_job_keywords']);

function storedLanguage(session: SessionRow): Language | null {
  return session.language === null || session.language === '' ? null : toLanguage(session.language);
}

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
