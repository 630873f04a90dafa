import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * One person's message rows, counted the one way `user-info`, `export-user` and `delete-user` show
 * them: messages in, messages out, and apart from those the mark-read receipts we sent for their
 * messages (rows of type `read`, plumbing rather than conversation). Meta's delivery statuses live in
 * their own table and are counted apart (countStatuses).
 */
export interface MessageCounts {
  incoming: number;
  outgoing: number;
  markRead: number;
}

/** Counts of the stored rows, by direction and type, with one grouped statement. */
export async function countMessages(db: Kysely<Database>, phone: string): Promise<MessageCounts> {
  const rows = await db
    .selectFrom('whatsapp_messages')
    .select(['direction', 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('phone', '=', phone)
    .groupBy(['direction', 'type'])
    .execute();
  return countMessageRows(rows.map((r) => ({ ...r, n: Number(r.n) })));
}

/** The same counts over rows already read (the export), `n` rows each. */
export function countMessageRows(rows: { direction: unknown; type: unknown; n?: number }[]): MessageCounts {
  const counts: MessageCounts = { incoming: 0, outgoing: 0, markRead: 0 };
  for (const r of rows) {
    const n = r.n ?? 1;
    if (r.type === 'read') counts.markRead += n;
    else if (r.direction === 'incoming') counts.incoming += n;
    else counts.outgoing += n;
  }
  return counts;
}

/** Delivery statuses stored for the person: by their messages' wamids, or naming them as recipient. */
/**
 * The delivery statuses that belong to one person: sent to them, or about a message of theirs. The
 * one definition `countStatuses` and `deleteUser` share, so the prompt counts what is deleted.
 */
export function statusesOf(phone: string) {
  return (eb: ExpressionBuilder<Database, 'whatsapp_statuses'>) =>
    eb.or([
      eb('recipient_id', '=', phone),
      eb(
        'message_id',
        'in',
        eb
          .selectFrom('whatsapp_messages')
          .select('message_id')
          .where('phone', '=', phone)
          .where('message_id', 'is not', null)
          .$narrowType<{ message_id: string }>(),
      ),
    ]);
}

export async function countStatuses(db: Kysely<Database>, phone: string): Promise<number> {
  const row = await db
    .selectFrom('whatsapp_statuses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(statusesOf(phone))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `6 message rows (2 in, 3 out, 1 mark-read receipt)`: the words all three commands use. */
export function describeMessageCounts(c: MessageCounts): string {
  const total = c.incoming + c.outgoing + c.markRead;
  return `${plural(total, 'message row')} (${c.incoming} in, ${c.outgoing} out, ${plural(c.markRead, 'mark-read receipt')})`;
}

/** `3 delivery statuses`. */
export function describeStatuses(n: number): string {
  return plural(n, 'delivery status', 'delivery statuses');
}
