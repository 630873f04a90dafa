// Fetching a client's file (issue 15, "Documents and media"): queued with the message in the
// webhook's transaction, run by the notification worker with its leases and retries, because Meta's
// media ids live seven days while a download URL lives five minutes. Each attempt asks Meta where
// the file is, downloads it with the token (asking again when the URL has expired), checks the size
// against WhatsApp's limit for its type and the SHA-256 Meta gave, and keeps it under MEDIA_DIR.
import type { Kysely } from 'kysely';
import { botMayAnswer } from '../handoff/ownership.js';
import { getHandoff } from '../handoff/handoff-store.js';
import { MEDIA_SIZE_LIMITS, type MediaKind } from '../lib/whatsapp-limits.js';
import { sameSha256, type MediaStore } from '../media/media-store.js';
import type { DeliveryOutcome } from '../notify/types.js';
import { messagesFor } from '../messages.js';
import type { Database, MediaStatus, NotificationRow } from '../store/schema.js';
import type { InboundMedia } from '../whatsapp/inbound-media.js';
import { downloadMedia, fetchMediaInfo, type MediaClientOptions, type MediaInfo } from '../whatsapp/media-client.js';
import { queueOutbound } from './queue-outbound.js';

export const MEDIA_DOWNLOAD_KIND = 'media_download';

/**
 * A download is retried while Meta still keeps the media id (webhook media ids expire after seven
 * days, Cloud API reference §2.1), with an hour's margin, at most every half hour once backed off:
 * an outage of Graph or of our disk for a day loses no client file.
 */
export const MEDIA_DOWNLOAD_RETRY = { horizonMs: 7 * 24 * 3_600_000 - 3_600_000, maxDelayMs: 30 * 60_000 };

export interface MediaToFetch extends InboundMedia {
  wamid: string;
  phone: string;
}

/** Inside the webhook's transaction: one job per newly stored message with a file. */
export async function queueMediaDownloads(
  trx: Kysely<Database>,
  files: readonly MediaToFetch[],
  now: number,
): Promise<void> {
  if (files.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      files.map((f) => ({
        kind: MEDIA_DOWNLOAD_KIND,
        dedupe_key: `media:${f.wamid}`,
        phone: f.phone,
        payload: JSON.stringify(f),
        status: 'pending' as const,
        next_attempt_at: now,
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        sent_at: null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export interface MediaDownloadDeps {
  /** Null in sandbox mode: there is no token to fetch with, the file is recorded as skipped. */
  client: MediaClientOptions | null;
  store: MediaStore;
  now: () => number;
  onRepliesQueued: () => void;
  /** Attempts at which a file whose hash never matches is refused as corrupt (default 3). */
  corruptAfterAttempts?: number;
}

/** Download URLs asked for within one attempt before giving up on it (each lives five minutes). */
const URLS_PER_ATTEMPT = 3;

type Verdict =
  | { status: 'stored'; key: string; size: number; sha256: string; mimeType: string | null }
  | { status: 'refused' | 'skipped'; problem: string; tell: 'too_large' | 'corrupt' | null; size: number | null };

export async function downloadMediaJob(
  deps: MediaDownloadDeps,
  row: NotificationRow,
  db: Kysely<Database>,
): Promise<DeliveryOutcome> {
  const job = JSON.parse(row.payload) as MediaToFetch;
  const message = await db
    .selectFrom('whatsapp_messages')
    .select(['id', 'phone'])
    .where('message_id', '=', job.wamid)
    .where('direction', '=', 'incoming')
    .executeTakeFirst();
  // The person was erased (or moved) since: nothing to fetch for anyone.
  if (message === undefined) return { status: 'sent', detail: 'message no longer stored' };
  const done = await db
    .selectFrom('media_files')
    .select('status')
    .where('message_row_id', '=', message.id)
    .executeTakeFirst();
  if (done !== undefined) return { status: 'sent', detail: `already ${done.status}` };

  let verdict: Verdict;
  if (deps.client === null) {
    verdict = { status: 'skipped', problem: 'sandbox mode: no token to download with', tell: null, size: null };
  } else {
    const attempt = await fetchOnce(deps, deps.client, job, row.attempts);
    if ('outcome' in attempt) return attempt.outcome;
    verdict = attempt.verdict;
  }
  return record(deps, db, row, { id: Number(message.id), phone: message.phone }, job, verdict);
}

async function fetchOnce(
  deps: MediaDownloadDeps,
  client: MediaClientOptions,
  job: MediaToFetch,
  attempts: number,
): Promise<{ verdict: Verdict } | { outcome: DeliveryOutcome }> {
  const limit = MEDIA_SIZE_LIMITS[job.kind];
  let info: MediaInfo | null = null;
  for (let i = 0; i < URLS_PER_ATTEMPT; i++) {
    const found = await fetchMediaInfo(client, job.mediaId);
    if (!found.ok) {
      if (found.retryable) return { outcome: { status: 'retry', error: found.problem } };
      return { verdict: { status: 'refused', problem: found.problem, tell: null, size: null } };
    }
    info = found.info;
    if (info.fileSize !== null && info.fileSize > limit) return { verdict: tooLarge(job.kind, info.fileSize, limit) };
    const got = await downloadMedia(client, info.url, (body) => deps.store.put(body, limit));
    if (!got.ok) {
      if (got.expired) continue;
      if (got.retryable) return { outcome: { status: 'retry', error: got.problem } };
      return { verdict: { status: 'refused', problem: got.problem, tell: null, size: null } };
    }
    const put = got.value;
    if (!put.ok) return { verdict: tooLarge(job.kind, put.size, limit) };
    const expected = info.sha256 ?? job.sha256;
    if (expected !== null && !sameSha256(put.sha256, expected)) {
      await deps.store.delete(put.key);
      const problem = `the file's SHA-256 is not the one Meta gave (${put.size} bytes received)`;
      // A broken transfer may come right on another try; a file that never matches is refused.
      if (attempts < (deps.corruptAfterAttempts ?? 3)) return { outcome: { status: 'retry', error: problem } };
      return { verdict: { status: 'refused', problem, tell: 'corrupt', size: put.size } };
    }
    return {
      verdict: { status: 'stored', key: put.key, size: put.size, sha256: put.sha256, mimeType: info.mimeType },
    };
  }
  return { outcome: { status: 'retry', error: `the download URL expired ${URLS_PER_ATTEMPT} times in a row` } };
}

function tooLarge(kind: string, size: number, limit: number): Verdict {
  return {
    status: 'refused',
    problem: `${kind} of ${size} bytes is over WhatsApp's ${limit}-byte limit`,
    tell: 'too_large',
    size,
  };
}

/**
 * Records the verdict and marks the job done in one transaction, only while this worker still holds
 * the lease, so one file row per message whatever crashes or races; a refused file gets one polite
 * answer, when the bot may speak (no person owns the conversation, the user has not opted out).
 */
async function record(
  deps: MediaDownloadDeps,
  db: Kysely<Database>,
  row: NotificationRow,
  message: { id: number; phone: string },
  job: MediaToFetch,
  verdict: Verdict,
): Promise<DeliveryOutcome> {
  const t = deps.now();
  const told = { queued: false };
  const ok = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('notifications')
      .set({ status: 'sent', locked_until: null, sent_at: t, updated_at: t, last_error: null })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', row.locked_until)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    const stored = verdict.status === 'stored';
    const inserted = await trx
      .insertInto('media_files')
      .values({
        message_row_id: message.id,
        phone: message.phone,
        direction: 'incoming',
        kind: job.kind,
        media_id: job.mediaId,
        mime_type: (stored ? verdict.mimeType : null) ?? job.mimeType,
        filename: job.filename,
        storage_key: stored ? verdict.key : null,
        size: verdict.size,
        sha256: stored ? verdict.sha256 : null,
        status: verdict.status as MediaStatus,
        problem: stored ? null : verdict.problem.slice(0, 400),
        operator: null,
        created_at: t,
        updated_at: t,
      })
      .onConflict((oc) => oc.column('message_row_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) return false;
    if (!stored && verdict.tell !== null) told.queued = await tellClient(trx, message, job.kind, verdict.tell, t);
    return true;
  });
  if (!ok) {
    if (verdict.status === 'stored') await deps.store.delete(verdict.key);
    return { status: 'failed', error: 'lease lost, or the file was recorded by another worker' };
  }
  if (told.queued) deps.onRepliesQueued();
  return verdict.status === 'stored'
    ? { status: 'sent', detail: `stored ${verdict.size} bytes`, recorded: true }
    : { status: 'sent', detail: `${verdict.status}: ${verdict.problem}`, recorded: true };
}

async function tellClient(
  trx: Kysely<Database>,
  message: { id: number; phone: string },
  kind: MediaKind,
  why: 'too_large' | 'corrupt',
  now: number,
): Promise<boolean> {
  const session = await trx
    .selectFrom('whatsapp_sessions')
    .select(['language', 'opted_out'])
    .where('phone', '=', message.phone)
    .executeTakeFirst();
  if (session?.opted_out) return false;
  if (!botMayAnswer(await getHandoff(trx, message.phone))) return false;
  const t = messagesFor(session?.language);
  const bytes = MEDIA_SIZE_LIMITS[kind];
  const limit = bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
  const body = why === 'too_large' ? t.t('media.tooLarge', { limit }) : t.t('media.corrupt');
  await queueOutbound(trx, { phone: message.phone, replies: [{ kind: 'text', body }], replyTo: message.id, now });
  return true;
}
