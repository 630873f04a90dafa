import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { AggregateLog } from '../lib/aggregate-log.js';
import { AuthFailureLimiter, clientKey, type LimiterOptions } from './auth-failure-limiter.js';
import { isAdmin } from './require-admin.js';

/** A route's preHandler that lets only the admin token through (see TokenGuard.admin). */
export type AdminGuard = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * The one guard for every secret a client can guess over HTTP: the admin token (admin API, /metrics,
 * /webhook/stats, /sandbox/messages off loopback) and the webhook's verify token (GET /webhook).
 * They share one failure limiter, so a guesser is throttled across all of them, and one aggregate
 * log, so a guesser cannot write a log line per request.
 */
export interface TokenGuard {
  /**
   * A blocked client gets 429 RATE_LIMITED whatever it sends; a wrong or missing admin token gets
   * 401 UNAUTHORIZED (which of the two is not said) and counts as a failure. Both are thrown, so the
   * app's one error handler answers them in the one shape.
   */
  admin: AdminGuard;
  /**
   * For a secret the route compares itself: throws 429 RATE_LIMITED while the client is blocked,
   * whether or not `matches` (a blocked guesser must not learn that a guess was right); otherwise
   * counts a failure when it does not match. Returns `matches`. A match does not prove the client
   * is the operator (only the admin token does that).
   */
  attempt(req: FastifyRequest, matches: boolean): boolean;
  /** Writes the last aggregated counts (on shutdown). */
  close(): void;
}

const NEEDS_TOKEN = 'this needs the admin token: Authorization: Bearer <ADMIN_TOKEN>';

export function createTokenGuard(deps: Deps, limiterOptions: Partial<LimiterOptions> = {}): TokenGuard {
  const limiter = new AuthFailureLimiter(limiterOptions);
  const log = new AggregateLog('token guard: requests without a valid token', () => deps.clock.now());
  const record = (req: FastifyRequest, kind: 'rejected' | 'refusedWhileBlocked') =>
    log.record(req.log, kind, clientKey(req.ip), req.routeOptions.url ?? 'unknown');

  const refuseIfBlocked = (req: FastifyRequest, now: number): void => {
    const waitMs = limiter.blockedForMs(req.ip, now);
    if (waitMs <= 0) return;
    record(req, 'refusedWhileBlocked');
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    throw new AppError('RATE_LIMITED', `too many requests without a valid token: retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  };
  const fail = (req: FastifyRequest, now: number): void => {
    limiter.recordFailure(req.ip, now);
    record(req, 'rejected');
  };

  return {
    async admin(req) {
      const now = deps.clock.now();
      refuseIfBlocked(req, now);
      if (isAdmin(req, deps.config.adminToken)) {
        limiter.recordSuccess(req.ip, now);
        return;
      }
      fail(req, now);
      throw new AppError('UNAUTHORIZED', NEEDS_TOKEN);
    },
    attempt(req, matches) {
      const now = deps.clock.now();
      refuseIfBlocked(req, now);
      if (!matches) fail(req, now);
      return matches;
    },
    close: () => log.close(),
  };
}
