import type { Kysely } from 'kysely';
import { lockKeys } from '../store/dialect.js';
import { insertNewInbound } from '../store/fixed-sql.js';
import type { Database, NewMessage } from '../store/schema.js';
import type { InboundMessage, ParsedWebhook, StatusUpdate } from '../whatsapp/types.js';
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
  const [result] = await ingestWebhooks(db, [parsed], now);
  return result!;
}

/**
 * Stores several webhooks in one transaction (group commit: one commit for every webhook that
 * arrived together), with one result per webhook, in order. All or nothing: the caller falls back
 * to one transaction per webhook if the group fails, so one bad webhook cannot fail the others.
 */
export async function ingestWebhooks(db: Kysely<Database>, batch: readonly ParsedWebhook[], now: number): Promise<IngestResult[]> {
  const results = batch.map((p) => ({ storedMessages: 0, duplicateMessages: p.messages.length, storedStatuses: 0 }));
  if (batch.every((p) => p.messages.length === 0 && p.statuses.length === 0)) return results;
  return db.transaction().execute(async (trx) => {
    // Duplicates inside the group are dropped here (the first webhook carrying a wamid stores it);
    // across groups and instances by the unique index.
    const seen = new Set<string>();
    const rows: NewMessage[] = [];
    const owner = new Map<string, number>();
    batch.forEach((parsed, i) => {
      for (const m of parsed.messages) {
        const wamid = storableText(m.wamid);
        if (seen.has(wamid)) continue;
        seen.add(wamid);
        owner.set(wamid, i);
        rows.push(inboundRow(m, wamid, now));
      }
    });
    if (rows.length > 0) {
      for (const wamid of await insertNewInbound(trx, rows)) {
        const i = owner.get(wamid);
        if (i === undefined) continue;
        results[i]!.storedMessages++;
        results[i]!.duplicateMessages--;
      }
    }
    // Serialised with the sender recording these wamids, so a status that races its send result is
    // applied by whichever of the two commits second. Every lock of the group is taken first, in one
    // sorted order: no deadlocks.
    const statusWamids = [...new Set(batch.flatMap((p) => p.statuses.map((s) => s.wamid)))].sort();
    await lockKeys(
      trx,
      statusWamids.map((w) => `wamid:${w}`),
    );
    for (let i = 0; i < batch.length; i++) {
      for (const s of batch[i]!.statuses) {
        if (await storeStatus(trx, s, now)) results[i]!.storedStatuses++;
      }
    }
    return results;
  });
}

function inboundRow(m: InboundMessage, wamid: string, now: number): NewMessage {
  return {
    phone: storableText(m.userKey),
    message: storableText(m.summary),
    direction: 'incoming',
    timestamp: m.sentAt.getTime(),
    message_id: wamid,
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
  };
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
