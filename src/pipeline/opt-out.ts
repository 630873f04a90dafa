import type { Kysely } from 'kysely';
import type { Reply, UserInput } from '../conversation/types.js';
import type { Database, SessionRow } from '../store/schema.js';
import type { Messages } from '../messages.js';

import { START_WORDS as START_BY_LANGUAGE, STOP_WORDS as STOP_BY_LANGUAGE } from '../content/opt-out-words.js';

// Every language's words count for everyone: the user's language may not be known yet.
const STOP_WORDS = new Set(Object.values(STOP_BY_LANGUAGE).flat());
const START_WORDS = new Set(Object.values(START_BY_LANGUAGE).flat());

function keyword(input: UserInput): string | null {
  return input.kind === 'text'
    ? input.text
        .trim()
        .replace(/\s+/g, ' ')
        .toLowerCase()
        .replace(/[.!。！؟?]+$/u, '')
    : null;
}

export type OptOutDecision =
  /** Not about opting out: run the conversation as usual. */
  | { kind: 'converse' }
  /** STOP: confirm once, then silence. */
  | { kind: 'opt_out'; replies: Reply[] }
  /** START after STOP: confirm and carry on with the conversation (the menu). */
  | { kind: 'opt_in'; replies: Reply[] }
  /** Opted out and not START: store, answer nothing. */
  | { kind: 'silent' };

/** What STOP/START mean for this user now (pure). A user already opted out is not confirmed twice. */
export function decideOptOut(session: SessionRow, input: UserInput, t: Messages): OptOutDecision {
  const word = keyword(input);
  const optedOut = session.opted_out === 1;
  if (word !== null && STOP_WORDS.has(word)) {
    return optedOut
      ? { kind: 'silent' }
      : { kind: 'opt_out', replies: [{ kind: 'text', body: t.t('optOut.confirmed') }] };
  }
  if (!optedOut) return { kind: 'converse' };
  if (word !== null && START_WORDS.has(word))
    return { kind: 'opt_in', replies: [{ kind: 'text', body: t.t('optIn.confirmed') }] };
  return { kind: 'silent' };
}

/**
 * Records the opt-out (or opt-in) on the session. On opt-out, replies still queued for this user
 * are cancelled: "sends nothing more" includes what was already waiting.
 */
export async function recordOptOut(
  trx: Kysely<Database>,
  phone: string,
  optedOut: boolean,
  now: number,
): Promise<void> {
  await trx
    .updateTable('whatsapp_sessions')
    .set({ opted_out: optedOut ? 1 : 0, updated_at: now })
    .where('phone', '=', phone)
    .execute();
  if (!optedOut) return;
  await trx
    .updateTable('whatsapp_messages')
    .set({ status: 'failed', error_title: 'cancelled: the user opted out', locked_until: null, updated_at: now })
    .where('phone', '=', phone)
    .where('direction', '=', 'outgoing')
    .where('status', '=', 'queued')
    .execute();
}
