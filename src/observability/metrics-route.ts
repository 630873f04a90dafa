import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../admin/require-admin.js';
import type { Deps } from '../deps.js';
import type { Metrics } from './metrics.js';

/** GET /metrics: Prometheus text format, only with `Authorization: Bearer $ADMIN_TOKEN`. */
export async function metricsRoute(app: FastifyInstance, deps: Deps, metrics: Metrics): Promise<void> {
  app.get('/metrics', async (req, reply) => {
    requireAdmin(req, deps.config.adminToken);
    const text = await metrics.text();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
