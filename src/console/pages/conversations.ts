import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../ops/audit.js';
import { conversationVersion, getTimeline, searchConversations } from '../../ops/conversations.js';
import { getConversation, markConversationSeen } from '../../ops/handoff-conversations.js';
import { formatDuration } from '../../ops/inbox.js';
import { requirePhone, requireUserKey } from '../../ops/require-phone.js';
import { sessionOf } from '../auth/guard.js';
import { liveStream } from '../live/live-stream.js';

const TICKS: Record<string, string> = {
  queued: 'queued',
  sending: 'sending',
  sent: '✓ sent',
  delivered: '✓✓ delivered',
  read: '✓✓ read',
  failed: 'failed',
  sandbox: 'sandbox (not sent)',
};

export function conversationPages(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: { q?: string } }>('/console/conversations', async (req, reply) => {
    const q = String(req.query.q ?? '').slice(0, 100);
    const people = await searchConversations(deps.db, q);
    const data = { title: 'Conversations', q, people, session: sessionOf(req) };
    // htmx asks for the result list only, as the operator types.
    if (req.headers['hx-request']) return reply.view('partials/conversation-list.eta', data);
    return reply.view('conversations.eta', { ...data, nav: '/console/conversations' });
  });

  app.get<{ Params: { phone: string } }>('/console/conversations/:phone', async (req, reply) => {
    const session = sessionOf(req);
    const phone = await requireUserKey(deps.db, req.params.phone);
    const timeline = await getTimeline(deps.db, phone);
    // The owner (console operators act under their e-mail) has now read what the client wrote.
    await markConversationSeen(deps.db, phone, session.operator.email, deps.clock.now());
    await recordAudit(
      deps.db,
      { operatorId: Number(session.operator.id), action: 'view_conversation', subject: phone },
      deps.clock.now(),
    );
    // The owner, status and 24-hour window, for the reply box.
    const handoff = await getConversation(deps.db, phone, deps.clock.now());
    return reply.view('conversation.eta', {
      title: 'Conversation',
      nav: '/console/conversations',
      t: timeline,
      ticks: TICKS,
      session,
      handoff,
      duration: formatDuration,
    });
  });

  // The timeline alone, for the live refresh (the page view above is the audited read).
  app.get<{ Params: { phone: string } }>('/console/conversations/:phone/timeline', async (req, reply) => {
    const phone = await requireUserKey(deps.db, req.params.phone);
    const timeline = await getTimeline(deps.db, phone);
    // The live refresh brings new client messages onto the owner's open page: read as well.
    await markConversationSeen(deps.db, phone, sessionOf(req).operator.email, deps.clock.now());
    return reply.view('partials/timeline.eta', { t: timeline, ticks: TICKS, session: sessionOf(req) });
  });

  // Server-sent events: `changed` whenever the conversation's fingerprint in the database moves. A short
  // poll of the database, so a change written by any instance (SQLite or PostgreSQL) is seen.
  app.get<{ Params: { phone: string } }>('/console/conversations/:phone/events', (req, reply) => {
    const phone = requirePhone(req.params.phone);
    liveStream(deps, req, reply, () => conversationVersion(deps.db, phone));
  });
}
