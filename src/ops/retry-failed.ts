import { WITHHELD_TITLE } from '../handoff/handoff-store.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export interface RetryFailedResult {
  messages: number;
  notifications: number;
}

/**
 * Puts failed outbound messages and failed notifications back in their queues (`retry-failed`,
 * POST /admin/api/messages/retry-failed). The running server's sender and notification worker poll
 * those tables, so they pick the rows up within a poll interval. `since` (epoch ms) limits it to rows
 * that failed since then. Mark-read receipts are left alone: re-marking an old message read is useless.
 * The last error is cleared on messages (the row shows the new attempt's outcome), kept on notifications
 * (overwritten by the next attempt), because both tables already work that way.
 */
export async function retryFailed(
  db: Kysely<Database>,
  args: { since?: number },
  now: number,
): Promise<RetryFailedResult> {
  return db.transaction().execute(async (trx) => {
    let messages = trx
      .updateTable('whatsapp_messages')
      .set({
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        locked_until: null,
        error_code: null,
        error_title: null,
        updated_at: now,
      })
      .where('direction', '=', 'outgoing')
      .where('status', '=', 'failed')
      .where('type', '<>', 'read')
      // A bot reply withheld because a person took over stays unsent.
      .where((eb) => eb.or([eb('error_title', 'is', null), eb('error_title', '<>', WITHHELD_TITLE)]));
    if (args.since !== undefined) messages = messages.where('updated_at', '>=', args.since);
    let notifications = trx
      .updateTable('notifications')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null, updated_at: now })
      .where('status', '=', 'failed');
    if (args.since !== undefined) notifications = notifications.where('updated_at', '>=', args.since);
    const m = await messages.executeTakeFirst();
    const n = await notifications.executeTakeFirst();
    return { messages: Number(m.numUpdatedRows), notifications: Number(n.numUpdatedRows) };
  });
}
