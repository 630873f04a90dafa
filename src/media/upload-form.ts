// The HTTP side of an operator's file upload, shared by the console's "Attach a file" and the admin
// API's media route: a multipart parser in the caller's own scope that streams the one `file` part
// into storage while the form is read (never into memory), drains a part it does not keep so the
// request completes and the answer is seen, and deletes a kept file whose message was never queued
// (the request refused before its handler ran, or by the operation). What storing means, and who may
// store at all, the caller says.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What the form's `file` field becomes once read: the kept file, or why it was refused. */
export type FileField<U> = { ok: true; upload: U; taken: boolean } | { ok: false; error: unknown };

export interface UploadFormOptions<U> {
  /** The cap of one file; one more byte reaches `store`, which refuses it with a sentence. */
  maxBytes: number;
  /** Other fields and parts the form may have (the multipart parser's limits). */
  fields: number;
  parts: number;
  /** Whether this request may keep a file at all (e.g. a signed-in consultant with the form's token). */
  mayKeep: (req: FastifyRequest) => boolean;
  store: (file: { filename: string; bytes: AsyncIterable<Uint8Array>; drain: () => Promise<void> }) => Promise<U>;
  discard: (upload: U) => Promise<void>;
}

/** Reads the rest of a file part that is not kept. */
async function drain(part: MultipartFile): Promise<void> {
  if (part.file.readableEnded || part.file.destroyed) return;
  part.file.resume();
  await new Promise<void>((resolve) => {
    part.file.once('end', resolve);
    part.file.once('close', resolve);
  });
}

/** Registers the parser in `app`'s scope; the route marks `body.file.taken` once the operation has the file. */
export async function acceptUploadForm<U>(app: FastifyInstance, o: UploadFormOptions<U>): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { files: 1, fields: o.fields, parts: o.parts, fieldSize: 16 * 1024, fileSize: o.maxBytes + 1 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      // Nothing is kept for an empty file input, another part name, or a request that will be refused.
      if (part.fieldname !== 'file' || part.filename === '' || !o.mayKeep(this)) {
        await drain(part);
        return;
      }
      try {
        const upload = await o.store({
          filename: part.filename,
          bytes: part.file.iterator({ destroyOnReturn: false }),
          drain: () => drain(part),
        });
        part.value = { ok: true, upload, taken: false } satisfies FileField<U>;
      } catch (error) {
        await drain(part);
        part.value = { ok: false, error } satisfies FileField<U>;
      }
    },
  });
  app.addHook('onResponse', async (req) => {
    const file = (req.body as { file?: FileField<U> } | undefined)?.file;
    if (file?.ok === true && !file.taken) await o.discard(file.upload);
  });
}
