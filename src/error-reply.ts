import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AggregateLog } from './lib/aggregate-log.js';
import {
  AppError,
  CLOSES_CONNECTION,
  httpStatusOf,
  isDatabaseUnavailable,
  type ErrorBody,
  type ErrorCode,
} from './errors.js';
import { describeValidation, type SchemaIssue } from './validation-message.js';

/**
 * Fastify's own errors, in our words: no `FST_*` code or Fastify sentence reaches a client. Keyed by
 * Fastify's code; anything else with a 4xx status falls back on the status (STATUS_CODES below).
 */
const FASTIFY_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['BAD_REQUEST', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['BAD_REQUEST', 'the body is empty but Content-Type says application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'the body is not as long as its Content-Length says'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'the body is larger than this route accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'UNSUPPORTED_MEDIA_TYPE',
    'this Content-Type is not accepted here (the API takes application/json)',
  ],
  FST_ERR_BAD_URL: ['BAD_REQUEST', 'the URL is not valid (a bad percent-encoding?)'],
  FST_ERR_MAX_PARAM_LENGTH: ['VALIDATION_FAILED', 'a path parameter is longer than 160 characters'],
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'BODY_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Refusals of a request's body (the webhook's mostly), logged in aggregate by code and route. Every
 * other refusal is logged with its code only: its message may quote what an operator typed.
 */
const LOG_MESSAGE: ReadonlySet<ErrorCode> = new Set([
  'WEBHOOK_BAD_BODY',
  'BODY_TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'SERVER_BUSY',
]);
/**
 * Logged elsewhere in aggregate (the token guard, the webhook's signature check), so a guesser
 * cannot write a line per request. FORBIDDEN (GET /webhook's verify token): a guess is counted and
 * logged by the token guard, and a bare probe is not worth a line.
 */
const NOT_LOGGED: ReadonlySet<ErrorCode> = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'WEBHOOK_BAD_SIGNATURE',
]);

export interface ErrorReply {
  status: number;
  body: ErrorBody;
  retryAfterSeconds?: number;
}

function validationOf(err: unknown): { context: string; issues: SchemaIssue[] } | null {
  const e = err as Partial<FastifyError> & { validationContext?: string };
  if (e.code !== 'FST_ERR_VALIDATION' || !Array.isArray(e.validation)) return null;
  return { context: e.validationContext ?? 'request', issues: e.validation as unknown as SchemaIssue[] };
}

/** Any error thrown on an HTTP route → its status and the one body shape. Null: not a client error. */
export function clientErrorOf(err: unknown): ErrorReply | null {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: err.code, message: err.message };
    if (err.field !== undefined) body.field = err.field;
    return {
      status: err.httpStatus,
      body,
      ...(err.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: err.retryAfterSeconds }),
    };
  }
  const validation = validationOf(err);
  if (validation) {
    const { message, field } = describeValidation(validation.context, validation.issues);
    return { status: 400, body: { error: 'VALIDATION_FAILED', message, field } };
  }
  if (isDatabaseUnavailable(err)) {
    // 503 tells Meta to deliver again later: nothing was acknowledged, nothing is lost.
    return {
      status: 503,
      body: { error: 'DATABASE_UNAVAILABLE', message: 'the database is unreachable right now; retry later' },
    };
  }
  const fastify = FASTIFY_ERRORS[(err as { code?: string }).code ?? ''];
  if (fastify) return { status: httpStatusOf(fastify[0]), body: { error: fastify[0], message: fastify[1] } };
  const status = (err as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'BAD_REQUEST';
    return { status: httpStatusOf(code), body: { error: code, message: 'the request was refused as sent' } };
  }
  return null;
}

export type SendError = (err: unknown, req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/**
 * The app's one error handler: every route's errors end here (the console scope renders its own
 * pages). Bodies refused before they were read (too large, too slow, malformed, the server busy) are
 * logged in aggregate, so a client cannot write a log line per request; `close()` writes the last counts.
 */
export function errorSender(now: () => number): { sendError: SendError; close: () => void } {
  const refused = new AggregateLog('requests refused before their body was used', now);
  return {
    sendError: (err, req, reply) => sendError(err, req, reply, refused),
    close: () => refused.close(),
  };
}

async function sendError(
  err: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  refused: AggregateLog,
): Promise<FastifyReply> {
  const known = clientErrorOf(err);
  if (!known) {
    req.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .send({ error: 'INTERNAL', message: 'internal error; nothing more is said here, see the log' });
  }
  const { status, body, retryAfterSeconds } = known;
  // The rest of the body is not read: close rather than drain a hostile client's bytes.
  if (CLOSES_CONNECTION.has(body.error)) reply.header('connection', 'close');
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  else if (body.error === 'SERVER_BUSY') reply.header('retry-after', '1');
  if (body.error === 'DATABASE_UNAVAILABLE') req.log.error({ err }, 'database unavailable');
  else if (LOG_MESSAGE.has(body.error))
    refused.record(req.log, body.error, req.ip, `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`);
  else if (!NOT_LOGGED.has(body.error)) req.log.info({ code: body.error, field: body.field }, 'request refused');
  return reply.code(status).send(body);
}

/** Unknown routes answer in the same shape (Fastify's not-found handler). */
export async function sendNotFound(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const path = req.url.split('?')[0] ?? '';
  return reply
    .code(404)
    .send({ error: 'NOT_FOUND', message: `no such route: ${req.method} ${path.slice(0, 200)}` } satisfies ErrorBody);
}

/**
 * A request that is not even HTTP (Node's `clientError`: a broken request line, headers too large,
 * the request timeout): written straight to the socket, in the same shape, and the socket closed.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body]: [number, string, ErrorBody] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', { error: 'BODY_TIMEOUT', message: 'the request did not arrive in time' }]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            { error: 'BAD_REQUEST', message: 'the request headers are too large' },
          ]
        : [400, 'Bad Request', { error: 'BAD_REQUEST', message: 'the request is not valid HTTP' }];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}
