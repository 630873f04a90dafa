import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { Database } from '../store/schema.js';

export interface Stats {
  days: number;
  since: string;
  generatedAt: string;
  users: { total: number; activeInPeriod: number; activeSessions: number; optedOut: number };
  messages: {
    incoming: number;
    outgoing: number;
    outgoingFailed: number;
    inboundPending: number;
    outboundQueued: number;
  };
  leads: { total: number; newInPeriod: number };
  notifications: { pending: number; failed: number };
}

const DAY_MS = 86_400_000;
type Counted = { n: number | string };
const sum = <T extends Counted>(rows: T[], keep: (r: T) => boolean = () => true) =>
  rows.filter(keep).reduce((acc, r) => acc + Number(r.n), 0);

/** Activity over the last `days` days, plus the current backlog (`stats`, GET /admin/api/stats). */
export async function getStats(db: Kysely<Database>, args: { days: number }, now: number): Promise<Stats> {
  if (!Number.isInteger(args.days) || args.days < 1 || args.days > 3650) {
    throw new AppError('VALIDATION_FAILED', 'days must be a whole number between 1 and 3650', {
      field: 'days',
    });
  }
  const since = now - args.days * DAY_MS;
  const [users, messages, leads, notifications] = await Promise.all([
    userCounts(db, since),
    messageCounts(db, since),
    db
      .selectFrom('whatsapp_leads')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number | null>(eb.case().when('created_at', '>=', since).then(1).else(0).end()).as('recent'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['pending', 'sending', 'failed'])
      .groupBy('status')
      .execute(),
  ]);
  return {
    days: args.days,
    since: new Date(since).toISOString(),
    generatedAt: new Date(now).toISOString(),
    users,
    messages,
    // sum() over no rows is null on both databases.
    leads: { total: Number(leads.total), newInPeriod: Number(leads.recent ?? 0) },
    notifications: {
      pending: sum(notifications, (n) => n.status !== 'failed'),
      failed: sum(notifications, (n) => n.status === 'failed'),
    },
  };
}

async function userCounts(db: Kysely<Database>, since: number): Promise<Stats['users']> {
  const row = await db
    .selectFrom('whatsapp_sessions')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number | null>(eb.case().when('last_activity', '>=', since).then(1).else(0).end()).as('recent'),
      eb.fn.sum<number | null>(eb.case().when('is_active', '=', 1).then(1).else(0).end()).as('active'),
      eb.fn.sum<number | null>(eb.case().when('opted_out', '=', 1).then(1).else(0).end()).as('optedOut'),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    activeInPeriod: Number(row.recent ?? 0),
    activeSessions: Number(row.active ?? 0),
    optedOut: Number(row.optedOut ?? 0),
  };
}

/** Conversation in the period (mark-read receipts are plumbing, not conversation) and the backlog now. */
async function messageCounts(db: Kysely<Database>, since: number): Promise<Stats['messages']> {
  const [period, backlog] = await Promise.all([
    db
      .selectFrom('whatsapp_messages')
      .select(['direction', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('timestamp', '>=', since)
      .where('type', '<>', 'read')
      .groupBy(['direction', 'status'])
      .execute(),
    db
      .selectFrom('whatsapp_messages')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['received', 'queued', 'sending'])
      .groupBy('status')
      .execute(),
  ]);
  return {
    incoming: sum(period, (m) => m.direction === 'incoming'),
    outgoing: sum(period, (m) => m.direction === 'outgoing'),
    outgoingFailed: sum(period, (m) => m.direction === 'outgoing' && m.status === 'failed'),
    inboundPending: sum(backlog, (m) => m.status === 'received'),
    outboundQueued: sum(backlog, (m) => m.status !== 'received'),
  };
}
