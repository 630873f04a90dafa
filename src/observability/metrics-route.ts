import type { FastifyInstance } from 'fastify';
import type { AdminGuard } from '../admin/admin-auth.js';
import type { Metrics } from './metrics.js';

/** GET /metrics: Prometheus text format, only with `Authorization: Bearer $ADMIN_TOKEN`. */
export async function metricsRoute(app: FastifyInstance, metrics: Metrics, guard: AdminGuard): Promise<void> {
  app.get('/metrics', { onRequest: guard }, async (_req, reply) => {
    const text = await metrics.text();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
