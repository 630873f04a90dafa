// Finding work in the queues at a cost that does not grow with one user's backlog (issue 13: one
// webhook carrying 5,000 messages from one user froze the service). Scanning waiting rows in id
// order meant reading every one of that user's rows to reach the next user, on every scan and
// every claim. These walk the users instead: a recursive query jumps from one user key to the next
// over the partial index of the queue (one index seek per user, whatever each one has waiting) and
// reads each user's head with one more seek. Same text on both databases; each caller keeps a
// cursor (the last user key seen) so successive walks go round all users fairly. The statements
// are exported as builders too, so a test can EXPLAIN exactly what runs (test/one-user-backlog).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, MessageRow } from './schema.js';

export interface UserWalk<T> {
  /** What the walk found for each user it passed, in user-key order. */
  found: T[];
  /** Where the next walk should start: '' when this one reached the last user. */
  next: string;
}

/** Over `idx_messages_inbound_pending (phone, timestamp, id) where status = 'received'`. */
export function usersWithReceivedQuery(after: string, max: number): RawBuilder<{ phone: string }> {
  return sql`
    with recursive u(phone, n) as (
      select (select min(phone) from whatsapp_messages where status = 'received' and phone > ${after}), 1
      union all
      select (select min(m.phone) from whatsapp_messages m where m.status = 'received' and m.phone > u.phone), u.n + 1
      from u where u.phone is not null and u.n < ${max}
    )
    select phone from u where phone is not null`;
}

/** Up to `max` users with `received` messages, in user-key order after `after`. */
export async function usersWithReceived(db: Kysely<Database>, after: string, max: number): Promise<UserWalk<string>> {
  const { rows } = await usersWithReceivedQuery(after, max).execute(db);
  const found = rows.map((r) => r.phone);
  return { found, next: found.length < max ? '' : found.at(-1)! };
}

/**
 * Each user's two oldest `received` messages (WhatsApp timestamp, then id): one `limit 2` per user
 * over the same partial index, so the cost is the same however many messages a user has waiting
 * (a window over all of them grew with the backlog).
 */
export function nextReceivedQuery(phones: readonly string[]): RawBuilder<MessageRow> {
  const perUser = phones.map(
    (phone) => sql`select * from (select m.* from whatsapp_messages m
      where m.status = 'received' and m.phone = ${phone} order by m.timestamp, m.id limit 2) as t`,
  );
  return sql`${sql.join(perUser, sql` union all `)}`;
}

/** Each user's oldest `received` message, and whether another one waits behind it. */
export async function nextReceived(
  db: Kysely<Database>,
  phones: readonly string[],
): Promise<Map<string, { msg: MessageRow; more: boolean }>> {
  const out = new Map<string, { msg: MessageRow; more: boolean }>();
  if (phones.length === 0) return out;
  const { rows } = await nextReceivedQuery(phones).execute(db);
  const byPhone = new Map<string, MessageRow[]>();
  for (const r of rows) byPhone.set(r.phone, [...(byPhone.get(r.phone) ?? []), r]);
  for (const [phone, waiting] of byPhone) {
    waiting.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
    out.set(phone, { msg: waiting[0]!, more: waiting.length > 1 });
  }
  return out;
}

/**
 * Over `idx_messages_outbound_pending_phone (phone, id) where status in ('queued', 'sending') and
 * type <> 'read'`. Each step takes the next (phone, id) pair in that index's order, which only that
 * index can give: asked for a user's `min(id)` instead, PostgreSQL chose the id index and filtered
 * its way through the flooding user's rows (60,000 rows read for 21 users in test/one-user-backlog).
 */
export function claimableHeadsQuery(
  after: string,
  max: number,
  now: number,
): RawBuilder<{ phone: string; id: number | string | null }> {
  const pending = sql`status in ('queued', 'sending') and type <> 'read'`;
  const next = (col: 'phone' | 'id', prev: RawBuilder<unknown> | string) =>
    sql`(select ${sql.ref(col)} from whatsapp_messages where ${pending} and phone > ${prev} order by phone, id limit 1)`;
  return sql`
    with recursive u(phone, id, n) as (
      select ${next('phone', after)}, ${next('id', after)}, 1
      union all
      select ${next('phone', sql.ref('u.phone'))}, ${next('id', sql.ref('u.phone'))}, u.n + 1
      from u where u.phone is not null and u.n < ${max}
    )
    select u.phone, (
      select h.id from whatsapp_messages h
      where h.id = u.id
        and ((h.status = 'queued' and h.next_attempt_at <= ${now}) or (h.status = 'sending' and h.locked_until < ${now}))
    ) as id
    from u where u.phone is not null`;
}

/**
 * The claimable head of each of up to `max` users with unfinished replies, in user-key order after
 * `after`. A user's head is their oldest unfinished reply; it is claimable when queued and due, or
 * sending with an expired lease. A user whose head is not claimable has nothing to claim: that is
 * per-user order. Mark-reads are outside this order (see dueReads).
 */
export async function claimableHeads(
  db: Kysely<Database>,
  after: string,
  max: number,
  now: number,
): Promise<UserWalk<{ id: number; phone: string }>> {
  const { rows } = await claimableHeadsQuery(after, max, now).execute(db);
  const found: { id: number; phone: string }[] = [];
  for (const r of rows) if (r.id !== null) found.push({ id: Number(r.id), phone: r.phone });
  return { found, next: rows.length < max ? '' : rows.at(-1)!.phone };
}

/** Over `idx_messages_outbound_pending (id) where status in ('queued', 'sending')`. */
export function dueReadsQuery(afterId: number, window: number, now: number): RawBuilder<{ id: number | string }> {
  return sql`
    select w.id from (
      select id, type, status, next_attempt_at, locked_until from whatsapp_messages
      where status in ('queued', 'sending') and id > ${afterId}
      order by id limit ${window}
    ) w
    where w.type = 'read'
      and ((w.status = 'queued' and w.next_attempt_at <= ${now}) or (w.status = 'sending' and w.locked_until < ${now}))`;
}

/**
 * Due mark-reads among the `window` unfinished outbound rows after id `afterId`. Mark-reads keep no
 * order, so the window can move on every claim: each claim reads at most `window` rows, and a long
 * backlog of one user's replies delays other users' read receipts by a few claims instead of making
 * every claim read all of it. `next` is 0 when the window reached the end of the queue.
 */
export async function dueReads(
  db: Kysely<Database>,
  afterId: number,
  window: number,
  now: number,
): Promise<{ found: number[]; next: number }> {
  const { rows } = await dueReadsQuery(afterId, window, now).execute(db);
  // Where the window ended: only that id comes back, not the window's rows.
  const { rows: last } = await sql<{ id: number | string }>`
    select id from whatsapp_messages where status in ('queued', 'sending') and id > ${afterId}
    order by id limit 1 offset ${window - 1}`.execute(db);
  return { found: rows.map((r) => Number(r.id)), next: last[0] ? Number(last[0].id) : 0 };
}
