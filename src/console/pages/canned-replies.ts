import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { LANGUAGE_NAMES } from '../../content/language-names.js';
import { LANGUAGES } from '../../i18n/languages.js';
import { recordAudit } from '../../ops/audit.js';
import {
  addCannedReply,
  deleteCannedReply,
  listCannedReplies,
  updateCannedReply,
  type CannedReplyInput,
} from '../../ops/canned-replies.js';
import { requireRole, sessionOf } from '../auth/guard.js';

type Body = Partial<Record<keyof CannedReplyInput | 'id', string>>;

/** Canned replies: admin only; consultants pick them on the conversation page. The same ops as `canned …`. */
export function cannedReplyPages(app: FastifyInstance, deps: Deps): void {
  const admin = { preHandler: requireRole('admin') };
  const languages = LANGUAGES.map((l) => ({ tag: l, label: `${LANGUAGE_NAMES[l].english} (${l})` }));
  const page = async (req: FastifyRequest, notice: string | null, error: string | null, draft: Body = {}) => ({
    title: 'Canned replies',
    nav: '/console/canned-replies',
    replies: await listCannedReplies(deps.db),
    languages,
    notice,
    error,
    draft,
    session: sessionOf(req),
  });
  const me = (req: FastifyRequest) => sessionOf(req).operator.email;
  const audit = (req: FastifyRequest, action: string, subject: string) =>
    recordAudit(deps.db, { operatorId: Number(sessionOf(req).operator.id), action, subject }, deps.clock.now());
  const input = (b: Body | undefined): CannedReplyInput => ({
    title: String(b?.title ?? ''),
    body: String(b?.body ?? ''),
    language: String(b?.language ?? ''),
  });

  app.get('/console/canned-replies', admin, async (req, reply) =>
    reply.view('canned-replies.eta', await page(req, null, null)),
  );

  app.post<{ Body: Body }>('/console/canned-replies', admin, async (req, reply) => {
    try {
      const c = await addCannedReply(deps.db, input(req.body), me(req), deps.clock.now());
      await audit(req, 'add_canned_reply', `canned:${c.id}`);
      return reply.view('canned-replies.eta', await page(req, `Added “${c.title}”.`, null));
    } catch (err) {
      // The admin's text is kept in the form, so nothing typed is lost.
      return reply.code(400).view('canned-replies.eta', await page(req, null, (err as Error).message, req.body));
    }
  });

  app.post<{ Params: { id: string }; Body: Body }>('/console/canned-replies/:id', admin, async (req, reply) => {
    try {
      const c = await updateCannedReply(deps.db, req.params.id, input(req.body), me(req), deps.clock.now());
      await audit(req, 'edit_canned_reply', `canned:${c.id}`);
      return reply.view('canned-replies.eta', await page(req, `Saved “${c.title}”.`, null));
    } catch (err) {
      const draft = { ...req.body, id: req.params.id };
      return reply.code(400).view('canned-replies.eta', await page(req, null, (err as Error).message, draft));
    }
  });

  app.post<{ Params: { id: string } }>('/console/canned-replies/:id/delete', admin, async (req, reply) => {
    await deleteCannedReply(deps.db, req.params.id);
    await audit(req, 'delete_canned_reply', `canned:${req.params.id}`);
    return reply.view('canned-replies.eta', await page(req, 'Deleted.', null));
  });
}
