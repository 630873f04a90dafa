import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { STALE_INBOUND_MS } from '../pipeline/process-inbound.js';
import type { Database } from '../store/schema.js';

export interface ReplayResult {
  id: number;
  phone: string;
  previousStatus: string;
  /** Older than Meta's 24-hour reply window: the worker will mark it expired instead of answering. */
  willExpire: boolean;
}

/**
 * Makes a stored inbound message unprocessed again (`replay <wamid>`, for support): the running
 * server's inbound worker scans for `received` rows and runs the conversation step on it once more.
 */
export async function replayInbound(db: Kysely<Database>, wamid: string, now: number): Promise<ReplayResult> {
  const row = await db
    .selectFrom('whatsapp_messages')
    .select(['id', 'phone', 'status', 'timestamp'])
    .where('message_id', '=', wamid)
    .where('direction', '=', 'incoming')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `unknown message: no inbound message with wamid ${wamid}`);
  await db
    .updateTable('whatsapp_messages')
    .set({ status: 'received', processed_at: null, error_code: null, error_title: null, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  return {
    id: row.id,
    phone: row.phone,
    previousStatus: row.status,
    willExpire: now - row.timestamp > STALE_INBOUND_MS,
  };
}
