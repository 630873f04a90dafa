import type { Kysely } from 'kysely';
import { findLead } from '../store/leads-repository.js';
import type { Database } from '../store/schema.js';
import { findSession } from '../store/sessions-repository.js';
import { AppError } from '../errors.js';
import { countMessages, type MessageCounts } from './count-messages.js';
import { toLeadView, type LeadView } from './list-leads.js';
import { requireUserKey, unknownUser } from './require-phone.js';
import { toMessageView, toSessionView, type MessageView, type SessionView } from './user-views.js';

export interface UserInfo {
  phone: string;
  session: SessionView | null;
  lead: LeadView | null;
  /** Every stored message row: in, out, and (apart) the mark-read receipts; see count-messages.ts. */
  totals: MessageCounts;
  /** The latest messages (mark-read receipts left out), oldest first. */
  messages: MessageView[];
}

/** How many recent messages `user-info` and GET users/:phone may list; 0 lists none (totals only). */
export const USER_MESSAGES_MAX = 1000;

/** Session, lead and last messages of one person (`user-info`, GET /admin/api/users/:phone). */
export async function getUserInfo(
  db: Kysely<Database>,
  phoneInput: string,
  args: { messages: number },
): Promise<UserInfo> {
  const phone = await requireUserKey(db, phoneInput);
  if (!Number.isInteger(args.messages) || args.messages < 0 || args.messages > USER_MESSAGES_MAX)
    throw new AppError('VALIDATION_FAILED', `messages must be a whole number from 0 to ${USER_MESSAGES_MAX}`, {
      field: 'messages',
    });
  const [session, lead, recent, totals] = await Promise.all([
    findSession(db, phone),
    findLead(db, phone),
    db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('phone', '=', phone)
      .where('type', '<>', 'read') // mark-read receipts are plumbing, not conversation
      .orderBy('id', 'desc')
      .limit(args.messages)
      .execute(),
    countMessages(db, phone),
  ]);
  if (!session && !lead && totals.incoming + totals.outgoing + totals.markRead === 0) throw unknownUser(phone);
  return {
    phone,
    session: session ? toSessionView(session) : null,
    lead: lead ? toLeadView(lead) : null,
    totals,
    messages: recent.reverse().map(toMessageView),
  };
}
