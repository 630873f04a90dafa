import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, OperatorRole } from '../../store/schema.js';
import { sessionStillLive, type ConsoleSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession: ConsoleSession | null;
  }
}

/** What each role may do: a viewer reads, a consultant also works leads and conversations, an admin manages. */
const RANK: Record<OperatorRole, number> = { viewer: 0, consultant: 1, admin: 2 };

export function hasRole(session: ConsoleSession, needed: OperatorRole): boolean {
  return RANK[session.operator.role] >= RANK[needed];
}

/** The signed-in session of a route behind the auth hook (which already sent anonymous users to the login page). */
export function sessionOf(req: FastifyRequest): ConsoleSession {
  if (!req.consoleSession) throw new Error('console route reached without a session');
  return req.consoleSession;
}

/** A preHandler that answers 403 with a page saying why, unless the operator has at least `role`. */
export function requireRole(role: OperatorRole) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const s = sessionOf(req);
    if (!hasRole(s, role)) {
      await reply.code(403).view('forbidden.eta', { title: 'Not allowed', needed: role, session: s });
    }
  };
}

/** Constant-time comparison of the request's CSRF token with the session's. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Re-checks the request's session later (a live stream outlives the request that opened it). */
export function sessionCheck(db: Kysely<Database>, req: FastifyRequest, now: () => number): () => Promise<boolean> {
  const { idHash } = sessionOf(req);
  return () => sessionStillLive(db, idHash, now());
}
