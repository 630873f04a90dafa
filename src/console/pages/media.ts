import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../ops/audit.js';
import { openMediaFile } from '../../ops/media-files.js';
import { sessionOf } from '../auth/guard.js';

/**
 * A client's file, for signed-in operators only (the console's auth hook refuses anyone else, as for
 * the conversation it belongs to). Raster images are shown inline; everything else is a download
 * (`Content-Disposition: attachment`), with the console's nosniff and strict CSP, so a file is never
 * run as a page. Each read is audited, like opening the conversation.
 */
export function mediaPages(app: FastifyInstance, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/console/media/:id', async (req, reply) => {
    const session = sessionOf(req);
    const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : 0;
    const file = await openMediaFile(deps.db, deps.media, id);
    if (file === null) return reply.code(404).type('text/plain').send('No such file (it may have been deleted).');
    await recordAudit(
      deps.db,
      { operatorId: Number(session.operator.id), action: 'view_media', subject: file.row.phone },
      deps.clock.now(),
    );
    return reply
      .type(file.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', file.disposition)
      .send(file.stream);
  });
}
