// The two clocks of a handed-over conversation: HANDOFF_TIMEOUT_MINUTES (nobody answered: back to the
// bot, and the client is told) and NOTIFY_AFTER_MINUTES (the client wrote and the owner has not looked:
// one e-mail). Run by the handoff job on every instance; each change is made under the row's lock and
// re-checked there, so two instances never time out or notify the same thing twice.
import type { ExpressionBuilder, Kysely } from 'kysely';
import { applyHandoffEvent } from '../handoff/handoff-store.js';
import { workingMsBetween, type BusinessHours } from '../lib/business-hours.js';
import { SERVICE_WINDOW_MS } from '../lib/whatsapp-limits.js';
import { messagesFor } from '../messages.js';
import { lockingClause } from '../store/dialect.js';
import type { Database, HandoffsTable } from '../store/schema.js';
import { queueOutbound } from './queue-outbound.js';

/** Conversations read per query; a run reads page after page until it has seen every candidate. */
const BATCH = 100;

/** Where the previous page ended, in (updated_at, phone) order. */
type PageEnd = { updated_at: number; phone: string } | null;

/** The rows of `conversation_handoffs as h` after `after` in (updated_at, phone) order. */
function pastPageEnd(after: NonNullable<PageEnd>) {
  return (eb: ExpressionBuilder<{ h: HandoffsTable }, 'h'>) =>
    eb.or([
      eb('h.updated_at', '>', after.updated_at),
      eb.and([eb('h.updated_at', '=', after.updated_at), eb('h.phone', '>', after.phone)]),
    ]);
}

/**
 * Every row `page` returns, page after page in (updated_at, phone) order. A run never stops at the
 * first page: rows it looks at and leaves as they are (not due yet by working time, nothing unseen)
 * keep their place at the front, and would otherwise hide every conversation behind them for good.
 */
async function* allPages<R extends { updated_at: number; phone: string }>(
  page: (after: PageEnd) => Promise<R[]>,
): AsyncGenerator<R> {
  let after: PageEnd = null;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < BATCH || last === undefined) return;
    after = { updated_at: Number(last.updated_at), phone: last.phone };
  }
}

export interface DeadlineSettings {
  timeoutMs: number;
  notifyAfterMs: number;
  /** When set, both clocks count working time only: a request made at night waits for the morning. */
  businessHours: BusinessHours | undefined;
  timeZone: string;
  /** Where an unseen-message e-mail goes when the owner is not a console operator with an address. */
  adminEmails: readonly string[];
  /** Without SMTP the notice is recorded as skipped, like the other e-mails. */
  emailEnabled: boolean;
}

export interface TimeoutResult {
  timedOut: string[];
  /** How many of them were told (the others were outside the 24-hour window or had opted out). */
  told: number;
}

/** The actor recorded in the transition log for a timeout. */
export const TIMEOUT_ACTOR = 'timeout';

function waited(s: DeadlineSettings, since: number, now: number, needMs: number): boolean {
  return workingMsBetween(s.businessHours, since, now, s.timeZone, needMs) >= needMs;
}

interface HandoffClock {
  phone: string;
  status: 'open' | 'pending' | 'resolved';
  requested_at: number | null;
  claimed_at: number | null;
  last_operator_reply_at: number | null;
}

/**
 * Since when the client has been waiting for a person, or null when they are not: a pending request
 * waits since it was made; in an open conversation, the client's first message after the operator's
 * last reply — or, while nobody has replied yet, the request that began this handoff (else the first
 * message after the claim). An operator who replied and is waiting for the client is never timed out.
 */
export async function clientWaitingSince(db: Kysely<Database>, h: HandoffClock): Promise<number | null> {
  if (h.status === 'resolved') return null;
  if (h.status === 'pending') return h.requested_at;
  if (h.last_operator_reply_at === null) {
    const began = await db
      .selectFrom('handoff_events')
      .select(['event', 'created_at'])
      .where('phone', '=', h.phone)
      .where('event', 'in', ['request', 'cancel', 'resolve', 'timeout'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (began?.event === 'request') return Number(began.created_at);
  }
  const first = await db
    .selectFrom('whatsapp_messages')
    .select('created_at')
    .where('phone', '=', h.phone)
    .where('direction', '=', 'incoming')
    .where('created_at', '>', h.last_operator_reply_at ?? h.claimed_at ?? 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return first ? Number(first.created_at) : null;
}

/**
 * Hands back to the bot every conversation whose client has waited HANDOFF_TIMEOUT_MINUTES (working
 * time) for a person (clientWaitingSince), and tells the client in their language when WhatsApp still
 * allows a free-form message. A conversation whose operator answered last stays with them until it
 * is resolved, however long the client stays silent.
 */
export async function timeOutIdleHandoffs(
  db: Kysely<Database>,
  s: DeadlineSettings,
  now: number,
): Promise<TimeoutResult> {
  const cutoff = now - s.timeoutMs;
  // Working time is never more than wall time: these are the only rows that can be due.
  const candidates = allPages((after) =>
    db
      .selectFrom('conversation_handoffs as h')
      .select(['h.phone', 'h.status', 'h.requested_at', 'h.claimed_at', 'h.last_operator_reply_at', 'h.updated_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('h.status', '=', 'pending'), eb('h.requested_at', '<=', cutoff)]),
          eb.and([
            eb('h.status', '=', 'open'),
            eb('h.last_operator_reply_at', 'is', null),
            eb('h.requested_at', '<=', cutoff),
          ]),
          eb.and([
            eb('h.status', '=', 'open'),
            eb.exists(
              eb
                .selectFrom('whatsapp_messages as m')
                .select('m.id')
                .whereRef('m.phone', '=', 'h.phone')
                .where('m.direction', '=', 'incoming')
                .where('m.created_at', '<=', cutoff)
                .where((e2) =>
                  e2('m.created_at', '>', e2.fn.coalesce('h.last_operator_reply_at', 'h.claimed_at', e2.lit(0))),
                ),
            ),
          ]),
        ]),
      )
      .$if(after !== null, (q) => q.where(pastPageEnd(after!)))
      .orderBy('h.updated_at')
      .orderBy('h.phone')
      .limit(BATCH)
      .execute(),
  );
  const result: TimeoutResult = { timedOut: [], told: 0 };
  for await (const c of candidates) {
    const since = await clientWaitingSince(db, c);
    if (since === null || !waited(s, since, now, s.timeoutMs)) continue;
    const told = await db.transaction().execute(async (trx) => {
      // Under the lock: another instance, a reply or a resolve may have got there first.
      const row = await trx
        .selectFrom('conversation_handoffs')
        .select(['phone', 'status', 'requested_at', 'claimed_at', 'last_operator_reply_at'])
        .where('phone', '=', c.phone)
        .modifyEnd(lockingClause(trx, 'wait'))
        .executeTakeFirst();
      if (!row) return null;
      const stillSince = await clientWaitingSince(trx, row);
      if (stillSince === null || !waited(s, stillSince, now, s.timeoutMs)) return null;
      const applied = await applyHandoffEvent(trx, c.phone, { kind: 'timeout' }, TIMEOUT_ACTOR, now);
      if (!applied.ok) return null;
      const session = await trx
        .selectFrom('whatsapp_sessions')
        .select(['last_inbound_at', 'opted_out', 'language'])
        .where('phone', '=', c.phone)
        .executeTakeFirst();
      const open = session?.last_inbound_at != null && now - session.last_inbound_at < SERVICE_WINDOW_MS;
      if (!session || !open || session.opted_out === 1) return false;
      const body = messagesFor(session.language).t('handoff.timedOut');
      await queueOutbound(trx, { phone: c.phone, replies: [{ kind: 'text', body }], replyTo: null, now });
      return true;
    });
    if (told === null) continue;
    result.timedOut.push(c.phone);
    if (told) result.told++;
  }
  return result;
}

/** The notification kind of the "a client is waiting for you" e-mail. */
export const UNSEEN_NOTICE_KIND = 'handoff_unseen';

export interface UnseenNotice {
  to: string[];
  subject: string;
  text: string;
}

/**
 * Queues one e-mail per unread stretch: a client message in a human-owned conversation, later than
 * the owner's last look, claim and reply, that has waited NOTIFY_AFTER_MINUTES. The dedupe key is
 * the first unread message, so the notice is queued once however many instances and runs see it.
 */
export async function queueUnseenNotices(db: Kysely<Database>, s: DeadlineSettings, now: number): Promise<number> {
  // Wall time is never less than working time: only a conversation with a client message later than
  // the owner's last look, claim and reply, and at least NOTIFY_AFTER_MINUTES old, can be due.
  const wallCutoff = now - s.notifyAfterMs;
  const owned = allPages((after) =>
    db
      .selectFrom('conversation_handoffs as h')
      .select(['h.phone', 'h.operator', 'h.claimed_at', 'h.last_operator_reply_at', 'h.seen_at', 'h.updated_at'])
      .where('h.owner', '=', 'human')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('whatsapp_messages as m')
            .select('m.id')
            .whereRef('m.phone', '=', 'h.phone')
            .where('m.direction', '=', 'incoming')
            .where('m.created_at', '<=', wallCutoff)
            .where((e2) => e2('m.created_at', '>', e2.fn.coalesce('h.seen_at', e2.lit(0))))
            .where((e2) => e2('m.created_at', '>', e2.fn.coalesce('h.claimed_at', e2.lit(0))))
            .where((e2) => e2('m.created_at', '>', e2.fn.coalesce('h.last_operator_reply_at', e2.lit(0)))),
        ),
      )
      .$if(after !== null, (q) => q.where(pastPageEnd(after!)))
      .orderBy('h.updated_at')
      .orderBy('h.phone')
      .limit(BATCH)
      .execute(),
  );
  let queued = 0;
  for await (const h of owned) {
    const since = Math.max(h.seen_at ?? 0, h.claimed_at ?? 0, h.last_operator_reply_at ?? 0);
    const first = await db
      .selectFrom('whatsapp_messages')
      .select(['id', 'created_at'])
      .where('phone', '=', h.phone)
      .where('direction', '=', 'incoming')
      .where('created_at', '>', since)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!first || !waited(s, first.created_at, now, s.notifyAfterMs)) continue;
    const notice = await unseenNotice(db, s, h.phone, h.operator ?? '', first.created_at, now);
    const canSend = s.emailEnabled && notice.to.length > 0;
    const inserted = await db
      .insertInto('notifications')
      .values({
        kind: UNSEEN_NOTICE_KIND,
        dedupe_key: `${UNSEEN_NOTICE_KIND}:${h.phone}:${first.id}`,
        phone: h.phone,
        payload: JSON.stringify(notice),
        status: canSend ? 'pending' : 'skipped',
        next_attempt_at: now,
        locked_until: null,
        last_error: canSend
          ? null
          : s.emailEnabled
            ? 'no address for the operator nor ADMIN_EMAIL'
            : 'SMTP_URL is not set',
        created_at: now,
        updated_at: now,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 && canSend) queued++;
  }
  return queued;
}

/** The owner's console address when they have one, else the admins; no message text (it is personal data). */
async function unseenNotice(
  db: Kysely<Database>,
  s: DeadlineSettings,
  phone: string,
  operator: string,
  since: number,
  now: number,
): Promise<UnseenNotice> {
  const op = await db
    .selectFrom('console_operators')
    .select(['email', 'display_name'])
    .where('email', '=', operator.toLowerCase())
    .where('disabled', '=', 0)
    .executeTakeFirst();
  const minutes = Math.max(1, Math.round((now - since) / 60_000));
  const who = op ? op.display_name : operator;
  return {
    to: op ? [op.email] : [...s.adminEmails],
    subject: `A client has been waiting ${minutes} min for ${who} on WhatsApp`,
    text:
      `The client +${phone} wrote to a conversation that ${who} owns, ${minutes} minutes ago, ` +
      `and nobody has opened it since.\n\nOpen it in the console: Conversations, +${phone}.\n` +
      'Reply there, or resolve it to hand the client back to the bot.',
  };
}
