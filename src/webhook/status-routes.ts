import type { FastifyInstance } from 'fastify';
import type { AdminGuard } from '../admin/admin-auth.js';
import type { Deps } from '../deps.js';
import { requirePhone, unknownUser } from '../ops/require-phone.js';
import { userStats } from '../store/stats-repository.js';
import { checkHealth } from './health.js';

export const SERVICE_NAME = 'nexora-whatsapp-bot';

/** GET /, GET /webhook/health and the admin-only GET /webhook/stats/:phone. */
export async function statusRoutes(app: FastifyInstance, deps: Deps, guard: AdminGuard): Promise<void> {
  app.get('/', async () => ({
    service: SERVICE_NAME,
    status: 'running',
    mode: deps.config.sandbox ? 'sandbox' : 'live',
    database: deps.dbKind,
    graphApiVersion: deps.config.whatsapp.graphApiVersion,
    endpoints: ['/webhook', '/webhook/health', '/webhook/stats/:phone'],
  }));

  app.get('/webhook/health', async (_req, reply) => {
    const report = await checkHealth(deps);
    return reply.code(report.database === 'ok' ? 200 : 503).send(report);
  });

  app.get<{ Params: { phone: string } }>('/webhook/stats/:phone', { onRequest: guard }, async (req) => {
    // The same words as the admin API and the CLI: the format expected, the phone in full.
    const phone = requirePhone(req.params.phone);
    const stats = await userStats(deps.db, phone);
    if (!stats) throw unknownUser(phone);
    return stats;
  });
}
