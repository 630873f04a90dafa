// The agent inbox: conversations waiting for a person, the ones the operator owns, and every open
// one, with what is unread and how long the client has been waiting. The console's inbox page and
// its live stream read these.
import type { Kysely } from 'kysely';
import { SERVICE_WINDOW_MS } from '../lib/whatsapp-limits.js';
import type { Database } from '../store/schema.js';

export interface InboxItem {
  phone: string;
  name: string | null;
  status: 'pending' | 'open';
  operator: string | null;
  /** Client messages since the owner last looked, claimed or replied (from the request on while pending). */
  unread: number;
  /** How long the oldest unread message (or the request) has waited; 0 when nothing waits. */
  waitingMs: number;
  windowMsLeft: number;
}

export interface Inbox {
  pending: InboxItem[];
  mine: InboxItem[];
  open: InboxItem[];
}

const LIMIT = 200;

/** The three lists for `operator` (console operators act under their e-mail). */
export async function listInbox(db: Kysely<Database>, operator: string, now: number): Promise<Inbox> {
  const rows = await db
    .selectFrom('conversation_handoffs as h')
    .leftJoin('whatsapp_sessions as s', 's.phone', 'h.phone')
    .select([
      'h.phone',
      'h.status',
      'h.operator',
      'h.requested_at',
      'h.claimed_at',
      'h.last_operator_reply_at',
      'h.seen_at',
      's.profile_name',
      's.last_inbound_at',
    ])
    .where('h.status', 'in', ['pending', 'open'])
    .orderBy('h.updated_at')
    .limit(LIMIT)
    .execute();
  const items: InboxItem[] = [];
  for (const r of rows) {
    // Pending: from the message that asked for a person (stored just before the request was made).
    const trigger =
      r.status === 'pending'
        ? await db
            .selectFrom('whatsapp_messages')
            .select((eb) => eb.fn.max<number | null>('id').as('id'))
            .where('phone', '=', r.phone)
            .where('direction', '=', 'incoming')
            .where('created_at', '<=', r.requested_at ?? 0)
            .executeTakeFirst()
        : undefined;
    const since = Math.max(r.seen_at ?? 0, r.claimed_at ?? 0, r.last_operator_reply_at ?? 0);
    let q = db
      .selectFrom('whatsapp_messages')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number | null>('created_at').as('first')])
      .where('phone', '=', r.phone)
      .where('direction', '=', 'incoming');
    q =
      trigger?.id != null
        ? q.where('id', '>=', Number(trigger.id))
        : q.where('created_at', '>', r.status === 'pending' ? (r.requested_at ?? 0) : since);
    const unread = await q.executeTakeFirstOrThrow();
    const first = unread.first === null ? null : Number(unread.first);
    const waitingFrom = r.status === 'pending' ? (r.requested_at ?? first) : first;
    items.push({
      phone: r.phone,
      name: r.profile_name ?? null,
      status: r.status === 'pending' ? 'pending' : 'open',
      operator: r.operator,
      unread: Number(unread.n),
      waitingMs: waitingFrom === null ? 0 : Math.max(0, now - waitingFrom),
      windowMsLeft: r.last_inbound_at == null ? 0 : Math.max(0, r.last_inbound_at + SERVICE_WINDOW_MS - now),
    });
  }
  const longestWaitFirst = (a: InboxItem, b: InboxItem) => b.waitingMs - a.waitingMs;
  return {
    pending: items.filter((i) => i.status === 'pending').sort(longestWaitFirst),
    mine: items.filter((i) => i.status === 'open' && i.operator === operator).sort(longestWaitFirst),
    open: items.filter((i) => i.status === 'open').sort(longestWaitFirst),
  };
}

/** Changes whenever the inbox may look different: a handoff event, or a client message. */
export async function inboxVersion(db: Kysely<Database>): Promise<string> {
  const h = await db
    .selectFrom('conversation_handoffs')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max<number | null>('updated_at').as('at'),
      eb.fn.max<number | null>('seen_at').as('seen'),
    ])
    .executeTakeFirstOrThrow();
  const m = await db
    .selectFrom('whatsapp_messages')
    .select((eb) => eb.fn.max<number | null>('id').as('id'))
    .where('direction', '=', 'incoming')
    .executeTakeFirstOrThrow();
  return `${h.n}:${h.at ?? 0}:${h.seen ?? 0}:${m.id ?? 0}`;
}

/** "3 h 05 min", "12 min", "less than a minute". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : `${h} h ${String(m).padStart(2, '0')} min`;
}
