import type { Kysely } from 'kysely';
import { lockKeys } from '../store/dialect.js';
import { insertNewInbound, insertNewStatuses, writeStatuses, type StatusWrite } from '../store/fixed-sql.js';
import type { Database, NewMessage, NewStatus } from '../store/schema.js';
import type { InboundMessage, ParsedWebhook, StatusUpdate } from '../whatsapp/types.js';
import { boundedJson } from '../lib/bounded-json.js';
import { storableText } from '../lib/storable-text.js';
import { mergeStatus } from './status-precedence.js';
import { storeSetAside, storeWebhookEvents } from './ingest-events.js';
import { queueMediaDownloads, type MediaToFetch } from './media-download.js';
import { inboundMedia } from '../whatsapp/inbound-media.js';

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
export async function ingestWebhooks(
  db: Kysely<Database>,
  batch: readonly ParsedWebhook[],
  now: number,
): Promise<IngestResult[]> {
  const results = batch.map((p) => ({ storedMessages: 0, duplicateMessages: p.messages.length, storedStatuses: 0 }));
  if (
    batch.every(
      (p) => p.messages.length === 0 && p.statuses.length === 0 && p.events.length === 0 && setAside(p).length === 0,
    )
  )
    return results;
  return db.transaction().execute(async (trx) => {
    // Duplicates inside the group are dropped here (the first webhook carrying a wamid stores it);
    // across groups and instances by the unique index.
    const seen = new Set<string>();
    const knownPhones = await phonesOfBsuids(trx, batch);
    const rows: NewMessage[] = [];
    const owner = new Map<string, number>();
    const media = new Map<string, MediaToFetch>();
    batch.forEach((parsed, i) => {
      for (const m of parsed.messages) {
        const wamid = storableText(m.wamid);
        if (seen.has(wamid)) continue;
        seen.add(wamid);
        owner.set(wamid, i);
        const row = inboundRow(m, userKeyOf(m, knownPhones), wamid, now);
        rows.push(row);
        const file = inboundMedia(m.type, m.raw);
        if (file !== null) media.set(wamid, { ...file, wamid, phone: row.phone });
      }
    });
    if (rows.length > 0) {
      const fetches: MediaToFetch[] = [];
      for (const wamid of await insertNewInbound(trx, rows)) {
        const i = owner.get(wamid);
        if (i === undefined) continue;
        results[i]!.storedMessages++;
        results[i]!.duplicateMessages--;
        const file = media.get(wamid);
        if (file) fetches.push(file);
      }
      // Files are fetched later by the notification worker, never on the webhook's path; a
      // redelivered message was not stored again, so its file is not queued again either.
      await queueMediaDownloads(trx, fetches, now);
    }
    // Serialised with the sender recording these wamids, so a status that races its send result is
    // applied by whichever of the two commits second. Every lock of the group is taken first, in one
    // sorted order: no deadlocks.
    const statusWamids = [...new Set(batch.flatMap((p) => p.statuses.map((s) => s.wamid)))].sort();
    await lockKeys(
      trx,
      statusWamids.map((w) => `wamid:${w}`),
    );
    // Each (wamid, status) once per group, credited to the first webhook carrying it; across
    // groups and instances the unique (message_id, status) keeps it once.
    const statusOwner = new Map<string, number>();
    const statusRows: NewStatus[] = [];
    const byKey = new Map<string, StatusUpdate>();
    batch.forEach((parsed, i) => {
      for (const s of parsed.statuses) {
        const key = `${s.wamid}\u0000${s.status}`;
        if (statusOwner.has(key)) continue;
        statusOwner.set(key, i);
        byKey.set(key, s);
        statusRows.push(statusRow(s, now));
      }
    });
    const stored = new Set((await insertNewStatuses(trx, statusRows)).map((r) => `${r.message_id}\u0000${r.status}`));
    // Applied in arrival order (RETURNING's order is not guaranteed on SQLite).
    const applied: StatusToApply[] = [];
    for (const [key, s] of byKey) {
      if (!stored.has(key)) continue;
      results[statusOwner.get(key)!]!.storedStatuses++;
      applied.push({
        wamid: s.wamid,
        status: s.status,
        errorCode: s.errorCode,
        errorTitle: s.errorTitle ?? s.errorDetails,
      });
    }
    await applyStatuses(trx, applied, now);
    const keyOf = (e: { userKey: string; waId?: string | null; bsuid: string | null }) =>
      (e.waId ?? null) === null && e.bsuid !== null && e.userKey === e.bsuid
        ? (knownPhones.get(e.bsuid) ?? e.userKey)
        : e.userKey;
    for (const parsed of batch) await storeWebhookEvents(trx, parsed.events, keyOf, now);
    for (const parsed of batch) await storeSetAside(trx, setAside(parsed), now);
    return results;
  });
}

/** Items the parser set aside as malformed (`invalid_*`): a wrongly refused real message must be replayable. */
export function setAside(parsed: ParsedWebhook): ParsedWebhook['other'] {
  return parsed.other.filter((o) => o.field.startsWith('invalid_'));
}

/**
 * A username user's message may carry only the BSUID. When an earlier message carried the pair
 * (its session has the phone as key and this BSUID), it joins that phone's history: one user, one
 * history, whichever identity Meta sends.
 */
async function phonesOfBsuids(trx: Kysely<Database>, batch: readonly ParsedWebhook[]): Promise<Map<string, string>> {
  const bsuids = [
    ...new Set(
      batch.flatMap((p) => [
        ...p.messages.filter((m) => m.waId === null && m.bsuid !== null).map((m) => m.bsuid!),
        ...p.events.flatMap((e) =>
          (e.kind === 'echo' || e.kind === 'user_preference') && e.bsuid !== null && e.userKey === e.bsuid
            ? [e.bsuid]
            : [],
        ),
      ]),
    ),
  ];
  const out = new Map<string, string>();
  for (let i = 0; i < bsuids.length; i += 1_000) {
    const rows = await trx
      .selectFrom('whatsapp_sessions')
      .select(['phone', 'bsuid'])
      .where('bsuid', 'in', bsuids.slice(i, i + 1_000))
      .where('phone', 'not in', bsuids.slice(i, i + 1_000))
      .execute();
    for (const r of rows) if (r.bsuid !== null) out.set(r.bsuid, r.phone);
  }
  return out;
}

function userKeyOf(m: InboundMessage, knownPhones: ReadonlyMap<string, string>): string {
  if (m.waId === null && m.bsuid !== null) return knownPhones.get(m.bsuid) ?? m.userKey;
  return m.userKey;
}

/** The message as received; the contact Meta sent beside it (profile name, username, BSUID) is kept under `_contact`. */
function storedPayload(m: InboundMessage): string {
  const raw = m.raw;
  if (m.contact === null || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return boundedJson(raw);
  return boundedJson({ ...(raw as Record<string, unknown>), _contact: m.contact });
}

function inboundRow(m: InboundMessage, userKey: string, wamid: string, now: number): NewMessage {
  return {
    phone: storableText(userKey),
    message: storableText(m.summary),
    direction: 'incoming',
    timestamp: m.sentAt.getTime(),
    message_id: wamid,
    status: 'received',
    type: storableText(m.type).slice(0, 32),
    payload: storedPayload(m),
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

function statusRow(s: StatusUpdate, now: number): NewStatus {
  return {
    message_id: s.wamid,
    status: s.status,
    timestamp: s.at.getTime(),
    recipient_id: s.recipientId,
    error_code: s.errorCode,
    error_title: s.errorTitle ?? s.errorDetails,
    payload: boundedJson(s.raw),
    created_at: now,
  };
}

export interface StatusToApply {
  wamid: string;
  status: string;
  errorCode: number | null;
  errorTitle: string | null;
}

/**
 * Moves the outbound messages these statuses name forward, in the order given (see mergeStatus);
 * a wamid with no outbound row yet is left for the sender to apply when it records the send.
 * One read for the group, then the messages that changed are written (one statement on PostgreSQL).
 */
export async function applyStatuses(
  trx: Kysely<Database>,
  statuses: readonly StatusToApply[],
  now: number,
): Promise<void> {
  if (statuses.length === 0) return;
  const wamids = [...new Set(statuses.map((s) => s.wamid))];
  const current = new Map<string, StatusWrite & { changed: boolean }>();
  for (let i = 0; i < wamids.length; i += 1_000) {
    const rows = await trx
      .selectFrom('whatsapp_messages')
      .select(['id', 'status', 'message_id'])
      .where('message_id', 'in', wamids.slice(i, i + 1_000))
      .where('direction', '=', 'outgoing')
      .execute();
    for (const r of rows) current.set(r.message_id!, { id: r.id, status: r.status, failure: null, changed: false });
  }
  for (const s of statuses) {
    const row = current.get(s.wamid);
    if (!row) continue;
    const next = mergeStatus(row.status, s.status);
    if (!next) continue;
    row.status = next;
    row.changed = true;
    if (next === 'failed') row.failure = { code: s.errorCode, title: s.errorTitle };
  }
  await writeStatuses(
    trx,
    [...current.values()].filter((r) => r.changed),
    now,
  );
}
