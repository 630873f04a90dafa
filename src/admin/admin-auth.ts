import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { isAdmin } from './require-admin.js';

/**
 * onRequest hook of the admin scope: a blocked address gets 429 whatever it sends; a wrong or
 * missing token gets 401 with no detail (which of the two is not said) and counts as a failure.
 */
export type AdminGuard = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

export function adminAuthHook(deps: Deps, limiter = new AuthFailureLimiter()): AdminGuard {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const now = deps.clock.now();
    const waitMs = limiter.blockedForMs(req.ip, now);
    if (waitMs > 0) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(waitMs / 1000)))
        .send({ error: 'too_many_requests' });
    }
    if (isAdmin(req, deps.config.adminToken)) return undefined;
    limiter.recordFailure(req.ip, now);
    req.log.warn({ ip: req.ip, url: req.routeOptions.url }, 'admin API: request without a valid token');
    return reply.code(401).send({ error: 'unauthorized' });
  };
}
