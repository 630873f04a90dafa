import type { Kysely } from 'kysely';
import { lockKey } from '../store/dialect.js';
import type { Database, NewMessage } from '../store/schema.js';
import type { ParsedWebhook, StatusUpdate } from '../whatsapp/types.js';
import { storableText } from '../lib/storable-text.js';
import { mergeStatus } from './status-precedence.js';

export interface IngestResult {
  /** Inbound messages newly stored (a redelivered wamid counts 0). */
  storedMessages: number;
  duplicateMessages: number;
  storedStatuses: number;
}

/**
 * Stores everything a webhook carried in one transaction, before the webhook is acknowledged.
 * wamid (messages) and (wamid, status) (statuses) are unique: redeliveries, sequential or
 * concurrent, on one instance or several, are stored once.
 */
export async function ingestWebhook(db: Kysely<Database>, parsed: ParsedWebhook, now: number): Promise<IngestResult> {
  if (parsed.messages.length === 0 && parsed.statuses.length === 0) {
    return { storedMessages: 0, duplicateMessages: 0, storedStatuses: 0 };
  }
  return db.transaction().execute(async (trx) => {
    let storedMessages = 0;
    if (parsed.messages.length > 0) {
      // Duplicates inside one payload are dropped here; across payloads by the unique index.
      const seen = new Set<string>();
      const rows: NewMessage[] = [];
      for (const m of parsed.messages) {
        if (seen.has(m.wamid)) continue;
        seen.add(m.wamid);
        rows.push({
          phone: storableText(m.userKey),
          message: storableText(m.summary),
          direction: 'incoming',
          timestamp: m.sentAt.getTime(),
          message_id: storableText(m.wamid),
          status: 'received',
          type: storableText(m.type).slice(0, 32),
          payload: JSON.stringify(m.raw),
          next_attempt_at: null,
          locked_until: null,
          error_code: null,
          error_title: null,
          reply_to: null,
          created_at: now,
          updated_at: now,
          processed_at: null,
          sent_at: null,
        });
      }
      const inserted = await trx
        .insertInto('whatsapp_messages')
        .values(rows)
        .onConflict((oc) => oc.column('message_id').doNothing())
        .returning('id')
        .execute();
      storedMessages = inserted.length;
    }
    let storedStatuses = 0;
    // Serialised with the sender recording these wamids, so a status that races its send result is
    // applied by whichever of the two commits second. Locks in a fixed order: no deadlocks.
    for (const wamid of [...new Set(parsed.statuses.map((s) => s.wamid))].sort()) await lockKey(trx, `wamid:${wamid}`);
    for (const s of parsed.statuses) {
      if (await storeStatus(trx, s, now)) storedStatuses++;
    }
    return { storedMessages, duplicateMessages: parsed.messages.length - storedMessages, storedStatuses };
  });
}

async function storeStatus(trx: Kysely<Database>, s: StatusUpdate, now: number): Promise<boolean> {
  const inserted = await trx
    .insertInto('whatsapp_statuses')
    .values({
      message_id: s.wamid,
      status: s.status,
      timestamp: s.at.getTime(),
      recipient_id: s.recipientId,
      error_code: s.errorCode,
      error_title: s.errorTitle ?? s.errorDetails,
      payload: JSON.stringify(s.raw),
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['message_id', 'status']).doNothing())
    .returning('id')
    .execute();
  if (inserted.length === 0) return false;
  await applyStatusToMessage(trx, s.wamid, s.status, s.errorCode, s.errorTitle ?? s.errorDetails, now);
  return true;
}

/** Moves the outbound message named by `wamid` forward (see mergeStatus). No row yet → nothing. */
export async function applyStatusToMessage(
  trx: Kysely<Database>,
  wamid: string,
  status: string,
  errorCode: number | null,
  errorTitle: string | null,
  now: number,
): Promise<void> {
  const row = await trx
    .selectFrom('whatsapp_messages')
    .select(['id', 'status'])
    .where('message_id', '=', wamid)
    .where('direction', '=', 'outgoing')
    .executeTakeFirst();
  if (!row) return;
  const next = mergeStatus(row.status, status);
  if (!next) return;
  await trx
    .updateTable('whatsapp_messages')
    .set({
      status: next,
      updated_at: now,
      ...(next === 'failed' ? { error_code: errorCode, error_title: errorTitle } : {}),
    })
    .where('id', '=', row.id)
    .execute();
}
