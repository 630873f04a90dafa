// The console's live streams (a conversation's timeline, the inbox): server-sent events from a short
// poll of the database, re-checking the operator's session while they stay open.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { pollingEventStream } from '../../lib/polling-event-stream.js';
import { sessionCheck } from '../auth/guard.js';

/** A change shows within two seconds. */
const LIVE_POLL_MS = 700;
/** A comment now and then, so proxies keep an idle stream open. */
const KEEPALIVE_MS = 20_000;
/** A sign-out, an idle timeout or a disabled operator ends an open stream within this. */
export const LIVE_RECHECK_MS = 5_000;

/** Answers the request with a stream announcing each change of `version()`; the page re-fetches its part. */
export function liveStream(deps: Deps, req: FastifyRequest, reply: FastifyReply, version: () => Promise<string>): void {
  const stillAllowed = sessionCheck(deps.db, req, () => deps.clock.now());
  reply.hijack();
  pollingEventStream(req.raw, reply.raw, {
    version,
    stillAllowed,
    pollMs: LIVE_POLL_MS,
    recheckMs: LIVE_RECHECK_MS,
    keepaliveMs: KEEPALIVE_MS,
    onError: (err) => req.log.warn({ err }, 'console live poll failed'),
  });
}
