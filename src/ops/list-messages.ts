import type { Kysely } from 'kysely';
import type { Database, InboundState, OutboundState } from '../store/schema.js';
import { toMessageView, type MessageView } from './user-views.js';

export const MESSAGE_STATUSES = [
  'received',
  'processed',
  'expired',
  'failed',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'sandbox',
] as const;
export type MessageStatus = InboundState | OutboundState;

export interface MessageListItem extends MessageView {
  phone: string;
  attempts: number;
  updatedAt: string;
}

/** Messages by status, newest change first (GET /admin/api/messages?status=failed). */
export async function listMessages(
  db: Kysely<Database>,
  args: { status?: MessageStatus; direction?: 'incoming' | 'outgoing'; limit: number; offset: number },
): Promise<{ total: number; limit: number; offset: number; messages: MessageListItem[] }> {
  let q = db.selectFrom('whatsapp_messages').where('type', '<>', 'read');
  if (args.status) q = q.where('status', '=', args.status);
  if (args.direction) q = q.where('direction', '=', args.direction);
  const rows = await q
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(args.limit)
    .offset(args.offset)
    .execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    total: Number(count.n),
    limit: args.limit,
    offset: args.offset,
    messages: rows.map((m) => ({
      ...toMessageView(m),
      phone: m.phone,
      attempts: m.attempts,
      updatedAt: new Date(m.updated_at).toISOString(),
    })),
  };
}
