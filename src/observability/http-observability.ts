// Request-level observability, registered on the root app before the routes so it covers them all.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/**
 * Every answer carries its request id (`x-request-id`, the one on the request's log lines, taken
 * from the caller's header when it sent one), and every /webhook answer is counted and timed.
 */
export function observeHttp(app: FastifyInstance, metrics: Metrics | undefined): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  if (!metrics) return;
  app.addHook('onResponse', async (req, reply) => {
    if (req.routeOptions.url !== '/webhook') return;
    metrics.webhookRequest(req.method, reply.statusCode, reply.elapsedTime / 1000);
  });
}
