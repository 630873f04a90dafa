// Quick actions: an operator sends, in one click, what the bot itself would send — a program's card,
// the brochure (a document) or the booking link — in the client's language, with the bot's own
// renderer and copy. Through the same queue, window check and ownership rules as a typed reply.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { formatProgramCard } from '../conversation/format.js';
import type { Reply } from '../conversation/types.js';
import { messagesFor } from '../messages.js';
import { toProgram } from '../store/programs-repository.js';
import type { Database } from '../store/schema.js';
import { queueOperatorReply, type ReplyResult } from './handoff-conversations.js';

export type QuickAction = { kind: 'brochure' } | { kind: 'booking' } | { kind: 'program'; program: number };

/** What the bot sends for menu options 5 and 6 (BOOKING_URL, BROCHURE_URL / _FILENAME / _CAPTION). */
export interface QuickActionSettings {
  bookingUrl: string;
  brochure: { url: string; filename: string; caption: string | undefined };
}

/** Reads an action from a form or an API body: 'brochure', 'booking', or a program's id. */
export function parseQuickAction(action: unknown, program?: unknown): QuickAction {
  if (action === 'brochure' || action === 'booking') return { kind: action };
  if (action === 'program') {
    const id = Number(program);
    if (!Number.isInteger(id) || id <= 0)
      throw new AppError('VALIDATION_FAILED', 'choose a program to send', { field: 'program' });
    return { kind: 'program', program: id };
  }
  throw new AppError('VALIDATION_FAILED', "quick action must be 'brochure', 'booking' or a program", {
    field: 'quick',
  });
}

/** The programs an operator can send a card of, by category and rank as the bot lists them. */
export async function quickActionPrograms(db: Kysely<Database>): Promise<{ id: number; label: string }[]> {
  const rows = await db
    .selectFrom('investment_programs')
    .select(['id', 'name', 'category'])
    .orderBy('category')
    .orderBy('rank')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), label: `${r.name} (${r.category})` }));
}

/** Whether the client sent STOP: then nothing can be sent to them, a quick action included. */
export async function clientOptedOut(db: Kysely<Database>, phone: string): Promise<boolean> {
  const s = await db.selectFrom('whatsapp_sessions').select('opted_out').where('phone', '=', phone).executeTakeFirst();
  return s?.opted_out === 1;
}

/** Queues the action's message to `phone` as `operator`'s; refused as a typed reply would be. */
export async function sendQuickAction(
  db: Kysely<Database>,
  phone: string,
  operator: string,
  action: QuickAction,
  settings: QuickActionSettings,
  now: number,
): Promise<ReplyResult> {
  let build: (language: string | null) => Reply;
  switch (action.kind) {
    case 'booking':
      build = (language) => ({
        kind: 'text',
        body: messagesFor(language).t('booking.link', { url: settings.bookingUrl }),
        previewUrl: true,
      });
      break;
    case 'brochure':
      build = (language) => ({
        kind: 'document',
        link: settings.brochure.url,
        filename: settings.brochure.filename,
        caption: settings.brochure.caption ?? messagesFor(language).t('brochure.caption'),
      });
      break;
    case 'program': {
      const row = await db
        .selectFrom('investment_programs')
        .selectAll()
        .where('id', '=', action.program)
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `no program with id ${action.program}`, { field: 'program' });
      const program = toProgram(row);
      build = (language) => ({ kind: 'text', body: formatProgramCard(messagesFor(language), program) });
      break;
    }
  }
  return queueOperatorReply(db, phone, operator, build, now);
}
