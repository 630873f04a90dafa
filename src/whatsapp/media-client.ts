// Meta's media endpoints (Cloud API reference §2.1, §11): `GET /{media-id}` for a short-lived URL
// and the file's size, type and hash; that URL downloaded with the same bearer token; and
// `POST /{phone-number-id}/media` to upload a file the business sends. Failures come back as values.
import { request, FormData } from 'undici';
import { z } from 'zod';

export interface MediaClientOptions {
  baseUrl: string;
  version: string;
  phoneNumberId: string;
  token: string;
  /** Headers and idle-body timeout of each request. Default 30 s. */
  timeoutMs?: number;
}

export interface MediaInfo {
  url: string;
  mimeType: string | null;
  sha256: string | null;
  /** Meta sends it as a string of digits; null when absent. */
  fileSize: number | null;
}

export type MediaFailure = {
  ok: false;
  /** Worth trying again later (network, 5xx, throttling, a token someone may fix). */
  retryable: boolean;
  /** The download URL is no longer valid: ask `GET /{media-id}` for a new one. */
  expired?: boolean;
  code: number | null;
  problem: string;
};

const infoSchema = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).optional(),
});

function graphUrl(o: MediaClientOptions, ...segments: string[]): URL {
  const base = new URL(o.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${prefix}/${[o.version, ...segments].map(encodeURIComponent).join('/')}`, base.origin);
}

function failure(status: number, text: string): MediaFailure {
  let code: number | null = null;
  let message = text.slice(0, 200);
  try {
    const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof e?.code === 'number') code = e.code;
    if (typeof e?.message === 'string') message = e.message.slice(0, 200);
  } catch {
    // not JSON: the text is the problem
  }
  // 401/403: the token (someone may fix it); 429 and 5xx: Meta is busy or down. Other 4xx (the id
  // does not exist, 131052 "can't download media the user sent") will not change by asking again.
  const retryable = status === 401 || status === 403 || status === 429 || status >= 500 || code === 190;
  return {
    ok: false,
    retryable,
    code,
    problem: `Graph API answered ${status}${code ? ` (code ${code})` : ''}: ${message}`,
  };
}

function networkFailure(err: unknown): MediaFailure {
  return {
    ok: false,
    retryable: true,
    code: null,
    problem: `Graph API unreachable: ${err instanceof Error ? err.message : String(err)}`,
  };
}

/** `GET /{media-id}?phone_number_id=…`: where to download the file, and what it should be. */
export async function fetchMediaInfo(
  o: MediaClientOptions,
  mediaId: string,
): Promise<{ ok: true; info: MediaInfo } | MediaFailure> {
  const url = graphUrl(o, mediaId);
  url.searchParams.set('phone_number_id', o.phoneNumberId);
  try {
    const res = await request(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${o.token}` },
      headersTimeout: o.timeoutMs ?? 30_000,
      bodyTimeout: o.timeoutMs ?? 30_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) return failure(res.statusCode, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, retryable: true, code: null, problem: 'the media answer is not JSON' };
    }
    const parsed = infoSchema.safeParse(json);
    if (!parsed.success)
      return { ok: false, retryable: true, code: null, problem: 'the media answer has no usable url' };
    const d = parsed.data;
    return {
      ok: true,
      info: {
        url: d.url,
        mimeType: d.mime_type ?? null,
        sha256: d.sha256 ?? null,
        fileSize: d.file_size === undefined ? null : Number(d.file_size),
      },
    };
  } catch (err) {
    return networkFailure(err);
  }
}

/**
 * Downloads a media URL with the bearer token and hands the body to `consume` (which stores it).
 * The token only goes to HTTPS URLs or to the configured Graph host. 401, 403, 404 and 410 mean the
 * URL has expired (it lives five minutes): `expired` says to fetch a new one.
 */
export async function downloadMedia<T>(
  o: MediaClientOptions,
  url: string,
  consume: (body: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<{ ok: true; value: T } | MediaFailure> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, retryable: true, expired: true, code: null, problem: 'the media URL is not a URL' };
  }
  if (target.protocol !== 'https:' && target.origin !== new URL(o.baseUrl).origin)
    return { ok: false, retryable: false, code: null, problem: `refusing to send the token to ${target.origin}` };
  try {
    const res = await request(target, {
      method: 'GET',
      headers: { authorization: `Bearer ${o.token}` },
      headersTimeout: o.timeoutMs ?? 30_000,
      bodyTimeout: o.timeoutMs ?? 30_000,
    });
    if (res.statusCode !== 200) {
      const text = await res.body.text();
      if ([401, 403, 404, 410].includes(res.statusCode))
        return {
          ok: false,
          retryable: true,
          expired: true,
          code: null,
          problem: `media URL answered ${res.statusCode}`,
        };
      return failure(res.statusCode, text);
    }
    return { ok: true, value: await consume(res.body) };
  } catch (err) {
    return networkFailure(err);
  }
}

/** `POST /{phone-number-id}/media` (multipart: file, type, messaging_product): the new media id. */
export async function uploadMedia(
  o: MediaClientOptions,
  file: { bytes: Uint8Array<ArrayBuffer>; mimeType: string; filename: string },
): Promise<{ ok: true; id: string } | MediaFailure> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mimeType);
  form.set('file', new Blob([file.bytes], { type: file.mimeType }), file.filename);
  try {
    const res = await request(graphUrl(o, o.phoneNumberId, 'media'), {
      method: 'POST',
      headers: { authorization: `Bearer ${o.token}` },
      body: form,
      headersTimeout: o.timeoutMs ?? 30_000,
      bodyTimeout: o.timeoutMs ?? 30_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) return failure(res.statusCode, text);
    const id = (JSON.parse(text) as { id?: unknown }).id;
    if (typeof id !== 'string' || id === '')
      return { ok: false, retryable: true, code: null, problem: 'the upload answer has no id' };
    return { ok: true, id };
  } catch (err) {
    return networkFailure(err);
  }
}
