import { createHmac, timingSafeEqual } from 'node:crypto';
import { request } from 'undici';
import { parseRetryAfter } from '../lib/retry-after.js';
import type { DeliveryOutcome, LeadEvent } from './types.js';

export interface PostLeadEventOptions {
  url: string;
  /** HMAC key for X-Signature-256. Undefined or empty: the header is left out. */
  secret: string | undefined;
  event: LeadEvent;
  /** Whole request, body included. Default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 2048;
const EXCERPT_CHARS = 200;

/** POST the event as JSON once. Never throws: every problem is an outcome. See README.md for the contract. */
export async function postLeadEvent(opts: PostLeadEventOptions): Promise<DeliveryOutcome> {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    return { status: 'failed', error: `invalid CRM webhook URL: ${opts.url}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { status: 'failed', error: `CRM webhook URL must be http(s): ${url.protocol}` };
  }

  // Serialised once: the signature covers exactly the bytes that go on the wire.
  const body = Buffer.from(JSON.stringify(opts.event), 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': opts.event.eventId,
    'x-nexora-event': opts.event.event,
    'user-agent': 'nexora-bot/1',
  };
  if (opts.secret) headers['x-signature-256'] = signLeadWebhook(body, opts.secret);

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await request(url, { method: 'POST', headers, body, signal });
    const status = res.statusCode;
    if (status >= 200 && status <= 299) {
      await res.body.dump();
      return { status: 'sent', detail: `HTTP ${status}` };
    }
    const excerpt = await readExcerpt(res.body);
    const error = `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`;
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      return retryAfterMs === null ? { status: 'retry', error } : { status: 'retry', error, retryAfterMs };
    }
    // Other 4xx, and 1xx/3xx (redirects are not followed: a moved endpoint is a config change).
    return { status: 'failed', error };
  } catch (err) {
    if (signal.aborted) return { status: 'retry', error: `timeout after ${timeoutMs} ms` };
    return { status: 'retry', error: describeNetworkError(err) };
  }
}

/** "sha256=<hex HMAC-SHA256 of the raw body>" */
export function signLeadWebhook(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** For receivers: check X-Signature-256 against the raw request body, in constant time. */
export function verifyLeadWebhookSignature(
  raw: Buffer,
  header: string | string[] | undefined,
  secret: string,
): boolean {
  const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  if (!value || !secret) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(value.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  const expected = createHmac('sha256', secret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readExcerpt(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) break; // leaving the loop destroys the stream: no need to read a huge error page
  }
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
  return Array.from(text).length > EXCERPT_CHARS ? `${Array.from(text).slice(0, EXCERPT_CHARS).join('')}…` : text;
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code ?? (err as { code?: string }).code;
  return [code, cause?.message ?? err.message].filter(Boolean).join(': ');
}
