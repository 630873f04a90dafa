// The GET handshake Meta performs when the callback URL or verify token is saved.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Returns the raw `hub.challenge` to echo (HTTP 200, text/plain) when `hub.mode` is `subscribe`
 * and `hub.verify_token` equals ours; otherwise null (answer 403).
 * Accepts flat keys (`hub.mode`, node's querystring) and nested ones (`hub: { mode }`, qs-style).
 */
export function verifyChallenge(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = hubParam(query, 'mode');
  const token = hubParam(query, 'verify_token');
  const challenge = hubParam(query, 'challenge');
  if (mode !== 'subscribe' || token === null || challenge === null || challenge === '') return null;
  if (verifyToken === '' || !constantTimeEqual(token, verifyToken)) return null;
  return challenge;
}

function hubParam(query: Record<string, unknown>, name: string): string | null {
  const flat = query[`hub.${name}`];
  if (typeof flat === 'string') return flat;
  const hub = query['hub'];
  if (typeof hub === 'object' && hub !== null && !Array.isArray(hub)) {
    const nested = (hub as Record<string, unknown>)[name];
    if (typeof nested === 'string') return nested;
  }
  return null;
}

/** Compares digests so strings of different lengths neither throw nor leak their length. */
function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}
