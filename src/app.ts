import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createTokenGuard } from './admin/admin-auth.js';
import type { LimiterOptions } from './admin/auth-failure-limiter.js';
import { adminRoutes } from './admin/admin-routes.js';
import { consolePlugin } from './console/console-plugin.js';
import type { Deps } from './deps.js';
import { answerClientError, errorSender, sendNotFound } from './error-reply.js';
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
  opts: {
    logger?: FastifyBaseLogger;
    extraRoutes?: ExtraRoutes[];
    metrics?: Metrics;
    /** The token guard's limits (tests shrink the tracked-address table). */
    authLimiter?: Partial<LimiterOptions>;
  } = {},
): Promise<FastifyInstance> {
  const errors = errorSender(() => deps.clock.now());
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    // Room for Meta's 3 MB payloads plus headers; the webhook scope enforces its own limit.
    bodyLimit: 1024 * 1024,
    // A path parameter may be a parent BSUID (135 characters, /admin/api/users/:phone) with room to spare.
    routerOptions: { maxParamLength: 160 },
    requestIdHeader: 'x-request-id',
    // Validation errors carry the schema that failed, so error-reply.ts can say what a field expects
    // in words (a description, an anyOf's forms) instead of Ajv's `must match pattern`.
    ajv: { customOptions: { verbose: true } },
    // Errors Fastify raises before routing (a bad URL) and requests that are not HTTP at all get
    // the same body shape as everything else.
    frameworkErrors: (err, req, reply) => void errors.sendError(err, req, reply),
    clientErrorHandler: answerClientError,
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

  // One error handler for every scope but the console's pages: one body shape, our codes (error-reply.ts).
  app.setErrorHandler(errors.sendError);
  app.addHook('onClose', async () => errors.close());
  // Answered before the request's body was read (refused early, or a route that ignores it): close
  // the connection instead of reading whatever the client keeps sending.
  app.addHook('onSend', async (req, reply) => {
    if (!req.raw.complete) reply.header('connection', 'close');
  });
  // Observability before the routes, so its hooks cover them all.
  observeHttp(app, opts.metrics);
  await app.register(async (scope) => readyRoute(scope, deps));
  const { metrics } = opts;
  // One guard for every token a client can guess (the admin token, the webhook's verify token), so
  // a guesser is throttled across all of them and logged in aggregate.
  const tokens = createTokenGuard(deps, opts.authLimiter);
  app.addHook('onClose', async () => tokens.close());
  const adminGuard = tokens.admin;
  if (metrics) await app.register(async (scope) => metricsRoute(scope, metrics, adminGuard));

  app.setNotFoundHandler(sendNotFound);

  await app.register(async (scope) => webhookRoutes(scope, deps, tokens));
  await app.register(async (scope) => statusRoutes(scope, deps, adminGuard));
  await app.register(async (scope) => sandboxRoutes(scope, deps, adminGuard));
  await app.register(async (scope) => adminRoutes(scope, deps, adminGuard), { prefix: '/admin/api' });
  // The operator console: its own scope (cookies, form bodies, templates, sessions, CSP) under /console.
  await app.register(async (scope) => consolePlugin(scope, deps));
  for (const extra of opts.extraRoutes ?? []) await app.register(async (scope) => extra(scope, deps));
  return app;
}
