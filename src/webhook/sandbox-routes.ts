import type { FastifyInstance } from 'fastify';
import { isAdmin } from '../admin/require-admin.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { normalizePhone } from '../lib/phone.js';

/**
 * GET /sandbox/messages?phone=…&after=<id>: the bot's replies to one user, for `npm run chat`.
 * Open only in sandbox mode (or to the admin token), where replies are stored instead of sent.
 */
export async function sandboxRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
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
      if (!deps.config.sandbox && !isAdmin(req, deps.config.adminToken))
        throw new AppError('UNAUTHORIZED', 'unauthorized');
      const phone = normalizePhone(req.query.phone ?? '');
      if (!phone) throw new AppError('BAD_REQUEST', 'not a phone number');
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
