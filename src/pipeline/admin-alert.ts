import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../store/schema.js';

/**
 * Queues an e-mail to the admins, once per dedupe key (e.g. once per bad token). Without SMTP or
 * without ADMIN_EMAIL the alert is still recorded, as `skipped`, and the log says why.
 */
export async function queueAdminAlert(
  db: Kysely<Database>,
  config: Config,
  alert: { dedupeKey: string; subject: string; text: string; now: number },
  log?: { warn(obj: object, msg: string): void },
): Promise<void> {
  const canSend = Boolean(config.mail.smtpUrl) && config.adminEmails.length > 0;
  const inserted = await db
    .insertInto('notifications')
    .values({
      kind: 'admin_alert',
      dedupe_key: alert.dedupeKey,
      phone: null,
      payload: JSON.stringify({ subject: alert.subject, text: alert.text }),
      status: canSend ? 'pending' : 'skipped',
      next_attempt_at: alert.now,
      locked_until: null,
      last_error: canSend ? null : 'SMTP_URL or ADMIN_EMAIL is not set',
      created_at: alert.now,
      updated_at: alert.now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  // When it cannot reach an inbox, the alert goes to the log instead (once, like the e-mail).
  if (!canSend && Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    log?.warn(
      { dedupeKey: alert.dedupeKey, text: alert.text },
      `admin alert not e-mailed (SMTP_URL or ADMIN_EMAIL is not set): ${alert.subject}`,
    );
  }
}
