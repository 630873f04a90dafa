import type { Kysely } from 'kysely';
import type { Reply } from '../conversation/types.js';
import type { Database, NewMessage } from '../store/schema.js';
import { insertMessages } from '../store/fixed-sql.js';
import { markReadBody, renderReply } from '../whatsapp/render-reply.js';

/** What a reply reads like in the message history (the seed's `message` column). */
export function replySummary(reply: Reply): string {
  switch (reply.kind) {
    case 'text':
      return reply.body;
    case 'list':
      return `${reply.body}\n[list: ${reply.sections.flatMap((s) => s.rows.map((r) => r.title)).join(' | ')}]`;
    case 'buttons':
      return `${reply.body}\n[buttons: ${reply.buttons.map((b) => b.title).join(' | ')}]`;
    case 'document':
      return `[document: ${reply.filename}] ${reply.caption ?? ''}`.trim();
  }
}

function outboundRow(
  phone: string,
  type: string,
  message: string,
  payload: unknown,
  replyTo: number | null,
  now: number,
): NewMessage {
  return {
    phone,
    message,
    direction: 'outgoing',
    timestamp: now,
    message_id: null,
    status: 'queued',
    type,
    payload: JSON.stringify(payload),
    next_attempt_at: now,
    locked_until: null,
    error_code: null,
    error_title: null,
    reply_to: replyTo,
    created_at: now,
    updated_at: now,
    processed_at: null,
    sent_at: null,
  };
}

export interface OutboundArgs {
  phone: string;
  replies: Reply[];
  replyTo: number | null;
  markReadWamid?: string | null;
  now: number;
}

/**
 * The rows that queue these replies (and, optionally, the mark-read of the inbound message), in
 * sending order: inserted in this order, their ids ascend, and the sender keeps each user's
 * messages in id order.
 */
export function outboundRows(args: OutboundArgs): NewMessage[] {
  const rows: NewMessage[] = [];
  if (args.markReadWamid) {
    rows.push(
      outboundRow(args.phone, 'read', '[mark read]', markReadBody(args.markReadWamid, true), args.replyTo, args.now),
    );
  }
  for (const reply of args.replies) {
    const body = renderReply(args.phone, reply);
    rows.push(outboundRow(args.phone, String(body.type), replySummary(reply), body, args.replyTo, args.now));
  }
  return rows;
}

/** Queues replies inside the caller's transaction; returns how many rows were queued. */
export async function queueOutbound(trx: Kysely<Database>, args: OutboundArgs): Promise<number> {
  const rows = outboundRows(args);
  await insertMessages(trx, rows);
  return rows.length;
}

/**
 * Queues one ready Graph body written by a person (a template), with its operator, inside the
 * caller's transaction; returns the row's id. Same queue, order, rate and retries as the bot's.
 */
export async function queueOperatorBody(
  trx: Kysely<Database>,
  args: {
    phone: string;
    type: string;
    summary: string;
    body: unknown;
    operator: string;
    now: number;
    /** A template's category (MARKETING…): a marketing stop cancels it while queued. */
    templateCategory?: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('whatsapp_messages')
    .values({
      ...outboundRow(args.phone, args.type, args.summary, args.body, null, args.now),
      operator: args.operator,
      ...(args.templateCategory === undefined ? {} : { template_category: args.templateCategory }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
