import type { Kysely } from 'kysely';
import { findLead } from '../store/leads-repository.js';
import type { Database } from '../store/schema.js';
import { findSession } from '../store/sessions-repository.js';
import { toLeadView, type LeadView } from './list-leads.js';
import { requirePhone, unknownUser } from './require-phone.js';
import { toMessageView, toSessionView, type MessageView, type SessionView } from './user-views.js';

export interface UserInfo {
  phone: string;
  session: SessionView | null;
  lead: LeadView | null;
  totals: { incoming: number; outgoing: number };
  /** The latest messages, oldest first. */
  messages: MessageView[];
}

/** Session, lead and last messages of one person (`user-info`, GET /admin/api/users/:phone). */
export async function getUserInfo(
  db: Kysely<Database>,
  phoneInput: string,
  args: { messages: number },
): Promise<UserInfo> {
  const phone = requirePhone(phoneInput);
  const [session, lead, recent, counts] = await Promise.all([
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
    db
      .selectFrom('whatsapp_messages')
      .select(['direction', (eb) => eb.fn.countAll<number>().as('n')])
      .where('phone', '=', phone)
      .where('type', '<>', 'read')
      .groupBy('direction')
      .execute(),
  ]);
  if (!session && !lead && counts.length === 0) throw unknownUser(phone);
  const count = (d: string) => Number(counts.find((c) => c.direction === d)?.n ?? 0);
  return {
    phone,
    session: session ? toSessionView(session) : null,
    lead: lead ? toLeadView(lead) : null,
    totals: { incoming: count('incoming'), outgoing: count('outgoing') },
    messages: recent.reverse().map(toMessageView),
  };
}
