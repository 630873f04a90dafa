import type { Kysely } from 'kysely';
import { queueOutbound } from '../pipeline/queue-outbound.js';
import type { Database } from '../store/schema.js';
import { requirePhone } from './require-phone.js';

export const DEFAULT_TEST_TEXT = '✅ Test message from Nexora Investments bot';
const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface TestMessageResult {
  id: number;
  phone: string;
  /** Meta refuses free text to someone who has not written in 24 hours: this send will fail. */
  outsideWindow: boolean;
}

/**
 * Queues a text message through the real outbound queue (`test-message`); the running server's
 * sender delivers it and records the outcome on the row.
 */
export async function queueTestMessage(
  db: Kysely<Database>,
  phoneInput: string,
  text: string,
  now: number,
): Promise<TestMessageResult> {
  const phone = requirePhone(phoneInput);
  return db.transaction().execute(async (trx) => {
    await queueOutbound(trx, { phone, replies: [{ kind: 'text', body: text }], replyTo: null, now });
    // queueOutbound reports a count; our row is this transaction's newest queued row for the phone.
    const row = await trx
      .selectFrom('whatsapp_messages')
      .select('id')
      .where('phone', '=', phone)
      .where('direction', '=', 'outgoing')
      .where('created_at', '=', now)
      .where('reply_to', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const session = await trx
      .selectFrom('whatsapp_sessions')
      .select('last_inbound_at')
      .where('phone', '=', phone)
      .executeTakeFirst();
    const lastInbound = session?.last_inbound_at ?? null;
    return { id: row.id, phone, outsideWindow: lastInbound === null || now - lastInbound > WINDOW_MS };
  });
}
