// Where client documents and media live: files under MEDIA_DIR, each under a random name that
// says nothing about whose it is. The database (media_files) holds the metadata; this holds bytes.
// A store with the same three operations over an S3-compatible bucket could replace it (DEPLOYMENT.md).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type TransformCallback } from 'node:stream';

export type PutResult =
  | { ok: true; key: string; size: number; sha256: string }
  /** More than `maxBytes` arrived: nothing was kept. */
  | { ok: false; reason: 'too_large'; size: number };

export interface MediaStore {
  /** Streams the bytes into a new file (never half-written: a temporary name until complete). */
  put(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, maxBytes: number): Promise<PutResult>;
  /** The file's bytes, or null when it is not there (deleted, or another instance's disk). */
  open(key: string): Promise<{ stream: ReadStream; size: number } | null>;
  /** Removes the file; a file already gone is fine. */
  delete(key: string): Promise<void>;
}

/** Two hex characters of directory, then 32 of name: a key never leaves MEDIA_DIR. */
const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

class TooLarge extends Error {
  constructor(readonly size: number) {
    super('too large');
  }
}

/** Counts and hashes the bytes as they pass, and stops the copy once there are too many. */
class Meter extends Transform {
  size = 0;
  readonly hash = createHash('sha256');
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new TooLarge(this.size));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

export function localMediaStore(dir: string): MediaStore {
  return {
    async put(source, maxBytes) {
      const key = `${randomBytes(1).toString('hex')}/${randomBytes(16).toString('hex')}`;
      const path = join(dir, key);
      const part = `${path}.part`;
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
      const meter = new Meter(maxBytes);
      try {
        await pipeline(source, meter, createWriteStream(part, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        await rm(part, { force: true });
        if (err instanceof TooLarge) return { ok: false, reason: 'too_large', size: err.size };
        throw err;
      }
      await rename(part, path);
      return { ok: true, key, size: meter.size, sha256: meter.hash.digest('hex') };
    },
    async open(key) {
      if (!isStorageKey(key)) return null;
      const path = join(dir, key);
      try {
        const { size } = await stat(path);
        return { stream: createReadStream(path), size };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      if (!isStorageKey(key)) return;
      await rm(join(dir, key), { force: true });
    },
  };
}

/**
 * Whether the bytes are the file Meta described: Meta's `sha256` is hex in the media endpoint's
 * answer and base64 in some webhooks; either spelling of our digest counts.
 */
export function sameSha256(hexDigest: string, expected: string): boolean {
  const e = expected.trim();
  if (/^[0-9a-fA-F]{64}$/.test(e)) return e.toLowerCase() === hexDigest;
  return Buffer.from(hexDigest, 'hex').toString('base64') === e;
}
