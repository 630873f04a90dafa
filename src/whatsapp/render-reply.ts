// A conversation Reply → the exact JSON body Meta expects on POST /{phone-number-id}/messages.
// Limits are enforced here too, because an over-long field costs a failed send (code 100/131009).
import type { ListRow, Reply } from '../conversation/types.js';
import type { GraphMessageBody } from './types.js';
import { WHATSAPP_LIMITS } from '../lib/whatsapp-limits.js';
import { truncateText } from './truncate-text.js';
import { isBsuid } from '../lib/phone.js';

export { WHATSAPP_LIMITS };

const L = WHATSAPP_LIMITS;

export interface RenderOptions {
  /** Quote this message (the user's wamid) in the reply bubble. */
  contextWamid?: string;
}

export function renderReply(to: string, reply: Reply, opts: RenderOptions = {}): GraphMessageBody {
  const base: GraphMessageBody = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipientField(to),
  };
  if (opts.contextWamid !== undefined && opts.contextWamid !== '') {
    base['context'] = { message_id: opts.contextWamid };
  }
  switch (reply.kind) {
    case 'text':
      return {
        ...base,
        type: 'text',
        text: {
          body: truncateText(reply.body, L.textBody),
          ...(reply.previewUrl === true ? { preview_url: true } : {}),
        },
      };
    case 'list':
      return { ...base, type: 'interactive', interactive: renderList(reply) };
    case 'buttons':
      return { ...base, type: 'interactive', interactive: renderButtons(reply) };
    case 'document':
      return {
        ...base,
        type: 'document',
        document: { link: reply.link, filename: reply.filename, ...optional('caption', reply.caption, L.caption) },
      };
  }
}

/**
 * Who a message goes to. A phone user is addressed by `to`; a username user we only know by BSUID
 * is addressed by `recipient`, the field Meta documents for sending to a business-scoped user id
 * (see ARCHITECTURE.md, "Users without a phone number").
 */
export function recipientField(userKey: string): { to: string } | { recipient: string } {
  return isBsuid(userKey) ? { recipient: userKey } : { to: formatRecipient(userKey) };
}

/**
 * Our user key is a wa_id (digits). Meta prefers E.164 with '+': without it Meta prepends the
 * business number's country code. Anything else (already '+', a BSUID) is sent as given.
 */
export function formatRecipient(userKey: string): string {
  return /^\d+$/.test(userKey) ? `+${userKey}` : userKey;
}

/** Mark a user's message read; with `typing` also show "typing…" (cleared on reply or after 25 s). */
export function markReadBody(wamid: string, typing: boolean): GraphMessageBody {
  return {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: wamid,
    ...(typing ? { typing_indicator: { type: 'text' } } : {}),
  };
}

function renderList(reply: Extract<Reply, { kind: 'list' }>): Record<string, unknown> {
  let rowsLeft: number = L.rowsTotal;
  const sections: { title: string; rows: Record<string, string>[] }[] = [];
  for (const section of reply.sections.slice(0, L.sections)) {
    const rows = section.rows.slice(0, rowsLeft).map(renderRow);
    rowsLeft -= rows.length;
    if (rows.length > 0) sections.push({ title: truncateText(section.title, L.sectionTitle), rows });
  }
  return {
    type: 'list',
    ...textHeader(reply.header),
    body: { text: truncateText(reply.body, L.interactiveBody) },
    ...textFooter(reply.footer),
    action: { button: truncateText(reply.button, L.listButton), sections },
  };
}

function renderRow(row: ListRow): Record<string, string> {
  return {
    // Ids are cut without an ellipsis: the conversation matches on them, a prefix is the best we can do.
    id: truncateText(row.id, L.rowId, ''),
    title: truncateText(row.title, L.rowTitle),
    ...optional('description', row.description, L.rowDescription),
  };
}

function renderButtons(reply: Extract<Reply, { kind: 'buttons' }>): Record<string, unknown> {
  return {
    type: 'button',
    ...textHeader(reply.header),
    body: { text: truncateText(reply.body, L.interactiveBody) },
    ...textFooter(reply.footer),
    action: {
      buttons: reply.buttons.slice(0, L.buttons).map((button) => ({
        type: 'reply',
        reply: { id: truncateText(button.id, L.buttonId, ''), title: truncateText(button.title, L.buttonTitle) },
      })),
    },
  };
}

function textHeader(header: string | undefined): Record<string, unknown> {
  return header === undefined || header === ''
    ? {}
    : { header: { type: 'text', text: truncateText(header, L.header) } };
}

function textFooter(footer: string | undefined): Record<string, unknown> {
  return footer === undefined || footer === '' ? {} : { footer: { text: truncateText(footer, L.footer) } };
}

function optional(key: string, value: string | undefined, max: number): Record<string, string> {
  return value === undefined || value === '' ? {} : { [key]: truncateText(value, max) };
}
