import type { Kysely } from 'kysely';
import type { Reply, UserInput } from '../conversation/types.js';
import type { Database, SessionRow } from '../store/schema.js';
import type { Messages } from '../messages.js';

import { isStopLabel, OPT_OUT_BUTTON_PAYLOAD } from '../whatsapp/stop-button.js';
import { START_WORDS as START_BY_LANGUAGE, STOP_WORDS as STOP_BY_LANGUAGE } from '../content/opt-out-words.js';

// Every language's words count for everyone: the user's language may not be known yet.
const STOP_WORDS = new Set(Object.values(STOP_BY_LANGUAGE).flat());
const START_WORDS = new Set(Object.values(START_BY_LANGUAGE).flat());

const OPT_OUT_PAYLOADS = new Set([OPT_OUT_BUTTON_PAYLOAD, 'opt_out', 'optout', 'stop', 'unsubscribe']);

function normalised(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/[.!。！؟?]+$/u, '');
}

/** What the user said, as a word to compare: typed text, or the label of a button they tapped. */
function keyword(input: UserInput): string | null {
  if (input.kind === 'text') return normalised(input.text);
  if (input.kind !== 'choice') return null;
  if (OPT_OUT_PAYLOADS.has(normalised(input.id))) return 'stop';
  if (input.template === true && (isStopLabel(input.title) || isStopLabel(input.id))) return 'stop';
  return normalised(input.title);
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
