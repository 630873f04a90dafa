/** The service's one error family: stable codes, mapped to HTTP in one place (app.ts). */
export type ErrorCode =
  | 'WEBHOOK_BAD_SIGNATURE'
  | 'WEBHOOK_BAD_BODY'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'DATABASE_UNAVAILABLE'
  | 'BODY_TIMEOUT'
  | 'BODY_TOO_LARGE'
  | 'SERVER_BUSY'
  /** The conversation's ownership does not allow this (claimed by someone else, not handed over…). */
  | 'HANDOFF_CONFLICT'
  /** More than 24 hours since the client last wrote: only a template may be sent. */
  | 'WINDOW_CLOSED';

const HTTP_STATUS: Record<ErrorCode, number> = {
  WEBHOOK_BAD_SIGNATURE: 401,
  WEBHOOK_BAD_BODY: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  DATABASE_UNAVAILABLE: 503,
  BODY_TIMEOUT: 408,
  BODY_TOO_LARGE: 413,
  SERVER_BUSY: 503,
  HANDOFF_CONFLICT: 409,
  WINDOW_CLOSED: 409,
};

/** Refusals that leave the rest of the request body unread: the connection is closed after the answer. */
export const CLOSES_CONNECTION: ReadonlySet<ErrorCode> = new Set([
  'WEBHOOK_BAD_SIGNATURE',
  'BODY_TIMEOUT',
  'BODY_TOO_LARGE',
  'SERVER_BUSY',
]);

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
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
