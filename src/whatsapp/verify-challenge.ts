// The GET handshake Meta performs when the callback URL or verify token is saved.
import { createHash, timingSafeEqual } from 'node:crypto';

export type VerifyOutcome =
  | { ok: true; challenge: string }
  /**
   * `incomplete`: not Meta's request (hub.mode=subscribe, hub.verify_token and a hub.challenge);
   * `unconfigured`: we have no verify token, so nothing can match; `mismatch`: the token is not ours.
   */
  | { ok: false; reason: 'incomplete' | 'unconfigured' | 'mismatch' };

/**
 * The raw `hub.challenge` to echo (HTTP 200, text/plain) when `hub.mode` is `subscribe` and
 * `hub.verify_token` equals ours; otherwise why not (answer 403).
 * Accepts flat keys (`hub.mode`, node's querystring) and nested ones (`hub: { mode }`, qs-style).
 */
export function checkVerifyRequest(query: Record<string, unknown>, verifyToken: string | undefined): VerifyOutcome {
  const mode = hubParam(query, 'mode');
  const token = hubParam(query, 'verify_token');
  const challenge = hubParam(query, 'challenge');
  if (mode !== 'subscribe' || token === null || challenge === null || challenge === '')
    return { ok: false, reason: 'incomplete' };
  if (verifyToken === undefined || verifyToken === '') return { ok: false, reason: 'unconfigured' };
  if (!constantTimeEqual(token, verifyToken)) return { ok: false, reason: 'mismatch' };
  return { ok: true, challenge };
}

/** Whether the request carries a `hub.verify_token` at all (a guess to count, right or wrong). */
export function hasVerifyToken(query: Record<string, unknown>): boolean {
  return hubParam(query, 'verify_token') !== null;
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
