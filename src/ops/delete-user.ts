import type { Kysely } from 'kysely';
import type { MediaStore } from '../media/media-store.js';
import type { Database } from '../store/schema.js';
import { requireUserKey, unknownUser } from './require-phone.js';
import { forgetDaysOf } from '../store/forget-days.js';
import { statusesOf } from './count-messages.js';
import { removeStoredFiles } from './media-files.js';

/** Who erased: the CLI, the admin API, or a console operator (`operator:<id>`). */
export type Actor = 'cli' | 'api' | `operator:${number}`;

export interface DeleteUserResult {
  phone: string;
  deleted: { sessions: number; messages: number; statuses: number; leads: number; notifications: number };
  /** Their documents and media removed from MEDIA_DIR. */
  files: number;
  auditId: number;
}

const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

/**
 * Erases one person (`delete-user`, DELETE /admin/api/users/:phone) in one transaction: session,
 * messages in both directions (the outbound queue included), their delivery statuses, lead (with its
 * history), conversation events and every
 * notification about them. The audit row records that a deletion happened and what it removed, never
 * who it was about, so the erasure can be shown without keeping the data it erased.
 */
export async function deleteUser(
  db: Kysely<Database>,
  phoneInput: string,
  actor: Actor,
  now: number,
  media: MediaStore,
): Promise<DeleteUserResult> {
  const phone = await requireUserKey(db, phoneInput);
  const result = await db.transaction().execute(async (trx) => {
    // The dashboard's stored days that counted this person are computed again from what is left.
    await forgetDaysOf(trx, phone);
    // Then the session: its row lock makes a worker that is answering this person right now finish
    // (and commit its replies) before we delete, so nothing it wrote survives.
    const sessions = n(await trx.deleteFrom('whatsapp_sessions').where('phone', '=', phone).executeTakeFirst());
    const statuses = n(await trx.deleteFrom('whatsapp_statuses').where(statusesOf(phone)).executeTakeFirst());
    const messages = n(await trx.deleteFrom('whatsapp_messages').where('phone', '=', phone).executeTakeFirst());
    // The lead's history and what the person did in the conversation go with them.
    await trx
      .deleteFrom('lead_events')
      .where('lead_id', 'in', (eb) => eb.selectFrom('whatsapp_leads').select('id').where('phone', '=', phone))
      .execute();
    await trx.deleteFrom('conversation_events').where('phone', '=', phone).execute();
    const leads = n(await trx.deleteFrom('whatsapp_leads').where('phone', '=', phone).executeTakeFirst());
    const notifications = n(await trx.deleteFrom('notifications').where('phone', '=', phone).executeTakeFirst());
    // Who owned the conversation and its handoff log go with the person (not counted: no personal data of theirs).
    await trx.deleteFrom('handoff_events').where('phone', '=', phone).execute();
    await trx.deleteFrom('conversation_handoffs').where('phone', '=', phone).execute();
    // Their marketing preference and the notices Meta sent about them.
    await trx.deleteFrom('marketing_preferences').where('phone', '=', phone).execute();
    await trx.deleteFrom('webhook_events').where('phone', '=', phone).execute();
    // Their documents and media: the rows now, the bytes once this has committed.
    const files = await trx.deleteFrom('media_files').where('phone', '=', phone).returning('storage_key').execute();
    const deleted = { sessions, messages, statuses, leads, notifications };
    if (sessions + messages + statuses + leads + notifications + files.length === 0) throw unknownUser(phone);
    const audit = await trx
      .insertInto('audit_log')
      .values({
        action: 'delete_user',
        actor,
        details: JSON.stringify({ deleted, at: new Date(now).toISOString() }),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { phone, deleted, keys: files.map((f) => f.storage_key), auditId: audit.id };
  });
  // After the commit: an erasure that failed leaves the files in place with their rows.
  const files = await removeStoredFiles(media, result.keys);
  return { phone, deleted: result.deleted, files, auditId: result.auditId };
}
