import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../ops/audit.js';
import { conversationVersion, getTimeline, searchConversations } from '../../ops/conversations.js';
import { requirePhone } from '../../ops/require-phone.js';
import { sessionOf } from '../auth/guard.js';

/** How often the live stream looks at the database: well inside the two seconds a change may take to show. */
const LIVE_POLL_MS = 700;
/** A comment line now and then keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 20_000;

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
    return reply.view('conversations.eta', data);
  });

  app.get<{ Params: { phone: string } }>('/console/conversations/:phone', async (req, reply) => {
    const session = sessionOf(req);
    const phone = requirePhone(req.params.phone);
    const timeline = await getTimeline(deps.db, phone);
    await recordAudit(
      deps.db,
      { operatorId: Number(session.operator.id), action: 'view_conversation', subject: phone },
      deps.clock.now(),
    );
    return reply.view('conversation.eta', { title: 'Conversation', t: timeline, ticks: TICKS, session });
  });

  // The timeline alone, for the live refresh (the page view above is the audited read).
  app.get<{ Params: { phone: string } }>('/console/conversations/:phone/timeline', async (req, reply) => {
    const timeline = await getTimeline(deps.db, requirePhone(req.params.phone));
    return reply.view('partials/timeline.eta', { t: timeline, ticks: TICKS, session: sessionOf(req) });
  });

  // Server-sent events: `changed` whenever the conversation's fingerprint in the database moves. A short
  // poll of the database, so a change written by any instance (SQLite or PostgreSQL) is seen.
  app.get<{ Params: { phone: string } }>('/console/conversations/:phone/events', (req, reply) => {
    const phone = requirePhone(req.params.phone);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    let last: string | null = null;
    let busy = false;
    const poll = async () => {
      if (busy) return;
      busy = true;
      try {
        const v = await conversationVersion(deps.db, phone);
        if (last !== null && v !== last) res.write(`event: changed\ndata: ${v}\n\n`);
        last = v;
      } catch (err) {
        req.log.warn({ err }, 'console live poll failed');
      } finally {
        busy = false;
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), LIVE_POLL_MS);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    req.raw.on('close', () => {
      clearInterval(timer);
      clearInterval(keepalive);
    });
  });
}
