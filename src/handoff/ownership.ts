// Who owns a conversation, as a pure state machine: no database, no clock, no HTTP.
// The store (handoff-store.ts) persists the result and records every transition.

export type Owner = 'bot' | 'human';
export type HandoffStatus = 'open' | 'pending' | 'resolved';

export interface Ownership {
  owner: Owner;
  /** The operator who owns it; only while owner is 'human'. */
  operator: string | null;
  status: HandoffStatus;
}

/** A conversation nobody ever handed over: the bot answers. */
export const BOT_OWNED: Ownership = { owner: 'bot', operator: null, status: 'resolved' };

export type HandoffEvent =
  /** The client asked for a human (keyword, button, menu entry). */
  | { kind: 'request' }
  /** An operator claims it, or an admin assigns it to one. */
  | { kind: 'claim'; operator: string }
  /** An admin gives a waiting or open conversation to an operator, whoever owned it before. */
  | { kind: 'assign'; operator: string }
  /** A person spoke from the business number (console reply or WhatsApp Business app echo). */
  | { kind: 'human_spoke'; operator: string }
  /** The operator (or an admin) hands it back to the bot. */
  | { kind: 'resolve' }
  /** Nobody answered within HANDOFF_TIMEOUT_MINUTES: back to the bot. */
  | { kind: 'timeout' }
  /** The client went back to the bot's menu while waiting. */
  | { kind: 'cancel' };

export type TransitionResult =
  | { ok: true; next: Ownership }
  | { ok: false; reason: 'already_pending' | 'already_owned' | 'not_handed_over' | 'not_pending' };

/** The next ownership after `event`, or why the event does not apply now. */
export function transition(current: Ownership, event: HandoffEvent): TransitionResult {
  switch (event.kind) {
    case 'request':
      if (current.status === 'pending') return { ok: false, reason: 'already_pending' };
      if (current.owner === 'human') return { ok: false, reason: 'already_owned' };
      return { ok: true, next: { owner: 'bot', operator: null, status: 'pending' } };
    case 'claim':
      if (current.owner === 'human' && current.operator !== event.operator)
        return { ok: false, reason: 'already_owned' };
      return { ok: true, next: { owner: 'human', operator: event.operator, status: 'open' } };
    case 'assign':
      if (current.owner === 'bot' && current.status !== 'pending') return { ok: false, reason: 'not_handed_over' };
      return { ok: true, next: { owner: 'human', operator: event.operator, status: 'open' } };
    case 'human_spoke':
      // Whoever speaks for the business takes an unowned conversation; an owned one keeps its owner.
      if (current.owner === 'human') return { ok: true, next: current };
      return { ok: true, next: { owner: 'human', operator: event.operator, status: 'open' } };
    case 'resolve':
    case 'timeout':
      if (current.owner === 'bot' && current.status !== 'pending') return { ok: false, reason: 'not_handed_over' };
      return { ok: true, next: BOT_OWNED };
    case 'cancel':
      if (current.status !== 'pending' || current.owner !== 'bot') return { ok: false, reason: 'not_pending' };
      return { ok: true, next: BOT_OWNED };
  }
}

/** May the bot answer this conversation? Only when no person owns it and none is awaited. */
export function botMayAnswer(o: Ownership): boolean {
  return o.owner === 'bot' && o.status !== 'pending';
}

/** `bot/resolved`, `human:sara/open`: how a state reads in the transition log. */
export function describeOwnership(o: Ownership): string {
  return o.owner === 'human' ? `human:${o.operator ?? '?'}/${o.status}` : `bot/${o.status}`;
}
