import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AuthFailureLimiter, clientKey } from './auth-failure-limiter.js';
import { isAdmin } from './require-admin.js';

/**
 * The one guard for every route behind the admin token (admin API, /metrics, /webhook/stats,
 * /sandbox/messages off loopback): a blocked client gets 429 whatever it sends; a wrong or missing
 * token gets 401 with no detail (which of the two is not said) and counts as a failure.
 */
export type AdminGuard = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

export function adminAuthHook(deps: Deps, limiter = new AuthFailureLimiter()): AdminGuard {
  const failures = new FailureLog();
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const now = deps.clock.now();
    const waitMs = limiter.blockedForMs(req.ip, now);
    if (waitMs > 0) {
      failures.record(req, now, true);
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(waitMs / 1000)))
        .send({ error: 'too_many_requests' });
    }
    if (isAdmin(req, deps.config.adminToken)) {
      limiter.recordSuccess(req.ip, now);
      return undefined;
    }
    limiter.recordFailure(req.ip, now);
    failures.record(req, now, false);
    return reply.code(401).send({ error: 'unauthorized' });
  };
}

/**
 * Failed and refused attempts, logged in aggregate: the first one at once, then at most one line
 * per interval with the counts since the last line, so a guesser cannot write a line per request.
 */
class FailureLog {
  private since = 0;
  private lastLineAt = Number.NEGATIVE_INFINITY;
  private counts = { rejected: 0, refusedWhileBlocked: 0 };
  private readonly clients = new Set<string>();
  private readonly routes = new Map<string, number>();

  constructor(private readonly intervalMs = 60_000) {}

  record(req: FastifyRequest, now: number, blocked: boolean): void {
    if (blocked) this.counts.refusedWhileBlocked++;
    else this.counts.rejected++;
    if (this.clients.size < 1_000) this.clients.add(clientKey(req.ip));
    const route = req.routeOptions.url ?? 'unknown';
    if (this.routes.size < 20 || this.routes.has(route)) this.routes.set(route, (this.routes.get(route) ?? 0) + 1);
    if (now - this.lastLineAt >= this.intervalMs) this.flush(req.log, now);
  }

  private flush(log: FastifyBaseLogger, now: number): void {
    log.warn(
      {
        ...this.counts,
        clients: this.clients.size,
        routes: Object.fromEntries(this.routes),
        sinceMs: Number.isFinite(this.lastLineAt) ? now - this.since : 0,
      },
      'admin token: requests without a valid token',
    );
    this.lastLineAt = now;
    this.since = now;
    this.counts = { rejected: 0, refusedWhileBlocked: 0 };
    this.clients.clear();
    this.routes.clear();
  }
}
