// The body of a queued image or document an operator uploaded: the row was queued without a media
// id (the file is under MEDIA_DIR, its media_files row says where). When its turn comes, the sender
// asks for the body here: the file is uploaded to `POST /{phone-number-id}/media` once, its id kept
// on the media_files row (a retry reuses it: Meta keeps uploaded media 30 days), and put in the body.
import type { Kysely } from 'kysely';
import type { MediaStore } from '../media/media-store.js';
import type { Database } from '../store/schema.js';
import { uploadMedia, type MediaClientOptions } from '../whatsapp/media-client.js';
import type { SendOutcome } from '../whatsapp/types.js';

export type PreparedBody =
  /** `uploaded`: a Graph upload happened first (it may have taken a while: the lease is renewed). */
  { ok: true; body: string; uploaded: boolean } | { ok: false; outcome: Extract<SendOutcome, { ok: false }> };

export interface OutboundMediaDeps {
  db: Kysely<Database>;
  store: MediaStore;
  client: MediaClientOptions;
  now: () => number;
}

function failed(retryable: boolean, title: string, code: number | null = null): PreparedBody {
  return {
    ok: false,
    outcome: { ok: false, scope: 'message', retryable, code, title, retryAfterMs: null, httpStatus: null },
  };
}

/** Whether a queued row's body still needs an uploaded file's id (an image or document with neither id nor link). */
export function needsUpload(type: string, payload: string): boolean {
  if (type !== 'image' && type !== 'document') return false;
  try {
    const media = (JSON.parse(payload) as Record<string, Record<string, unknown> | undefined>)[type];
    return media !== undefined && media['id'] === undefined && media['link'] === undefined;
  } catch {
    return false;
  }
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** The JSON to send for this row: as queued, or with the uploaded file's media id. */
export async function prepareOutboundBody(
  deps: OutboundMediaDeps,
  row: { id: number; type: string; payload: string },
): Promise<PreparedBody> {
  if (!needsUpload(row.type, row.payload)) return { ok: true, body: row.payload, uploaded: false };
  const file = await deps.db
    .selectFrom('media_files')
    .selectAll()
    .where('message_row_id', '=', row.id)
    .executeTakeFirst();
  if (file === undefined) return failed(false, 'the file to send has no record: send it again');
  let mediaId = file.media_id;
  let uploaded = false;
  if (mediaId === null) {
    const opened = file.storage_key === null ? null : await deps.store.open(file.storage_key);
    if (opened === null) return failed(false, 'the file to send is no longer stored: send it again');
    const bytes = await readAll(opened.stream);
    const result = await uploadMedia(deps.client, {
      bytes,
      mimeType: file.mime_type ?? 'application/octet-stream',
      filename: file.filename ?? `${file.kind}-${file.id}`,
    });
    if (!result.ok) return failed(result.retryable, `upload failed: ${result.problem}`, result.code);
    uploaded = true;
    // Keep the first id any worker got (a worker that lost its lease may have uploaded too).
    await deps.db
      .updateTable('media_files')
      .set({ media_id: result.id, updated_at: deps.now() })
      .where('id', '=', file.id)
      .where('media_id', 'is', null)
      .execute();
    const kept = await deps.db
      .selectFrom('media_files')
      .select('media_id')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    mediaId = kept.media_id ?? result.id;
  }
  const body = JSON.parse(row.payload) as Record<string, Record<string, unknown>>;
  // The id first, as Meta's examples write it; the caption and file name as queued.
  body[row.type] = { id: mediaId, ...body[row.type] };
  return { ok: true, body: JSON.stringify(body), uploaded };
}
