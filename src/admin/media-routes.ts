// POST /admin/api/conversations/:phone/media: a CRM uploads an image or a document for a client, as
// a multipart form (`file`, optional `caption` and `operator`). Its own scope, so the multipart parser
// exists only here. The same operation as the console's "Attach a file" (ops/send-media.ts): the file
// is streamed into the media store while the form is read, and the outbound sender uploads it to Meta.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { acceptUploadForm, type FileField } from '../media/upload-form.js';
import { sendMediaAsOperator, storeOperatorUpload, type StoredUpload } from '../ops/send-media.js';
import { errorResponses, phoneParams } from './admin-schemas.js';

interface MediaForm {
  file?: FileField<StoredUpload>;
  caption?: string;
  operator?: string;
}

/** Who the admin API acts as when the caller names no operator (as for replies). */
const API_ACTOR = 'admin-api';

export async function mediaRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  const { deps } = opts;
  const maxBytes = deps.config.mediaUploadMaxBytes;
  await acceptUploadForm(app, {
    maxBytes,
    fields: 4,
    parts: 6,
    mayKeep: () => true, // the token guard has already let the request in
    store: (file) => storeOperatorUpload(deps.media, file, maxBytes),
    discard: (upload) => deps.media.delete(upload.storageKey),
  });

  app.post<{ Params: { phone: string }; Body: MediaForm }>(
    '/conversations/:phone/media',
    {
      schema: {
        summary:
          "Send the client an uploaded image (JPEG or PNG, at most 5 MB) or document (PDF, TXT, DOC(X), XLS(X), PPT(X)), at most MEDIA_UPLOAD_MAX_MB, as multipart/form-data; it is uploaded to Meta when its turn in the client's queue comes. 409 WINDOW_CLOSED after 24 hours without a client message, OPTED_OUT after STOP",
        consumes: ['multipart/form-data'],
        params: phoneParams,
        body: {
          type: 'object',
          properties: {
            file: { description: "the file (binary); its name's extension must match its content" },
            caption: { type: 'string', maxLength: 1024 },
            operator: {
              type: 'string',
              minLength: 1,
              maxLength: 128,
              description: 'the operator id (e.g. e-mail or login)',
            },
          },
          required: ['file'],
        },
        response: {
          202: {
            type: 'object',
            properties: { id: { type: 'integer' } },
            required: ['id'],
            additionalProperties: true,
          },
          ...errorResponses(400, 404, 409, 413, 415),
        },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data (field "file")');
      const { file, caption, operator } = req.body;
      if (file === undefined) throw new AppError('VALIDATION_FAILED', 'file is required', { field: 'file' });
      if (!file.ok) throw file.error;
      file.taken = true;
      const result = await sendMediaAsOperator(
        deps.db,
        deps.media,
        req.params.phone,
        operator ?? API_ACTOR,
        { source: { upload: file.upload }, caption },
        deps.clock.now(),
      );
      req.log.info({ id: result.id, kind: file.upload.kind }, 'admin API: operator file queued');
      return reply.code(202).send(result);
    },
  );
}
