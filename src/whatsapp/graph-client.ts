// The only code that talks HTTP to Meta's Graph API. Every result, failures included, comes back
// as a SendOutcome value: the sender decides what to do, nothing here throws for HTTP or network.
import { Pool } from 'undici';
import type { GraphMessageBody, SendOutcome } from './types.js';
import { classifyGraphResponse, classifyNetworkError } from './classify-graph-error.js';

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com, or a proxy/fake with a path prefix; trailing slash allowed. */
  baseUrl: string;
  /** Graph API version such as v24.0; always from config, never assumed here. */
  version: string;
  phoneNumberId: string;
  token: string;
  /** Connect, response-headers and body timeouts, each. Default 10 s. */
  timeoutMs?: number;
  /** Keep-alive sockets to the Graph host. Default 16. */
  connections?: number;
}

export interface GraphClient {
  /** The full messages URL, for logs. */
  readonly messagesUrl: string;
  /** POSTs a message or mark-read body (an object, or its JSON text as queued) once (no retries here). */
  send(body: GraphMessageBody | string): Promise<SendOutcome>;
  /** Waits for in-flight requests, then closes the sockets. */
  close(): Promise<void>;
}

/** Where sends go, from the options (which it checks). */
export function graphEndpoint(opts: GraphClientOptions): { origin: string; path: string; messagesUrl: string } {
  const version = opts.version.replace(/^\/+|\/+$/g, '');
  if (version === '') throw new Error('createGraphClient: version is required');
  if (opts.phoneNumberId === '') throw new Error('createGraphClient: phoneNumberId is required');
  if (opts.token === '') throw new Error('createGraphClient: token is required');
  const base = new URL(opts.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const path = `${prefix}/${encodeURIComponent(version)}/${encodeURIComponent(opts.phoneNumberId)}/messages`;
  return { origin: base.origin, path, messagesUrl: `${base.origin}${path}` };
}

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const { origin, path, messagesUrl } = graphEndpoint(opts);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pool = new Pool(origin, {
    connections: opts.connections ?? 16,
    pipelining: 1,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const headers = { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' };

  async function send(body: GraphMessageBody | string): Promise<SendOutcome> {
    let payload: string;
    try {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    } catch (err) {
      // A body that cannot be serialized is our bug; retrying it can never succeed.
      const reason = err instanceof Error ? err.message : String(err);
      return {
        ok: false,
        scope: 'message',
        retryable: false,
        code: null,
        title: `unserializable body: ${reason}`,
        retryAfterMs: null,
        httpStatus: null,
      };
    }
    try {
      const res = await pool.request({ method: 'POST', path, headers, body: payload });
      const text = await res.body.text();
      return classifyGraphResponse(res.statusCode, text, firstHeader(res.headers['retry-after']));
    } catch (err) {
      return classifyNetworkError(err);
    }
  }

  return {
    messagesUrl,
    send,
    close: () => pool.close(),
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
