/**
 * The service's one error vocabulary: every error body on HTTP is `{error: CODE, message}` (plus
 * `field` for a validation error) with one of these codes, mapped to a status here and sent by the
 * one error handler (error-reply.ts, installed by app.ts). The table in ARCHITECTURE.md ("Errors")
 * lists them for clients; test/admin-errors.test.ts checks the two agree.
 */
const HTTP_STATUS = {
  /** A field of the query, path or body breaks its rule; the message says which field and what it needs. */
  VALIDATION_FAILED: 400,
  /** The request cannot be read as sent: a body that is not JSON, empty though it says JSON, or cut short. */
  BAD_REQUEST: 400,
  /** No admin token, or the wrong one (which of the two is not said). */
  UNAUTHORIZED: 401,
  /** A secret the request carries itself is wrong or missing: GET /webhook's hub.verify_token. */
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** It already exists (a program or an operator with that name or e-mail). */
  CONFLICT: 409,
  /** The conversation's ownership does not allow this (claimed by someone else, not handed over…). */
  HANDOFF_CONFLICT: 409,
  /** More than 24 hours since the client last wrote: only a template may be sent. */
  WINDOW_CLOSED: 409,
  /** The template cannot go to this client: not approved, STOP, or they stopped marketing messages (131050). */
  TEMPLATE_REFUSED: 409,
  /** The client sent STOP: no file or message from a person may go to them until they write START. */
  OPTED_OUT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Too many failed attempts from this address: wait for Retry-After seconds. */
  RATE_LIMITED: 429,
  WEBHOOK_BAD_SIGNATURE: 401,
  WEBHOOK_BAD_BODY: 400,
  BODY_TIMEOUT: 408,
  DATABASE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  /** The template list could not be read from Meta (or the sandbox file) and none is cached. */
  GRAPH_UNAVAILABLE: 502,
  /** A bug on our side; the details are in the log, never in the answer. */
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof HTTP_STATUS;
export const ERROR_CODES = Object.keys(HTTP_STATUS) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

/** Refusals that leave the rest of the request body unread: the connection is closed after the answer. */
export const CLOSES_CONNECTION: ReadonlySet<ErrorCode> = new Set([
  'WEBHOOK_BAD_SIGNATURE',
  'BODY_TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'SERVER_BUSY',
]);

export interface AppErrorOptions {
  cause?: unknown;
  /** The input that failed (`phone`, `minimum_investment`…), sent to clients as `field`. */
  field?: string;
  /** For RATE_LIMITED and SERVER_BUSY: sent as `Retry-After`. */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** The one shape of an error body. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  field?: string;
}

const DB_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  '57P01', // admin_shutdown
  '57P02',
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/** True for errors that mean "the database is not reachable right now" (retry later), not a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (DB_ERROR_CODES.has(code) || code.startsWith('SQLITE_BUSY'))) return true;
    const message = (e as { message?: unknown }).message;
    const msg = typeof message === 'string' ? message : '';
    if (
      /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|database is locked|the database system is/i.test(
        msg,
      )
    ) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
