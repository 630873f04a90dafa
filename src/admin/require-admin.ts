import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Checks `Authorization: Bearer <ADMIN_TOKEN>` in constant time (both sides hashed to equal length).
 * No token configured means the admin surface is closed, never open.
 */
export function isAdmin(req: FastifyRequest, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return false;
  const a = createHash('sha256').update(m[1].trim()).digest();
  const b = createHash('sha256').update(adminToken).digest();
  return timingSafeEqual(a, b);
}
