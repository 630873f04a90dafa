// Client documents and media for the console and the personal-data operations: what each message
// carried (for the timeline), one file's bytes (for the console's download route), and the files of
// one person (export, erasure, retention). The bytes are in the MediaStore; the rows in media_files.
import type { Kysely } from 'kysely';
import type { ReadStream } from 'node:fs';
import type { MediaStore } from '../media/media-store.js';
import type { Database, MediaFileRow } from '../store/schema.js';

/** Types a browser may show inline: raster images only (never SVG, HTML or PDF, which can carry script). */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export interface MediaView {
  id: number;
  kind: string;
  status: MediaFileRow['status'];
  /** The name shown and offered on download. */
  name: string;
  size: number | null;
  /** Shown inline in the timeline (a stored raster image). */
  inline: boolean;
  /** A link to the bytes (only for stored files). */
  href: string | null;
  problem: string | null;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'text/plain': 'txt',
};

/** The client's own file name, else `<kind>-<id>.<ext>` from its type. */
export function displayName(row: Pick<MediaFileRow, 'id' | 'kind' | 'filename' | 'mime_type'>): string {
  if (row.filename) return row.filename;
  const ext = EXTENSIONS[(row.mime_type ?? '').split(';')[0]!.trim().toLowerCase()] ?? 'bin';
  return `${row.kind}-${row.id}.${ext}`;
}

function baseType(mime: string | null): string {
  return (mime ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isInlineType(mime: string | null): boolean {
  return INLINE_TYPES.has(baseType(mime));
}

/** The files of these messages, by message row id, for the timeline. */
export async function mediaOfMessages(
  db: Kysely<Database>,
  messageIds: readonly number[],
): Promise<Map<number, MediaView>> {
  const out = new Map<number, MediaView>();
  for (let i = 0; i < messageIds.length; i += 500) {
    const rows = await db
      .selectFrom('media_files')
      .selectAll()
      .where('message_row_id', 'in', messageIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const stored = r.status === 'stored' && r.storage_key !== null;
      out.set(Number(r.message_row_id), {
        id: Number(r.id),
        kind: r.kind,
        status: r.status,
        name: displayName(r),
        size: r.size === null ? null : Number(r.size),
        inline: stored && isInlineType(r.mime_type),
        href: stored ? `/console/media/${r.id}` : null,
        problem: r.problem,
      });
    }
  }
  return out;
}

export interface OpenedMedia {
  row: MediaFileRow;
  stream: ReadStream;
  size: number;
  /** The content type to serve: the stored one when it is a well-formed type, else octet-stream. */
  contentType: string;
  /** Images are shown inline; everything else is only ever downloaded. */
  disposition: string;
}

/** One stored file and how to serve it safely, or null (no such file, not stored, or gone from disk). */
export async function openMediaFile(db: Kysely<Database>, store: MediaStore, id: number): Promise<OpenedMedia | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const row = await db.selectFrom('media_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (row?.status !== 'stored' || row.storage_key === null) return null;
  const file = await store.open(row.storage_key);
  if (file === null) return null;
  const type = baseType(row.mime_type);
  const contentType = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type)
    ? type
    : 'application/octet-stream';
  const name = displayName(row);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const disposition = `${isInlineType(contentType) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
  return { row, stream: file.stream, size: file.size, contentType, disposition };
}

/** Deletes these files' bytes (after their rows are gone); a file already gone is fine. Returns how many. */
export async function removeStoredFiles(store: MediaStore, keys: readonly (string | null)[]): Promise<number> {
  let n = 0;
  for (const key of keys) {
    if (key === null) continue;
    await store.delete(key);
    n++;
  }
  return n;
}
