// Real-shaped webhook payloads (Meta's documented shapes, fake ids) for tests and the load driver.
let counter = 0;
export function nextWamid(prefix = 'IN'): string {
  counter++;
  return `wamid.TEST_${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

export const BUSINESS = { wabaId: '100000000000001', phoneNumberId: '200000000000002', display: '15550001111' };

export interface MessageOpts {
  wamid?: string;
  /** Epoch seconds; default now. */
  ts?: number;
  name?: string;
}

function base(from: string, type: string, o: MessageOpts) {
  return {
    from,
    id: o.wamid ?? nextWamid(),
    timestamp: String(o.ts ?? Math.floor(Date.now() / 1000)),
    type,
  };
}

export function textMessage(from: string, body: string, o: MessageOpts = {}) {
  return { ...base(from, 'text', o), text: { body } };
}

export function listReply(from: string, id: string, title: string, o: MessageOpts = {}) {
  return { ...base(from, 'interactive', o), interactive: { type: 'list_reply', list_reply: { id, title } } };
}

export function buttonReply(from: string, id: string, title: string, o: MessageOpts = {}) {
  return { ...base(from, 'interactive', o), interactive: { type: 'button_reply', button_reply: { id, title } } };
}

/** An image; with a caption it is a question to the bot (the caption is read as text). */
export function imageMessage(from: string, o: MessageOpts & { caption?: string } = {}) {
  const { caption, ...opts } = o;
  return {
    ...base(from, 'image', opts),
    image: {
      id: '300000000000009',
      mime_type: 'image/jpeg',
      sha256: 'abc',
      ...(caption === undefined ? {} : { caption }),
    },
  };
}

export function locationMessage(from: string, o: MessageOpts = {}) {
  return { ...base(from, 'location', o), location: { latitude: 25.2, longitude: 55.27, name: 'Dubai Marina' } };
}

type Msg = { from?: string; id: string } & Record<string, unknown>;

/** One webhook body carrying the given messages (grouped in one change) and statuses. */
export function envelope(opts: { messages?: Msg[]; statuses?: unknown[]; name?: string }) {
  const messages = opts.messages ?? [];
  const contacts = [...new Set(messages.map((m) => m.from).filter(Boolean))].map((waId) => ({
    profile: { name: opts.name ?? 'Test User' },
    wa_id: waId,
  }));
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: BUSINESS.display, phone_number_id: BUSINESS.phoneNumberId },
  };
  if (messages.length > 0) {
    value.contacts = contacts;
    value.messages = messages;
  }
  if (opts.statuses) value.statuses = opts.statuses;
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: BUSINESS.wabaId, changes: [{ field: 'messages', value }] }],
  };
}

export function statusUpdate(
  wamid: string,
  status: string,
  recipient: string,
  o: { code?: number; title?: string; ts?: number } = {},
) {
  return {
    id: wamid,
    status,
    timestamp: String(o.ts ?? Math.floor(Date.now() / 1000)),
    recipient_id: recipient,
    ...(o.code
      ? {
          errors: [
            {
              code: o.code,
              title: o.title ?? 'error',
              message: o.title ?? 'error',
              error_data: { details: 'details' },
            },
          ],
        }
      : {}),
  };
}
