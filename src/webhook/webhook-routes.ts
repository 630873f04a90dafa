import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { IngestBatcher } from '../pipeline/ingest-batcher.js';
import type { Deps } from '../deps.js';
import { parseWebhook } from '../whatsapp/parse-webhook.js';
import { verifyChallenge } from '../whatsapp/verify-challenge.js';
import { hasSignatureShape, verifySignature } from '../whatsapp/verify-signature.js';
import { ByteBudget, readBody, type BodyLimits } from './read-body.js';

/** Meta's limit is 3 MB per payload; anything larger is refused with 413. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * GET /webhook (verification handshake) and POST /webhook (receive). The POST keeps the raw bytes:
 * the signature covers them exactly, and they are parsed only after it checks out. Its own scope
 * holds the raw-body parser, so no other route is affected.
 */
export async function webhookRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
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
  // Refused before a byte of the body is read: a POST without a well-formed signature header can
  // never be accepted, so it costs neither memory nor the time its body takes to arrive.
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.method === 'POST' && secret && !hasSignatureShape(header(req, 'x-hub-signature-256')))
      done(new AppError('WEBHOOK_BAD_SIGNATURE', 'missing or invalid X-Hub-Signature-256'));
    else done();
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload: IncomingMessage, done) => {
    readBody(payload, bodyLimits).then(
      (body) => done(null, body),
      (err: unknown) => done(err as Error),
    );
  });

  app.get('/webhook', async (req, reply) => {
    const token = deps.config.whatsapp.verifyToken;
    const challenge = token ? verifyChallenge(req.query as Record<string, unknown>, token) : null;
    if (challenge === null) {
      req.log.warn('webhook verification refused');
      return reply.code(403).type('text/plain').send('Forbidden');
    }
    return reply.code(200).type('text/plain').send(challenge);
  });

  app.post('/webhook', async (req, reply) => {
    const raw = rawBody(req);
    if (secret && !verifySignature(raw, header(req, 'x-hub-signature-256'), secret)) {
      throw new AppError('WEBHOOK_BAD_SIGNATURE', 'missing or invalid X-Hub-Signature-256');
    }
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
    if (other.length > 0)
      req.log.info({ ignored: countBy(other.map((o) => o.field)) }, 'webhook items recorded but not acted on');
    req.log.debug(
      { wamids: messages.slice(0, 20).map((m) => m.wamid), statuses: statuses.length, stored: result.storedMessages },
      'webhook stored',
    );
    if (result.storedMessages > 0) deps.workers?.inboundStored();
    return reply.code(200).type('text/plain').send('EVENT_RECEIVED');
  });
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
