import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';

/**
 * Bytes of request bodies being received at once, across all connections. A body that would take
 * the total past the budget is refused (503, Meta delivers again later) instead of buffered, so
 * many large concurrent bodies cannot grow the process without bound.
 */
export class ByteBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  tryReserve(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used -= bytes;
  }

  get inUse(): number {
    return this.used;
  }
}

export interface BodyLimits {
  maxBytes: number;
  /** The whole body must arrive within this many milliseconds of the parser starting. */
  deadlineMs: number;
  budget: ByteBudget;
}

/**
 * Reads a request body into one Buffer under a size limit, a deadline and the shared in-flight
 * budget. A declared Content-Length is checked and reserved up front; a chunked body reserves as it
 * arrives. Whatever happens, the reservation is released when this settles.
 */
export function readBody(stream: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(stream.headers['content-length'] ?? Number.NaN);
  if (declared > limits.maxBytes) return Promise.reject(new AppError('PAYLOAD_TOO_LARGE', 'request body too large'));
  const upfront = Number.isFinite(declared) ? declared : 0;
  if (!limits.budget.tryReserve(upfront))
    return Promise.reject(new AppError('SERVER_BUSY', 'too many request bodies in flight, retry later'));
  let reserved = upfront;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (err: AppError | null) => {
      clearTimeout(timer);
      stream.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      limits.budget.release(reserved);
      reserved = 0;
      if (err) {
        stream.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks, received));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) return finish(new AppError('PAYLOAD_TOO_LARGE', 'request body too large'));
      if (received > reserved) {
        if (!limits.budget.tryReserve(received - reserved))
          return finish(new AppError('SERVER_BUSY', 'too many request bodies in flight, retry later'));
        reserved = received;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = () => finish(new AppError('BAD_REQUEST', 'request body could not be read'));
    const onAborted = () => finish(new AppError('BAD_REQUEST', 'request aborted'));
    const timer = setTimeout(
      () => finish(new AppError('BODY_TIMEOUT', 'request body not received in time')),
      limits.deadlineMs,
    );
    stream.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
