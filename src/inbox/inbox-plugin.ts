// The agent inbox: its own route scope under /console/inbox, registered inside the console's scope
// (so the console's sign-in, CSRF check, headers, error page and views apply to it), and what an
// operator does to a conversation: claim, reply, resolve. The same ops/ functions as the admin API and
// the CLI; the operator acts under their e-mail. Its templates live with the console's views, because
// they render inside the console's layout.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { assignConversation, replyAsOperator, resolveConversation } from '../ops/handoff-conversations.js';
import { formatDuration, inboxVersion, listInbox } from '../ops/inbox.js';
import { requirePhone } from '../ops/require-phone.js';
import { requireRole, sessionOf } from '../console/auth/guard.js';
import { liveStream } from '../console/live/live-stream.js';
import { quickActionRoutes } from './quick-actions.js';
import { assignRoutes } from './assign.js';
import { listAssignableOperators } from '../ops/handoff-assign.js';
import { templateRoutes } from './templates.js';
import { inboxMedia } from './media.js';

/** Where a conversation's actions are posted: `${INBOX}/conversations/:phone/claim|reply|resolve`. */
export const INBOX = '/console/inbox';

async function inboxData(deps: Deps, req: FastifyRequest) {
  const session = sessionOf(req);
  const inbox = await listInbox(deps.db, session.operator.email, deps.clock.now());
  const assignable = session.operator.role === 'admin' ? await listAssignableOperators(deps.db) : [];
  return { title: 'Inbox', nav: INBOX, inbox, duration: formatDuration, session, assignable };
}

/** After a form post: back to the conversation, or the error page in the console's words. */
function backTo(reply: FastifyReply, phone: string) {
  return reply.redirect(`/console/conversations/${phone}`, 303);
}

/** Registered by the console with `{ prefix: INBOX }`: every path below is relative to it. */
export async function inboxPlugin(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  const { deps } = opts;
  const consultant = { preHandler: requireRole('consultant') };
  await app.register(inboxMedia, { deps });

  quickActionRoutes(app, deps);
  assignRoutes(app, deps);

  app.get('/', async (req, reply) => reply.view('inbox.eta', await inboxData(deps, req)));
  app.get('/list', async (req, reply) => reply.view('partials/inbox-list.eta', await inboxData(deps, req)));

  app.get('/events', (req, reply) => {
    liveStream(deps, req, reply, () => inboxVersion(deps.db));
  });

  app.post<{ Params: { phone: string } }>('/conversations/:phone/claim', consultant, async (req, reply) => {
    const me = sessionOf(req).operator.email;
    const phone = requirePhone(req.params.phone);
    await assignConversation(deps.db, phone, me, me, deps.clock.now());
    return backTo(reply, phone);
  });

  app.post<{ Params: { phone: string }; Body: { text?: string } }>(
    '/conversations/:phone/reply',
    consultant,
    async (req, reply) => {
      const me = sessionOf(req).operator.email;
      const phone = requirePhone(req.params.phone);
      const text = String((req.body as { text?: string } | undefined)?.text ?? '');
      if (text.trim() === '') throw new AppError('VALIDATION_FAILED', 'Write a reply first.', { field: 'text' });
      await replyAsOperator(deps.db, phone, me, text, deps.clock.now());
      return backTo(reply, phone);
    },
  );

  app.post<{ Params: { phone: string } }>('/conversations/:phone/resolve', consultant, async (req, reply) => {
    const me = sessionOf(req).operator.email;
    const phone = requirePhone(req.params.phone);
    await resolveConversation(deps.db, phone, me, deps.clock.now());
    return backTo(reply, phone);
  });

  templateRoutes(app, deps);
}
