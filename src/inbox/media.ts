// An operator sends a client an image or a document from the conversation page: a file chosen on
// their computer (a multipart form) or an https link. Its own scope, so the multipart parser exists
// only here. The file is streamed into the media store while the form is read, and only for a
// consultant whose form carries the session's CSRF token (the hidden `_csrf` field comes first in
// the form); the fields then reach the console's CSRF check as a plain body like any other form.
import type { MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { acceptUploadForm, type FileField } from '../media/upload-form.js';
import { requirePhone } from '../ops/require-phone.js';
import { sendMediaAsOperator, storeOperatorUpload, type StoredUpload } from '../ops/send-media.js';
import { csrfMatches, hasRole, requireRole, sessionOf } from '../console/auth/guard.js';

interface MediaForm {
  _csrf?: string;
  caption?: string;
  link?: string;
  file?: FileField<StoredUpload>;
}

/** A link to a .jpg, .jpeg or .png goes as an image; any other as a document. */
function linkKind(link: string): 'image' | 'document' {
  try {
    return /\.(jpe?g|png)$/i.test(new URL(link).pathname) ? 'image' : 'document';
  } catch {
    return 'document'; // sendMediaAsOperator refuses it with a sentence
  }
}

function field(req: FastifyRequest, name: string): unknown {
  const f = (req.body as Record<string, MultipartValue | undefined> | undefined)?.[name];
  return f?.type === 'field' ? f.value : undefined;
}

/** Registered by the inbox plugin: `POST /conversations/:phone/media` under /console/inbox. */
export async function inboxMedia(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  const { deps } = opts;
  const maxBytes = deps.config.mediaUploadMaxBytes;
  await acceptUploadForm(app, {
    maxBytes,
    fields: 8,
    parts: 10,
    // Nothing is kept for a request the console will refuse anyway: the `_csrf` field comes first in the form.
    mayKeep: (req) => {
      const session = req.consoleSession;
      return session !== null && hasRole(session, 'consultant') && csrfMatches(session.csrfToken, field(req, '_csrf'));
    },
    store: (file) => storeOperatorUpload(deps.media, file, maxBytes),
    discard: (upload) => deps.media.delete(upload.storageKey),
  });

  app.post<{ Params: { phone: string }; Body: MediaForm }>(
    '/conversations/:phone/media',
    { preHandler: requireRole('consultant') },
    async (req, reply) => {
      const me = sessionOf(req).operator.email;
      const phone = requirePhone(req.params.phone);
      const body = req.body as MediaForm | undefined;
      if (!req.isMultipart() || body === undefined)
        throw new AppError('VALIDATION_FAILED', 'Send the file with the form on the conversation page.');
      const { file } = body;
      if (file?.ok === false) throw file.error;
      const link = typeof body.link === 'string' ? body.link.trim() : '';
      if (file === undefined && link === '')
        throw new AppError('VALIDATION_FAILED', 'Choose a file or give an https link first.', { field: 'file' });
      if (file !== undefined && link !== '')
        throw new AppError('VALIDATION_FAILED', 'Send either a file or a link, not both.', { field: 'link' });
      const caption = typeof body.caption === 'string' ? body.caption : undefined;
      if (file !== undefined) file.taken = true;
      await sendMediaAsOperator(
        deps.db,
        deps.media,
        phone,
        me,
        {
          source: file !== undefined ? { upload: file.upload } : { link, kind: linkKind(link) },
          caption,
        },
        deps.clock.now(),
      );
      return reply.redirect(`/console/conversations/${phone}`, 303);
    },
  );
}
