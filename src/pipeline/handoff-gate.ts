// The pipeline asks here before every bot reply: may the bot answer this conversation, and did the
// client just ask for a person? Ownership itself lives in handoff/.
import type { Kysely } from 'kysely';
import { HANDOFF_CHOICE_ID } from '../conversation/menus.js';
import type { Reply, UserInput } from '../conversation/types.js';
import { BACK_TO_BOT_WORDS } from '../handoff/copy.js';
import type { Messages } from '../messages.js';
import { applyHandoffEvent, getHandoff } from '../handoff/handoff-store.js';
import { asksForHuman } from '../handoff/keywords.js';
import { botMayAnswer } from '../handoff/ownership.js';
import { isWithinHours, type BusinessHours } from '../lib/business-hours.js';
import type { Database } from '../store/schema.js';

export interface HandoffSettings {
  businessHours: BusinessHours | undefined;
  timeZone: string;
}

export type GateDecision =
  /** The bot answers as usual; `menu` when a person just handed the conversation back (resolve or timeout). */
  | { kind: 'converse'; menu: boolean }
  /** A person owns (or is awaited by) this conversation: the bot says nothing. */
  | { kind: 'silent' }
  /** The client asked for a person: the conversation is now pending; tell them when to expect one. */
  | { kind: 'requested'; replies: Reply[] };

function plainWord(input: UserInput): string | null {
  if (input.kind === 'choice') return input.id === 'nav:menu' ? 'menu' : null;
  return input.kind === 'text'
    ? input.text
        .trim()
        .toLowerCase()
        .replace(/[.!]+$/, '')
    : null;
}

/** What the client is told when their request for a person is queued. */
export function pendingReply(settings: HandoffSettings, now: number, t: Messages): Reply {
  const h = settings.businessHours;
  const open = h === undefined || isWithinHours(h, now, settings.timeZone);
  const body = open
    ? t.t('handoff.pendingNow')
    : t.t('handoff.pendingLater', { hours: h.text, timeZone: settings.timeZone });
  return { kind: 'text', body };
}

/**
 * Decides inside the user's transaction (the session row lock serialises the user). A client who is
 * waiting and types `menu` goes back to the bot; `agent`, `human`… hand a bot-owned conversation over.
 */
export async function gateBotReply(
  trx: Kysely<Database>,
  phone: string,
  input: UserInput,
  settings: HandoffSettings,
  now: number,
  /** The client's previous inbound time: a hand-back after it means this is the first message since. */
  lastInboundAt: number | null,
  /** The client's language, for the "a consultant will reply" answer. */
  t: Messages,
): Promise<GateDecision> {
  const handoff = await getHandoff(trx, phone);
  const word = plainWord(input);
  if (handoff.owner === 'bot' && handoff.status === 'pending' && word !== null && BACK_TO_BOT_WORDS.has(word)) {
    await applyHandoffEvent(trx, phone, { kind: 'cancel' }, 'client', now);
    return { kind: 'converse', menu: false };
  }
  if (!botMayAnswer(handoff)) return { kind: 'silent' };
  const asked =
    (input.kind === 'text' && asksForHuman(input.text)) || (input.kind === 'choice' && input.id === HANDOFF_CHOICE_ID);
  if (!asked) {
    // Only a person's hand-back (resolve, timeout) brings the menu; the client's own `menu` did already.
    const handedBack = handoff.handedBackAt !== null && handoff.handedBackAt > (lastInboundAt ?? 0);
    return { kind: 'converse', menu: handedBack };
  }
  const applied = await applyHandoffEvent(trx, phone, { kind: 'request' }, 'client', now);
  return applied.ok ? { kind: 'requested', replies: [pendingReply(settings, now, t)] } : { kind: 'silent' };
}
