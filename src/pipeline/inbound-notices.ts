// What an inbound message tells us about the user rather than to the bot: a reaction to one of our
// messages, a changed phone number or BSUID, the pair (phone, BSUID) seen for the first time, the
// user's country, the ad they came from. Run inside the user's processing transaction.
import type { Kysely } from 'kysely';
import { isBsuid } from '../lib/phone.js';
import { moveUser } from '../store/move-user.js';
import type { Database, MessageRow, SessionRow } from '../store/schema.js';
import { adSource } from '../whatsapp/describe-message.js';
import { identityChangeOf, type StoredInbound } from '../whatsapp/stored-message.js';
import { boundedJson } from '../lib/bounded-json.js';

/**
 * A reaction is recorded on the message it reacts to (the emoji, or null once removed), only on
 * this user's own conversation, and a late webhook never undoes a newer reaction.
 */
export async function recordReaction(trx: Kysely<Database>, msg: MessageRow): Promise<void> {
  const reaction = reactionOf(msg.payload);
  if (reaction === null) return;
  await trx
    .updateTable('whatsapp_messages')
    .set({ reaction: reaction.emoji, reacted_at: msg.timestamp, updated_at: msg.timestamp })
    .where('message_id', '=', reaction.messageId)
    .where('phone', '=', msg.phone)
    .where((eb) => eb.or([eb('reacted_at', 'is', null), eb('reacted_at', '<=', msg.timestamp)]))
    .execute();
}

function reactionOf(payload: string): { messageId: string; emoji: string | null } | null {
  try {
    const reaction = (JSON.parse(payload) as { reaction?: { message_id?: unknown; emoji?: unknown } }).reaction;
    if (typeof reaction?.message_id !== 'string' || reaction.message_id === '') return null;
    const emoji = typeof reaction.emoji === 'string' && reaction.emoji !== '' ? reaction.emoji.slice(0, 64) : null;
    return { messageId: reaction.message_id, emoji };
  } catch {
    return null; // a payload we cannot read reacts to nothing
  }
}

/**
 * `user_changed_number` / `user_changed_user_id`: the history, session and lead move to the new key
 * in this transaction. A user keyed by phone whose BSUID changed only gets the new BSUID.
 */
export async function applyIdentityChange(
  trx: Kysely<Database>,
  msg: MessageRow,
  stored: StoredInbound,
  now: number,
): Promise<void> {
  const change = identityChangeOf(msg.payload);
  if (change === null) return;
  if (change.type === 'user_changed_number') {
    if (change.newWaId === null) return;
    await moveUser(trx, msg.phone, change.newWaId, now);
    if (change.newBsuid !== null) await setBsuid(trx, change.newWaId, change.newBsuid, now);
    return;
  }
  const next = change.newBsuid ?? stored.bsuid;
  if (next === null) return;
  if (!isBsuid(msg.phone)) {
    await setBsuid(trx, msg.phone, next, now);
    return;
  }
  const previous = change.previousBsuid ?? (msg.phone !== next ? msg.phone : null);
  if (previous !== null && previous !== next) await moveUser(trx, previous, next, now);
  await setBsuid(trx, next, next, now);
}

async function setBsuid(trx: Kysely<Database>, phone: string, bsuid: string, now: number): Promise<void> {
  await trx.updateTable('whatsapp_sessions').set({ bsuid, updated_at: now }).where('phone', '=', phone).execute();
}

/**
 * Before the conversation runs: when a message carries the phone and a BSUID under which an earlier
 * (BSUID-only) history exists, that history joins the phone's. The user's country code and the ad
 * of their first message are kept on the session. Returns the session as it now is.
 */
export async function joinIdentities(
  trx: Kysely<Database>,
  session: SessionRow,
  msg: MessageRow,
  stored: StoredInbound,
  now: number,
): Promise<SessionRow> {
  let current = session;
  // Once the session holds this BSUID the pair was seen (and joined) before: nothing to look up.
  if (stored.bsuid !== null && session.bsuid !== stored.bsuid && msg.phone !== stored.bsuid && !isBsuid(msg.phone)) {
    const bsuidOnly = await trx
      .selectFrom('whatsapp_sessions')
      .select('id')
      .where('phone', '=', stored.bsuid)
      .executeTakeFirst();
    const pending = bsuidOnly
      ? undefined
      : await trx
          .selectFrom('whatsapp_messages')
          .select('id')
          .where('phone', '=', stored.bsuid)
          .limit(1)
          .executeTakeFirst();
    if (bsuidOnly || pending) {
      await moveUser(trx, stored.bsuid, msg.phone, now);
      current = await reread(trx, session);
    }
  }
  const origin = originOf(current, stored);
  if (origin === null) return current;
  await trx
    .updateTable('whatsapp_sessions')
    .set({ ...origin, updated_at: now })
    .where('id', '=', current.id)
    .execute();
  return { ...current, ...origin };
}

async function reread(trx: Kysely<Database>, session: SessionRow): Promise<SessionRow> {
  return (
    (await trx.selectFrom('whatsapp_sessions').selectAll().where('id', '=', session.id).executeTakeFirst()) ?? session
  );
}

/** Only what the session lacks: the first ad stays the source (first touch), a known country stays. */
function originOf(
  session: SessionRow,
  stored: StoredInbound,
): { country_code?: string; source?: string; referral?: string } | null {
  const out: { country_code?: string; source?: string; referral?: string } = {};
  if (!session.country_code && stored.countryCode !== null) out.country_code = stored.countryCode;
  if (!session.source && stored.referral !== null) {
    out.source = adSource(stored.referral);
    out.referral = boundedJson(stored.referral);
  }
  return Object.keys(out).length === 0 ? null : out;
}
