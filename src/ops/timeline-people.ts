// Who did what in a conversation's timeline: the operator behind each message a person sent (their
// display name), and the handoff transitions (asked for a consultant, claimed, assigned, resolved,
// timed out) placed among the messages by time.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { iso } from './require-phone.js';

export interface TimelineEvent {
  at: string;
  /** request, claim, assign, human_spoke, resolve, timeout, cancel */
  event: string;
  /** In words: "Claimed by Karim Consultant". */
  text: string;
}

export interface TimelinePeople {
  /** Message id → who sent it (outgoing messages written by a person). */
  senders: Map<number, string>;
  /** Message id → the transitions that happened before it (and after the message before it). */
  eventsBefore: Map<number, TimelineEvent[]>;
  /** Transitions after the last message shown. */
  eventsAfter: TimelineEvent[];
}

/** An operator id as people read it: the console's display name, else an e-mail's local part, else the id. */
export function operatorLabel(id: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(id.toLowerCase());
  if (name) return name;
  const at = id.indexOf('@');
  return at > 0 ? id.slice(0, at) : id;
}

/** `human:sara@x/open` → `sara@x`; null for a bot-owned state. */
function ownerOf(state: string): string | null {
  const m = /^human:(.*)\/[a-z]+$/.exec(state);
  return m ? m[1]! : null;
}

function describe(e: { actor: string; event: string; to_state: string }, label: (id: string) => string): string {
  const owner = ownerOf(e.to_state);
  switch (e.event) {
    case 'request':
      return 'The client asked for a consultant';
    case 'claim':
      return owner !== null && owner.toLowerCase() !== e.actor.toLowerCase()
        ? `Assigned to ${label(owner)} by ${label(e.actor)}`
        : `Claimed by ${label(e.actor)}`;
    case 'assign':
      return `Assigned to ${owner === null ? '?' : label(owner)} by ${label(e.actor)}`;
    case 'human_spoke':
      return `${label(owner ?? e.actor)} took over by writing to the client`;
    case 'resolve':
      return `Resolved by ${label(e.actor)}: the bot answers again`;
    case 'timeout':
      return 'Timed out: the client waited too long without an answer (HANDOFF_TIMEOUT_MINUTES); the bot answers again';
    case 'cancel':
      return 'The client went back to the menu: no longer waiting';
    default:
      return `${e.event} by ${label(e.actor)}`;
  }
}

/**
 * Senders and transitions for the messages shown (`messages`: id and ISO time, oldest first).
 * Transitions older than the first message shown are left out with the messages they came with.
 */
export async function timelinePeople(
  db: Kysely<Database>,
  phone: string,
  messages: readonly { id: number; at: string }[],
): Promise<TimelinePeople> {
  const ids = messages.map((m) => m.id);
  const sent =
    ids.length === 0
      ? []
      : await db
          .selectFrom('whatsapp_messages')
          .select(['id', 'operator'])
          .where('id', 'in', ids)
          .where('operator', 'is not', null)
          .execute();
  const events = await db
    .selectFrom('handoff_events')
    .select(['actor', 'event', 'to_state', 'created_at'])
    .where('phone', '=', phone)
    .orderBy('id')
    .execute();
  const people = new Set<string>(sent.map((r) => r.operator!.toLowerCase()));
  for (const e of events) {
    people.add(e.actor.toLowerCase());
    const owner = ownerOf(e.to_state);
    if (owner) people.add(owner.toLowerCase());
  }
  const names = new Map<string, string>();
  if (people.size > 0) {
    const rows = await db
      .selectFrom('console_operators')
      .select(['email', 'display_name'])
      .where('email', 'in', [...people])
      .execute();
    for (const r of rows) if (r.display_name.trim() !== '') names.set(r.email, r.display_name);
  }
  const label = (id: string) => operatorLabel(id, names);
  const senders = new Map(sent.map((r) => [Number(r.id), label(r.operator!)]));

  const eventsBefore = new Map<number, TimelineEvent[]>();
  const eventsAfter: TimelineEvent[] = [];
  const first = messages.length > 0 ? Date.parse(messages[0]!.at) : -Infinity;
  let i = 0;
  for (const e of events) {
    const at = Number(e.created_at);
    if (at < first) continue;
    const view: TimelineEvent = { at: iso(at)!, event: e.event, text: describe(e, label) };
    // The first message at or after the transition: a claim comes before the reply it made possible.
    while (i < messages.length && Date.parse(messages[i]!.at) < at) i++;
    const next = messages[i];
    if (next === undefined) eventsAfter.push(view);
    else eventsBefore.set(next.id, [...(eventsBefore.get(next.id) ?? []), view]);
  }
  return { senders, eventsBefore, eventsAfter };
}
