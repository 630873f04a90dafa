// An admin assigns a conversation to a consultant, from the inbox or the conversation page.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { assignToOperator } from '../ops/handoff-assign.js';
import { requirePhone } from '../ops/require-phone.js';
import { requireRole, sessionOf } from '../console/auth/guard.js';

/** Registered by inboxPlugin: paths are relative to /console/inbox. */
export function assignRoutes(app: FastifyInstance, deps: Deps): void {
  app.post<{ Params: { phone: string }; Body: { operator?: string; back?: string } | undefined }>(
    '/conversations/:phone/assign',
    { preHandler: requireRole('admin') },
    async (req, reply) => {
      const admin = sessionOf(req).operator.email;
      const phone = requirePhone(req.params.phone);
      await assignToOperator(deps.db, phone, String(req.body?.operator ?? ''), admin, deps.clock.now());
      // Back where the admin was: the inbox, or the conversation.
      return reply.redirect(req.body?.back === 'inbox' ? '/console/inbox' : `/console/conversations/${phone}`, 303);
    },
  );
}
