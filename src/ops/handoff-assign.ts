// An admin gives a conversation to a consultant: a waiting one, or an open one whoever owns it now.
// Recorded in the handoff log as `assign` with the admin as actor. (Claiming, and the admin API's
// assign, use `claim`, which refuses a conversation someone else owns.)
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { applyHandoffEvent } from '../handoff/handoff-store.js';
import type { Database } from '../store/schema.js';
import { conversationAfter, type ConversationView } from './handoff-conversations.js';
import { requirePhone } from './require-phone.js';

export interface AssignableOperator {
  email: string;
  name: string;
}

/** Enabled operators who may answer clients (consultants and admins), by name. */
export async function listAssignableOperators(db: Kysely<Database>): Promise<AssignableOperator[]> {
  const rows = await db
    .selectFrom('console_operators')
    .select(['email', 'display_name'])
    .where('disabled', '=', 0)
    .where('role', 'in', ['consultant', 'admin'])
    .orderBy('display_name')
    .orderBy('email')
    .execute();
  return rows.map((r) => ({ email: r.email, name: r.display_name }));
}

/** Assigns `phone`'s conversation to the enabled consultant or admin `operatorEmail`, as `actor`. */
export async function assignToOperator(
  db: Kysely<Database>,
  phoneInput: string,
  operatorEmail: string,
  actor: string,
  now: number,
): Promise<ConversationView> {
  const phone = requirePhone(phoneInput);
  const email = operatorEmail.trim().toLowerCase();
  if (email === '') throw new AppError('VALIDATION_FAILED', 'Choose who to assign it to.', { field: 'operator' });
  const op = await db
    .selectFrom('console_operators')
    .select(['role', 'disabled'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!op || op.disabled !== 0 || op.role === 'viewer')
    throw new AppError('VALIDATION_FAILED', `${email} is not an enabled consultant or admin`, { field: 'operator' });
  return db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom('whatsapp_sessions')
      .select('last_inbound_at')
      .where('phone', '=', phone)
      .executeTakeFirst();
    if (!session) throw new AppError('NOT_FOUND', `unknown user: no conversation with ${phone}`, { field: 'phone' });
    const result = await applyHandoffEvent(trx, phone, { kind: 'assign', operator: email }, actor, now);
    if (!result.ok)
      throw new AppError(
        'HANDOFF_CONFLICT',
        'the bot owns this conversation: only one waiting for a consultant, or open, can be assigned',
      );
    return conversationAfter(result.after, session.last_inbound_at, now);
  });
}
