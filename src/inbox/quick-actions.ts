// The conversation page's tools for people who answer clients: quick actions (a program's card, the
// brochure, the booking link). Loaded into the page by htmx from here, so the conversation page only
// holds a placeholder; posted back here. The same ops/ functions as the admin API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { cannedRepliesForClient } from '../ops/canned-replies.js';
import { listAssignableOperators } from '../ops/handoff-assign.js';
import { getConversation } from '../ops/handoff-conversations.js';
import { clientOptedOut, parseQuickAction, quickActionPrograms, sendQuickAction } from '../ops/quick-actions.js';
import { requirePhone } from '../ops/require-phone.js';
import { requireRole, sessionOf } from '../console/auth/guard.js';

/** What the tools fragment shows for this operator and conversation. */
export async function toolsData(deps: Deps, req: FastifyRequest, phone: string) {
  const session = sessionOf(req);
  const handoff = await getConversation(deps.db, phone, deps.clock.now());
  // Someone answers the client: a person owns it, or the client waits for one; and WhatsApp allows free-form.
  // (STOP: nothing may reach the client, so nothing is offered.)
  const optedOut = await clientOptedOut(deps.db, phone);
  const canSend =
    !optedOut && (handoff.owner === 'human' || handoff.status === 'pending') && handoff.window_ms_left > 0;
  return {
    phone,
    handoff,
    session,
    canSend,
    optedOut,
    programs: canSend ? await quickActionPrograms(deps.db) : [],
    // Canned replies fill the reply box, which is there while the window is open.
    canned: handoff.window_ms_left > 0 && !optedOut ? await cannedRepliesForClient(deps.db, phone) : [],
    // An admin may give a waiting or open conversation to any enabled consultant.
    assignable:
      session.operator.role === 'admin' && (handoff.owner === 'human' || handoff.status === 'pending')
        ? await listAssignableOperators(deps.db)
        : [],
  };
}

/** Registered by inboxPlugin: paths are relative to /console/inbox. */
export function quickActionRoutes(app: FastifyInstance, deps: Deps): void {
  const consultant = { preHandler: requireRole('consultant') };

  app.get<{ Params: { phone: string } }>('/conversations/:phone/tools', consultant, async (req, reply) => {
    const phone = requirePhone(req.params.phone);
    return reply.view('partials/conversation-tools.eta', await toolsData(deps, req, phone));
  });

  app.post<{ Params: { phone: string }; Body: { action?: string; program?: string } | undefined }>(
    '/conversations/:phone/quick',
    consultant,
    async (req, reply) => {
      const me = sessionOf(req).operator.email;
      const phone = requirePhone(req.params.phone);
      const action = parseQuickAction(req.body?.action, req.body?.program);
      await sendQuickAction(deps.db, phone, me, action, deps.config, deps.clock.now());
      req.log.info({ action: action.kind }, 'console: quick action queued');
      return reply.redirect(`/console/conversations/${phone}`, 303);
    },
  );
}
