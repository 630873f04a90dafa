// Canned replies: texts an admin keeps so a consultant can start a reply from one (and edit it before
// sending). Per language, or for every language. The console's admin page, the conversation page's
// picker and the CLI call these.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { isLanguage, LANGUAGES, toLanguage } from '../i18n/languages.js';
import type { Database } from '../store/schema.js';
import { iso } from './require-phone.js';

export const CANNED_TITLE_MAX = 80;
export const CANNED_BODY_MAX = 4096;

export interface CannedReplyInput {
  title: string;
  body: string;
  /** A tag of the bot's languages; empty or absent: every language. */
  language?: string | null;
}

export interface CannedReply {
  id: number;
  title: string;
  body: string;
  language: string | null;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

function toView(r: {
  id: number | string;
  title: string;
  body: string;
  language: string | null;
  updated_by: string;
  created_at: number | string;
  updated_at: number | string;
}): CannedReply {
  return {
    id: Number(r.id),
    title: r.title,
    body: r.body,
    language: r.language,
    updated_by: r.updated_by,
    created_at: iso(Number(r.created_at))!,
    updated_at: iso(Number(r.updated_at))!,
  };
}

function validate(input: CannedReplyInput): { title: string; body: string; language: string | null } {
  const title = String(input.title).trim();
  const body = String(input.body).trim();
  const lang = input.language == null ? '' : String(input.language).trim();
  if (title === '') throw new AppError('VALIDATION_FAILED', 'Give the canned reply a title.', { field: 'title' });
  if (title.length > CANNED_TITLE_MAX)
    throw new AppError('VALIDATION_FAILED', `The title is longer than ${CANNED_TITLE_MAX} characters.`, {
      field: 'title',
    });
  if (body === '') throw new AppError('VALIDATION_FAILED', 'Write the text of the canned reply.', { field: 'body' });
  if (body.length > CANNED_BODY_MAX)
    throw new AppError(
      'VALIDATION_FAILED',
      `The text is longer than WhatsApp allows (${CANNED_BODY_MAX} characters).`,
      {
        field: 'body',
      },
    );
  if (lang !== '' && !isLanguage(lang))
    throw new AppError('VALIDATION_FAILED', `Unknown language "${lang}": use one of ${LANGUAGES.join(', ')}.`, {
      field: 'language',
    });
  return { title, body, language: lang === '' ? null : lang };
}

function requireId(id: unknown): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0)
    throw new AppError('VALIDATION_FAILED', 'a canned reply id is a positive number', { field: 'id' });
  return n;
}

/**
 * Every canned reply by title; with `language`, those for that language and those for every
 * language (what the picker offers for a client).
 */
export async function listCannedReplies(
  db: Kysely<Database>,
  opts: { language?: string | null } = {},
): Promise<CannedReply[]> {
  let q = db.selectFrom('canned_replies').selectAll();
  if (opts.language !== undefined) {
    const lang = opts.language;
    q = q.where((eb) =>
      lang === null ? eb('language', 'is', null) : eb.or([eb('language', 'is', null), eb('language', '=', lang)]),
    );
  }
  const rows = await q.orderBy('title').orderBy('language').orderBy('id').execute();
  return rows.map(toView);
}

export async function getCannedReply(db: Kysely<Database>, idInput: unknown): Promise<CannedReply> {
  const id = requireId(idInput);
  const row = await db.selectFrom('canned_replies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no canned reply with id ${id}`, { field: 'id' });
  return toView(row);
}

export async function addCannedReply(
  db: Kysely<Database>,
  input: CannedReplyInput,
  actor: string,
  now: number,
): Promise<CannedReply> {
  const v = validate(input);
  const row = await db
    .insertInto('canned_replies')
    .values({ ...v, updated_by: actor, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getCannedReply(db, row.id);
}

export async function updateCannedReply(
  db: Kysely<Database>,
  idInput: unknown,
  input: CannedReplyInput,
  actor: string,
  now: number,
): Promise<CannedReply> {
  const id = requireId(idInput);
  const v = validate(input);
  const r = await db
    .updateTable('canned_replies')
    .set({ ...v, updated_by: actor, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', `no canned reply with id ${id}`, { field: 'id' });
  return getCannedReply(db, id);
}

export async function deleteCannedReply(db: Kysely<Database>, idInput: unknown): Promise<void> {
  const id = requireId(idInput);
  const r = await db.deleteFrom('canned_replies').where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new AppError('NOT_FOUND', `no canned reply with id ${id}`, { field: 'id' });
}

/** What the conversation page offers for this client: their language's canned replies and the general ones. */
export async function cannedRepliesForClient(db: Kysely<Database>, phone: string): Promise<CannedReply[]> {
  const session = await db
    .selectFrom('whatsapp_sessions')
    .select('language')
    .where('phone', '=', phone)
    .executeTakeFirst();
  return listCannedReplies(db, { language: toLanguage(session?.language) });
}
