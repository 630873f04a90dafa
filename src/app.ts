import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { adminAuthHook } from './admin/admin-auth.js';
import { adminRoutes } from './admin/admin-routes.js';
import { consolePlugin } from './console/console-plugin.js';
import type { Deps } from './deps.js';
import { AppError, CLOSES_CONNECTION, isDatabaseUnavailable } from './errors.js';
import { observeHttp } from './observability/http-observability.js';
import { metricsRoute } from './observability/metrics-route.js';
import type { Metrics } from './observability/metrics.js';
import { readyRoute } from './webhook/ready-route.js';
import { sandboxRoutes } from './webhook/sandbox-routes.js';
import { statusRoutes } from './webhook/status-routes.js';
import { webhookRoutes } from './webhook/webhook-routes.js';

export interface ExtraRoutes {
  (app: FastifyInstance, deps: Deps): Promise<void>;
}

/** Builds the HTTP app; never listens (main.ts does, tests use inject or listen on port 0). */
export async function buildApp(
  deps: Deps,
  opts: { logger?: FastifyBaseLogger; extraRoutes?: ExtraRoutes[]; metrics?: Metrics } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    // Room for Meta's 3 MB payloads plus headers; the webhook scope enforces its own limit.
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    // Behind a reverse proxy the admin failure limiter must see clients, not the proxy.
    trustProxy: deps.config.trustProxy,
    // Unique across instances (the default counter restarts at 1 in every process).
    genReqId: () => randomUUID(),
    // Per-request access lines would double the log volume of a busy webhook; routes log what matters.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    // A client that never finishes its request, or holds an idle socket, loses it (408 / closed):
    // otherwise 1,000 unfinished bodies hold 1,000 sockets for ever.
    requestTimeout: deps.config.http.requestTimeoutMs,
    connectionTimeout: deps.config.http.connectionTimeoutMs,
    // Node checks requestTimeout on this interval (30 s by default, longer than a short timeout);
    // headersTimeout must not exceed requestTimeout.
    http: {
      connectionsCheckingInterval: Math.min(1_000, deps.config.http.requestTimeoutMs),
      requestTimeout: deps.config.http.requestTimeoutMs,
      headersTimeout: Math.min(60_000, deps.config.http.requestTimeoutMs),
    },
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      // The rest of the body is not read: close rather than drain a hostile client's bytes.
      if (CLOSES_CONNECTION.has(err.code)) reply.header('connection', 'close');
      if (err.code === 'SERVER_BUSY') reply.header('retry-after', '1');
      if (err.code === 'UNAUTHORIZED') return reply.code(401).send({ error: 'unauthorized' });
      req.log.info({ code: err.code }, err.message);
      return reply.code(err.httpStatus).send({ error: err.code, message: err.message });
    }
    if (isDatabaseUnavailable(err)) {
      req.log.error({ err }, 'database unavailable');
      // 503 tells Meta to deliver again later: nothing was acknowledged, nothing is lost.
      return reply.code(503).send({ error: 'DATABASE_UNAVAILABLE', message: 'temporarily unavailable, retry later' });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply
        .code(status)
        .send({ error: (err as { code?: string }).code ?? 'BAD_REQUEST', message: (err as Error).message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: 'INTERNAL', message: 'internal error' });
  });
  // Answered before the request's body was read (refused early, or a route that ignores it): close
  // the connection instead of reading whatever the client keeps sending.
  app.addHook('onSend', async (req, reply) => {
    if (!req.raw.complete) reply.header('connection', 'close');
  });
  // Observability before the routes, so its hooks cover them all.
  observeHttp(app, opts.metrics);
  await app.register(async (scope) => readyRoute(scope, deps));
  const { metrics } = opts;
  // One guard for every route behind the admin token, so a guesser is throttled across all of them.
  const adminGuard = adminAuthHook(deps);
  if (metrics) await app.register(async (scope) => metricsRoute(scope, metrics, adminGuard));

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'NOT_FOUND', message: 'no such route' }));

  await app.register(async (scope) => webhookRoutes(scope, deps));
  await app.register(async (scope) => statusRoutes(scope, deps, adminGuard));
  await app.register(async (scope) => sandboxRoutes(scope, deps, adminGuard));
  await app.register(async (scope) => adminRoutes(scope, deps, adminGuard), { prefix: '/admin/api' });
  // The operator console: its own scope (cookies, form bodies, templates, sessions, CSP) under /console.
  await app.register(async (scope) => consolePlugin(scope, deps));
  for (const extra of opts.extraRoutes ?? []) await app.register(async (scope) => extra(scope, deps));
  return app;
}
