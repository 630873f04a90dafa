// A person sends a client an image or a document: a file uploaded from the console (or the admin
// API), or a public HTTPS link. The same rules as a free-form reply (24-hour window, ownership, the
// operator's id on the stored message, the durable outbound queue), plus WhatsApp's types and sizes.
// An uploaded file is kept under MEDIA_DIR (the media store) and queued without a media id: the
// outbound sender uploads it to the Graph API when the message's turn comes and keeps the id for
// any retry (pipeline/outbound-media.ts, ARCHITECTURE.md "Files operators send").
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { MEDIA_SIZE_LIMITS, WHATSAPP_LIMITS } from '../lib/whatsapp-limits.js';
import type { MediaStore } from '../media/media-store.js';
import { queueOperatorBody } from '../pipeline/queue-outbound.js';
import type { Database } from '../store/schema.js';
import { recipientField } from '../whatsapp/render-reply.js';
import { conversationAfter, freeFormTurn, requireOperator, type ReplyResult } from './handoff-conversations.js';
import { requirePhone } from './require-phone.js';

export type OutboundMediaKind = 'image' | 'document';

type Magic = 'jpeg' | 'png' | 'pdf' | 'ole' | 'zip' | 'text';

/** What WhatsApp accepts from us (Cloud API reference §5): by extension, its type and its first bytes. */
const ACCEPTED: Record<string, { kind: OutboundMediaKind; mime: string; magic: Magic }> = {
  jpg: { kind: 'image', mime: 'image/jpeg', magic: 'jpeg' },
  jpeg: { kind: 'image', mime: 'image/jpeg', magic: 'jpeg' },
  png: { kind: 'image', mime: 'image/png', magic: 'png' },
  pdf: { kind: 'document', mime: 'application/pdf', magic: 'pdf' },
  txt: { kind: 'document', mime: 'text/plain', magic: 'text' },
  doc: { kind: 'document', mime: 'application/msword', magic: 'ole' },
  docx: {
    kind: 'document',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: 'zip',
  },
  xls: { kind: 'document', mime: 'application/vnd.ms-excel', magic: 'ole' },
  xlsx: { kind: 'document', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  ppt: { kind: 'document', mime: 'application/vnd.ms-powerpoint', magic: 'ole' },
  pptx: {
    kind: 'document',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: 'zip',
  },
};

/** For file inputs: `accept` lists these. */
export const ACCEPTED_EXTENSIONS = Object.keys(ACCEPTED).map((e) => `.${e}`);

const TYPES_SENTENCE =
  'WhatsApp takes images as JPEG or PNG and documents as PDF, TXT, DOC, DOCX, XLS, XLSX, PPT or PPTX';

const MB = 1024 * 1024;

/** The console's default cap on one uploaded file (MEDIA_UPLOAD_MAX_MB). */
export const DEFAULT_UPLOAD_MAX_BYTES = 16 * MB;

function megabytes(bytes: number): string {
  return bytes < MB ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / MB) * 10) / 10} MB`;
}

function magicMatches(magic: Magic, head: Buffer): boolean {
  switch (magic) {
    case 'jpeg':
      return head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    case 'png':
      return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'pdf':
      return head.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'ole':
      return head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    case 'zip':
      return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    case 'text':
      return !head.includes(0);
  }
}

/** A file name safe to store and to send: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(-200)
  );
}

function typeOf(filename: string): (typeof ACCEPTED)[string] | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : ACCEPTED[ext];
}

/** A file an operator uploaded, kept under MEDIA_DIR, not yet queued (see `sendMediaAsOperator`). */
export interface StoredUpload {
  kind: OutboundMediaKind;
  mimeType: string;
  filename: string;
  storageKey: string;
  size: number;
  sha256: string;
}

class WrongContent extends Error {}

/** Passes the bytes on once their first ones match the type the name says (the real type, not the browser's guess). */
async function* checkedBytes(
  source: AsyncIterable<Uint8Array>,
  magic: Magic,
  onEnd: () => Promise<void>,
): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  try {
    for await (const chunk of source) {
      const buf = Buffer.from(chunk);
      if (head === null) {
        yield buf;
        continue;
      }
      head = Buffer.concat([head, buf]);
      if (head.length < 512) continue;
      if (!magicMatches(magic, head)) throw new WrongContent();
      const first = head;
      head = null;
      yield first;
    }
    if (head !== null) {
      if (head.length > 0 && !magicMatches(magic, head)) throw new WrongContent();
      if (head.length > 0) yield head;
    }
  } finally {
    await onEnd();
  }
}

/**
 * Checks an uploaded file's name, real type and size against WhatsApp's limits and the console's
 * cap, and keeps it under MEDIA_DIR. Refusals are AppErrors with a sentence saying what to do; nothing
 * is kept then. `drain` is called once the bytes are no longer needed (to read the rest of a refused upload).
 */
export async function storeOperatorUpload(
  store: MediaStore,
  file: { filename: string; bytes: AsyncIterable<Uint8Array>; drain?: () => Promise<void> },
  maxBytes: number,
): Promise<StoredUpload> {
  const drain = file.drain ?? (async () => undefined);
  const filename = cleanFilename(file.filename);
  const type = typeOf(filename);
  if (filename === '' || type === undefined) {
    await drain();
    throw new AppError(
      'VALIDATION_FAILED',
      `${TYPES_SENTENCE}: "${filename || 'the file'}" is none of these. Choose another file.`,
      { field: 'file' },
    );
  }
  const limit = Math.min(MEDIA_SIZE_LIMITS[type.kind], maxBytes);
  let put;
  try {
    put = await store.put(checkedBytes(file.bytes, type.magic, drain), limit);
  } catch (err) {
    if (err instanceof WrongContent)
      throw new AppError(
        'VALIDATION_FAILED',
        `"${filename}" is not really a ${type.mime} file (its content says otherwise): ${TYPES_SENTENCE}.`,
        { field: 'file' },
      );
    throw err;
  }
  if (!put.ok) {
    const why =
      limit < MEDIA_SIZE_LIMITS[type.kind]
        ? `the console accepts files up to ${megabytes(limit)} (MEDIA_UPLOAD_MAX_MB)`
        : `WhatsApp accepts ${type.kind === 'image' ? 'images' : 'documents'} up to ${megabytes(limit)}`;
    throw new AppError('PAYLOAD_TOO_LARGE', `"${filename}" is too large: ${why}. Send a smaller file, or a link.`, {
      field: 'file',
    });
  }
  if (put.size === 0) {
    await store.delete(put.key);
    throw new AppError('VALIDATION_FAILED', `"${filename}" is empty: choose another file.`, { field: 'file' });
  }
  return {
    kind: type.kind,
    mimeType: type.mime,
    filename,
    storageKey: put.key,
    size: put.size,
    sha256: put.sha256,
  };
}

export type MediaSource =
  { upload: StoredUpload } | { link: string; kind: OutboundMediaKind; filename?: string | undefined };

export interface MediaSend {
  source: MediaSource;
  caption?: string | undefined;
}

function checkLink(input: string): string {
  const link = input.trim();
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'link must be a full https:// address', { field: 'link' });
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || link.length > 2000)
    throw new AppError(
      'VALIDATION_FAILED',
      'link must be a public https:// address without a user name or password (at most 2000 characters)',
      { field: 'link' },
    );
  return url.toString();
}

/** The document's name from the link's last path segment, when none was given. */
function nameFromLink(link: string): string {
  const last = new URL(link).pathname.split('/').pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // keep it as written
  }
  return cleanFilename(decoded) || 'document';
}

/**
 * An operator's image or document to a client, through the durable outbound queue, stored with the
 * operator's id and shown in the timeline. Refused before queueing (nothing queued, an uploaded file
 * removed again) once the 24-hour window has closed, when the client sent STOP, or when another
 * operator owns the conversation; sending makes it the operator's if nobody owned it.
 */
export async function sendMediaAsOperator(
  db: Kysely<Database>,
  store: MediaStore,
  phoneInput: string,
  operatorInput: string,
  send: MediaSend,
  now: number,
): Promise<ReplyResult> {
  const upload = 'upload' in send.source ? send.source.upload : null;
  try {
    return await queueMedia(db, phoneInput, operatorInput, send, now);
  } catch (err) {
    if (upload !== null) await store.delete(upload.storageKey);
    throw err;
  }
}

async function queueMedia(
  db: Kysely<Database>,
  phoneInput: string,
  operatorInput: string,
  send: MediaSend,
  now: number,
): Promise<ReplyResult> {
  const phone = requirePhone(phoneInput);
  const operator = requireOperator(operatorInput);
  const caption = send.caption?.trim() ?? '';
  if (caption.length > WHATSAPP_LIMITS.caption)
    throw new AppError(
      'VALIDATION_FAILED',
      `caption is longer than WhatsApp allows (${WHATSAPP_LIMITS.caption} characters)`,
      { field: 'caption' },
    );
  const src = send.source;
  const kind = 'upload' in src ? src.upload.kind : src.kind;
  const link = 'link' in src ? checkLink(src.link) : null;
  const filename =
    'upload' in src
      ? src.upload.filename
      : kind === 'document'
        ? cleanFilename(src.filename ?? '') || nameFromLink(link!)
        : null;
  // Exactly one of id (added by the sender after its upload) or link.
  const media: Record<string, string> = {
    ...(link !== null ? { link } : {}),
    ...(kind === 'document' && filename !== null ? { filename } : {}),
    ...(caption !== '' ? { caption } : {}),
  };
  const summary =
    `[${kind}: ${filename ?? (link !== null ? nameFromLink(link) : kind)}] ${caption}`.trim() +
    (link !== null ? `\n${link}` : '');
  return db.transaction().execute(async (trx) => {
    const { turn } = await freeFormTurn(trx, phone, operator, now);
    const id = await queueOperatorBody(trx, {
      phone,
      type: kind,
      summary,
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        ...recipientField(phone),
        type: kind,
        [kind]: media,
      },
      operator,
      now,
    });
    if ('upload' in src) {
      const u = src.upload;
      await trx
        .insertInto('media_files')
        .values({
          message_row_id: id,
          phone,
          direction: 'outgoing',
          kind,
          media_id: null,
          mime_type: u.mimeType,
          filename: u.filename,
          storage_key: u.storageKey,
          size: u.size,
          sha256: u.sha256,
          status: 'stored',
          problem: null,
          operator,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    return { id, conversation: conversationAfter(turn.after, turn.lastInboundAt, now) };
  });
}
