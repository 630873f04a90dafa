import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdminGuard } from '../admin/admin-auth.js';
import type { Deps } from '../deps.js';
import { requirePhone } from '../ops/require-phone.js';

/**
 * GET /sandbox/messages?phone=…&after=<id>: the bot's replies to one user (and what the user
 * typed), for `npm run chat`. Without the admin token only in sandbox mode and only from loopback;
 * everything else goes through the shared admin guard (its limiter included).
 */
export async function sandboxRoutes(app: FastifyInstance, deps: Deps, guard: AdminGuard): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (deps.config.sandbox && fromLoopback(req)) return undefined;
    return guard(req, reply);
  });
  app.get<{ Querystring: { phone?: string; after?: string } }>(
    '/sandbox/messages',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['phone'],
          properties: { phone: { type: 'string', maxLength: 64 }, after: { type: 'string', pattern: '^[0-9]{1,15}$' } },
        },
      },
    },
    async (req) => {
      const phone = requirePhone(req.query.phone ?? '');
      const after = Number(req.query.after ?? 0);
      const messages = await deps.db
        .selectFrom('whatsapp_messages')
        .select(['id', 'type', 'payload', 'status', 'message'])
        .where('phone', '=', phone)
        .where('direction', '=', 'outgoing')
        .where('type', '<>', 'read')
        .where('id', '>', after)
        .orderBy('id')
        .limit(100)
        .execute();
      const pendingInbound = await deps.db
        .selectFrom('whatsapp_messages')
        .select('id')
        .where('phone', '=', phone)
        .where('status', '=', 'received')
        .limit(1)
        .executeTakeFirst();
      const pendingJobs = await deps.db
        .selectFrom('notifications')
        .select('id')
        .where('phone', '=', phone)
        .where('kind', '=', 'job_search')
        .where('status', 'in', ['pending', 'sending'])
        .limit(1)
        .executeTakeFirst();
      return {
        pending: pendingInbound !== undefined || pendingJobs !== undefined,
        messages: messages.map((m) => ({
          id: m.id,
          type: m.type,
          status: m.status,
          text: m.message,
          body: JSON.parse(m.payload) as unknown,
        })),
      };
    },
  );
}

/**
 * The connection and the client it stands for (behind a trusted proxy) are both this host, so a
 * proxy on loopback does not open the route to the whole network.
 */
function fromLoopback(req: FastifyRequest): boolean {
  return isLoopback(req.socket.remoteAddress) && isLoopback(req.ip);
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}
