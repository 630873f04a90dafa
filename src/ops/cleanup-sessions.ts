import type { ExpressionBuilder, Kysely } from 'kysely';
import type { MediaStore } from '../media/media-store.js';
import type { Database } from '../store/schema.js';
import { removeStoredFiles } from './media-files.js';
import type { ProgressFn } from './export-user.js';

export interface CleanupResult {
  sessionsReset: number;
  messagesPurged: number;
  statusesPurged: number;
  /** Client documents and media older than the cut-off, removed with their bytes. */
  filesPurged: number;
  /** The retention cut-off applied (ISO), or null when DATA_RETENTION_DAYS is not set. */
  purgedBefore: string | null;
}

/** Messages in these states are finished; anything else is work still to do and is never purged. */
const FINISHED = ['processed', 'expired', 'failed', 'sent', 'delivered', 'read', 'sandbox'] as const;
const DAY_MS = 86_400_000;

/**
 * `cleanup-sessions`: sessions idle for longer than `olderThanMs` go back to the main menu with no
 * data and inactive (the opt-out flag stays: it is the person's choice, not session state); with
 * `retentionDays`, finished messages older than that are purged with their statuses. Leads are kept.
 * Works in batches so a large backlog never holds a long lock, reporting progress after each batch.
 */
export async function cleanupSessions(
  db: Kysely<Database>,
  args: {
    olderThanMs: number;
    retentionDays?: number;
    batchSize?: number;
    onProgress?: ProgressFn;
    media?: MediaStore;
  },
  now: number,
): Promise<CleanupResult> {
  const batchSize = args.batchSize ?? 1000;
  const sessionsReset = await resetIdleSessions(db, now - args.olderThanMs, batchSize, now, args.onProgress);
  if (args.retentionDays === undefined)
    return { sessionsReset, messagesPurged: 0, statusesPurged: 0, filesPurged: 0, purgedBefore: null };
  return {
    sessionsReset,
    ...(await purgeExpiredMessages(
      db,
      { retentionDays: args.retentionDays, batchSize, onProgress: args.onProgress, media: args.media },
      now,
    )),
  };
}

/** The DATA_RETENTION_DAYS purge alone (also for the server's daily retention job). */
export async function purgeExpiredMessages(
  db: Kysely<Database>,
  args: { retentionDays: number; batchSize?: number; onProgress?: ProgressFn; media?: MediaStore },
  now: number,
): Promise<Omit<CleanupResult, 'sessionsReset'> & { purgedBefore: string }> {
  const cutoff = now - args.retentionDays * DAY_MS;
  const purged = await purgeOldMessages(db, cutoff, args.batchSize ?? 1000, args.onProgress);
  const filesPurged = args.media ? await purgeOldFiles(db, args.media, cutoff, args.batchSize ?? 1000) : 0;
  return { ...purged, filesPurged, purgedBefore: new Date(cutoff).toISOString() };
}

/**
 * Client documents and media that arrived (or were sent) before the cut-off: rows first, in
 * batches, then their bytes (a crash in between leaves only files nobody can reach by a row).
 * Needs the store, so the server's retention job and the CLI pass MEDIA_DIR's.
 */
async function purgeOldFiles(db: Kysely<Database>, media: MediaStore, cutoff: number, batchSize: number) {
  let purged = 0;
  for (;;) {
    const batch = await db
      .selectFrom('media_files')
      .select(['id', 'storage_key'])
      .where('created_at', '<', cutoff)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    await db
      .deleteFrom('media_files')
      .where(
        'id',
        'in',
        batch.map((f) => f.id),
      )
      .execute();
    await removeStoredFiles(
      media,
      batch.map((f) => f.storage_key),
    );
    purged += batch.length;
    if (batch.length < batchSize) break;
  }
  return purged;
}

// A session created but never answered has no last_activity: its creation time counts.
const idleSince = (cutoff: number) => (eb: ExpressionBuilder<Database, 'whatsapp_sessions'>) =>
  eb.and([eb('is_active', '=', 1), eb(eb.fn.coalesce('last_activity', 'created_at'), '<', cutoff)]);

async function resetIdleSessions(
  db: Kysely<Database>,
  cutoff: number,
  batchSize: number,
  now: number,
  onProgress?: ProgressFn,
): Promise<number> {
  const total = Number(
    (
      await db
        .selectFrom('whatsapp_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(idleSince(cutoff))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let done = 0;
  while (done < total) {
    const ids = await db
      .selectFrom('whatsapp_sessions')
      .select('id')
      .where(idleSince(cutoff))
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (ids.length === 0) break;
    const r = await db
      .updateTable('whatsapp_sessions')
      .set({ current_step: 'main_menu', metadata: '{}', is_active: 0, updated_at: now })
      .where(
        'id',
        'in',
        ids.map((s) => s.id),
      )
      .where(idleSince(cutoff)) // re-checked: the person may have written since the select
      .executeTakeFirst();
    done += Number(r.numUpdatedRows);
    onProgress?.({ step: 'sessions', done, total });
    if (ids.length < batchSize) break;
  }
  return done;
}

async function purgeOldMessages(db: Kysely<Database>, cutoff: number, batchSize: number, onProgress?: ProgressFn) {
  const old = (eb: ExpressionBuilder<Database, 'whatsapp_messages'>) =>
    eb.and([eb('timestamp', '<', cutoff), eb('status', 'in', [...FINISHED])]);
  const total = Number(
    (
      await db
        .selectFrom('whatsapp_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(old)
        .executeTakeFirstOrThrow()
    ).n,
  );
  let messagesPurged = 0;
  let statusesPurged = 0;
  while (messagesPurged < total) {
    const batch = await db
      .selectFrom('whatsapp_messages')
      .select(['id', 'message_id'])
      .where(old)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    const wamids = batch.map((m) => m.message_id).filter((w): w is string => w !== null);
    await db.transaction().execute(async (trx) => {
      if (wamids.length > 0)
        statusesPurged += Number(
          (await trx.deleteFrom('whatsapp_statuses').where('message_id', 'in', wamids).executeTakeFirst())
            .numDeletedRows,
        );
      messagesPurged += Number(
        (
          await trx
            .deleteFrom('whatsapp_messages')
            .where(
              'id',
              'in',
              batch.map((m) => m.id),
            )
            .where(old)
            .executeTakeFirst()
        ).numDeletedRows,
      );
    });
    onProgress?.({ step: 'messages', done: messagesPurged, total });
  }
  return { messagesPurged, statusesPurged };
}
