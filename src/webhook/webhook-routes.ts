import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenGuard } from '../admin/admin-auth.js';
import { clientKey } from '../admin/auth-failure-limiter.js';
import { AppError } from '../errors.js';
import { AggregateLog } from '../lib/aggregate-log.js';
import { IngestBatcher } from '../pipeline/ingest-batcher.js';
import type { Deps } from '../deps.js';
import { parseWebhook } from '../whatsapp/parse-webhook.js';
import type { WebhookEvent } from '../whatsapp/types.js';
import { checkVerifyRequest, hasVerifyToken, type VerifyOutcome } from '../whatsapp/verify-challenge.js';
import { hasSignatureShape, verifySignature } from '../whatsapp/verify-signature.js';
import { ByteBudget, readBody, type BodyLimits } from './read-body.js';

/** Meta's limit is 3 MB per payload; anything larger is refused with 413. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What to fix when GET /webhook refuses Meta's verification request (see QUICKSTART.md). */
const VERIFY_REFUSAL: Record<Exclude<VerifyOutcome, { ok: true }>['reason'], string> = {
  incomplete: 'not a verification request: expected hub.mode=subscribe, hub.verify_token and hub.challenge',
  unconfigured: 'VERIFY_TOKEN is not set on this server, so no verify token can match',
  mismatch: "hub.verify_token does not match this server's VERIFY_TOKEN (the string saved in Meta's webhook settings)",
};

/**
 * GET /webhook (verification handshake) and POST /webhook (receive). The POST keeps the raw bytes:
 * the signature covers them exactly, and they are parsed only after it checks out. Its own scope
 * holds the raw-body parser, so no other route is affected.
 *
 * A wrong verify token counts against the shared token guard (so it cannot be guessed faster than
 * the admin token) and is logged in aggregate with the guard's refusals; refused signatures are
 * logged in aggregate too: neither lets a client write a log line per request.
 */
export async function webhookRoutes(app: FastifyInstance, deps: Deps, tokens: TokenGuard): Promise<void> {
  const ingest = new IngestBatcher(deps.db, {
    maxConcurrent: deps.dbKind === 'sqlite' ? 1 : 4,
    now: () => deps.clock.now(),
  });
  const secret = deps.config.whatsapp.appSecret;
  const bodyLimits: BodyLimits = {
    maxBytes: WEBHOOK_BODY_LIMIT,
    deadlineMs: deps.config.http.webhookBodyTimeoutMs,
    budget: new ByteBudget(deps.config.http.webhookInflightBytes),
  };
  const badSignatures = new AggregateLog('webhook: requests refused for a bad signature', () => deps.clock.now());
  app.addHook('onClose', async () => badSignatures.close());
  const badSignature = (req: FastifyRequest, kind: 'missing' | 'mismatch'): AppError => {
    badSignatures.record(req.log, kind, clientKey(req.ip), 'POST /webhook');
    return new AppError('WEBHOOK_BAD_SIGNATURE', 'missing or invalid X-Hub-Signature-256');
  };
  // Refused before a byte of the body is read: a POST without a well-formed signature header can
  // never be accepted, so it costs neither memory nor the time its body takes to arrive.
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.method === 'POST' && secret && !hasSignatureShape(header(req, 'x-hub-signature-256')))
      done(badSignature(req, 'missing'));
    else done();
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload: IncomingMessage, done) => {
    readBody(payload, bodyLimits).then(
      (body) => done(null, body),
      (err: unknown) => done(err as Error),
    );
  });

  // Meta requires the bare challenge as text/plain on success; a refusal is an error like any other.
  app.get('/webhook', async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const outcome = checkVerifyRequest(query, deps.config.whatsapp.verifyToken);
    // Only a request that carries a verify token is a guess; a bare GET (a probe, a health check
    // pointed at the wrong path) is refused without counting against its address. A blocked
    // address gets RATE_LIMITED (thrown) even with the right token.
    if (hasVerifyToken(query)) tokens.attempt(req, outcome.ok);
    if (!outcome.ok) throw new AppError('FORBIDDEN', VERIFY_REFUSAL[outcome.reason]);
    return reply.code(200).type('text/plain').send(outcome.challenge);
  });

  app.post('/webhook', async (req, reply) => {
    const raw = rawBody(req);
    if (secret && !verifySignature(raw, header(req, 'x-hub-signature-256'), secret))
      throw badSignature(req, 'mismatch');
    let body: unknown;
    try {
      body = JSON.parse(utf8.decode(raw));
    } catch {
      throw new AppError('WEBHOOK_BAD_BODY', 'body is not valid UTF-8 JSON');
    }
    const parsed = parseWebhook(body, deps.clock.now());
    if (!parsed.ok) throw new AppError('WEBHOOK_BAD_BODY', parsed.error);
    const { messages, statuses, other } = parsed.value;
    const result = await ingest.ingest(parsed.value);
    deps.metrics?.webhookIngested(parsed.value, result);
    const malformed = other.filter((o) => o.field.startsWith('invalid_'));
    const unknown = other.filter((o) => !o.field.startsWith('invalid_'));
    if (unknown.length > 0)
      req.log.info({ ignored: countBy(unknown.map((o) => o.field)) }, 'webhook items recorded but not acted on');
    // A real message refused as malformed would be lost: it is stored (webhook_events, kind invalid) to replay.
    if (malformed.length > 0)
      req.log.warn({ setAside: countBy(malformed.map((o) => o.field)) }, 'webhook items set aside as malformed');
    logWarnings(req, parsed.value.events);
    req.log.debug(
      { wamids: messages.slice(0, 20).map((m) => m.wamid), statuses: statuses.length, stored: result.storedMessages },
      'webhook stored',
    );
    if (result.storedMessages > 0) deps.workers?.inboundStored();
    return reply.code(200).type('text/plain').send('EVENT_RECEIVED');
  });
}

/**
 * What Meta reports asynchronously (a 130429 outside any send call, a template rejected or paused)
 * is a problem someone must see at the default level. Codes and template names only: no user data.
 */
function logWarnings(req: FastifyRequest, events: readonly WebhookEvent[]): void {
  for (const e of events.slice(0, 20)) {
    if (e.kind === 'error')
      req.log.warn({ field: e.field, code: e.code, title: e.title, details: e.details }, 'Meta reported an error');
    else if (e.kind === 'template_status')
      req.log.warn(
        { template: e.template, language: e.language, event: e.event, reason: e.reason },
        'message template status changed',
      );
  }
}

function rawBody(req: FastifyRequest): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  // No body at all (no content-type): treat as empty, which then fails as bad JSON.
  return Buffer.alloc(0);
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `{ field: count }`: bounded however many items a batch carries. */
function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
