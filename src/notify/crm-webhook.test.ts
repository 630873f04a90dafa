import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../../test/helpers/loopback.js';
import { parseRetryAfter } from '../lib/retry-after.js';
import { postLeadEvent, signLeadWebhook, verifyLeadWebhookSignature } from './crm-webhook.js';
import type { LeadEvent } from './types.js';

interface Hit {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  raw: Buffer;
}

type Handler = (hit: Hit, res: ServerResponse) => void;

/** A CRM receiver on loopback: records each request with its raw body, then lets `handle` answer. */
async function startReceiver(handle: Handler) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = { method: req.method, headers: req.headers, raw: Buffer.concat(chunks) };
      hits.push(hit);
      handle(hit, res);
    });
  });
  const { port, close } = await listenOnLoopback(server);
  cleanups.push(close);
  return { url: `http://127.0.0.1:${port}/hooks/lead`, hits };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

const SECRET = 'crm-shared-secret';
const event: LeadEvent = {
  version: 1,
  event: 'lead.created',
  eventId: 'lead-42-created',
  occurredAt: '2025-03-05T10:03:00.000Z',
  lead: {
    phone: '971501234567',
    name: 'Zoë “Ünïcode” <Doe>',
    email: 'zoe@example.com',
    interest: 'Caribbean Citizenship',
    budgetUsd: 250000,
    countryOfInterest: 'Grenada',
    createdAt: '2025-03-05T10:00:00.000Z',
    updatedAt: '2025-03-05T10:03:00.000Z',
  },
  recentMessages: [{ direction: 'incoming', text: 'Hello 👋', at: '2025-03-05T10:01:00.000Z' }],
};

describe('postLeadEvent', () => {
  it('posts the event signed over the exact bytes, with the idempotency key and event name', async () => {
    const crm = await startReceiver((hit, res) => {
      const ok = verifyLeadWebhookSignature(hit.raw, hit.headers['x-signature-256'], SECRET);
      res.writeHead(ok ? 202 : 401).end();
    });

    const outcome = await postLeadEvent({ url: crm.url, secret: SECRET, event });

    expect(outcome).toEqual({ status: 'sent', detail: 'HTTP 202' });
    expect(crm.hits).toHaveLength(1);
    const [hit] = crm.hits;
    expect(hit?.method).toBe('POST');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.headers['idempotency-key']).toBe('lead-42-created');
    expect(hit?.headers['x-nexora-event']).toBe('lead.created');
    expect(hit?.headers['user-agent']).toBe('nexora-bot/1');
    expect(JSON.parse(hit?.raw.toString('utf8') ?? '')).toEqual(event);
  });

  it('leaves the signature header out when no secret is configured', async () => {
    const crm = await startReceiver((_hit, res) => res.writeHead(200).end('ok'));

    expect(await postLeadEvent({ url: crm.url, secret: undefined, event })).toEqual({
      status: 'sent',
      detail: 'HTTP 200',
    });
    expect(await postLeadEvent({ url: crm.url, secret: '', event })).toEqual({ status: 'sent', detail: 'HTTP 200' });

    expect(crm.hits.map((h) => h.headers['x-signature-256'])).toEqual([undefined, undefined]);
  });

  it('asks for a retry on 500', async () => {
    const crm = await startReceiver((_hit, res) => res.writeHead(500).end('database down'));

    expect(await postLeadEvent({ url: crm.url, secret: SECRET, event })).toEqual({
      status: 'retry',
      error: 'HTTP 500: database down',
    });
  });

  it('asks for a retry on 429 not before Retry-After', async () => {
    const crm = await startReceiver((_hit, res) => res.writeHead(429, { 'retry-after': '120' }).end());

    expect(await postLeadEvent({ url: crm.url, secret: SECRET, event })).toEqual({
      status: 'retry',
      error: 'HTTP 429',
      retryAfterMs: 120_000,
    });
  });

  it('asks for a retry on 408', async () => {
    const crm = await startReceiver((_hit, res) => res.writeHead(408).end());
    expect(await postLeadEvent({ url: crm.url, secret: SECRET, event })).toMatchObject({ status: 'retry' });
  });

  it('fails permanently on 404 with the status and a short excerpt of the body', async () => {
    const crm = await startReceiver((_hit, res) =>
      res.writeHead(404).end(`<html>\n  <h1>Not   Found</h1>${'x'.repeat(5000)}</html>`),
    );

    const outcome = await postLeadEvent({ url: crm.url, secret: SECRET, event });

    expect(outcome.status).toBe('failed');
    const error = outcome.status === 'failed' ? outcome.error : '';
    expect(error).toMatch(/^HTTP 404: <html> <h1>Not Found<\/h1>x+…$/);
    expect(error.length).toBeLessThan(220);
  });

  it('fails permanently on a redirect instead of following it', async () => {
    const crm = await startReceiver((_hit, res) => res.writeHead(301, { location: 'http://127.0.0.1:1/' }).end());
    expect(await postLeadEvent({ url: crm.url, secret: SECRET, event })).toEqual({
      status: 'failed',
      error: 'HTTP 301',
    });
  });

  it('asks for a retry when the receiver never answers within the timeout', async () => {
    const crm = await startReceiver(() => {
      /* hold the request open */
    });

    const outcome = await postLeadEvent({ url: crm.url, secret: SECRET, event, timeoutMs: 150 });

    expect(outcome).toEqual({ status: 'retry', error: 'timeout after 150 ms' });
    expect(crm.hits).toHaveLength(1);
  });

  it('asks for a retry when nothing listens', async () => {
    const crm = await startReceiver((_hit, res) => res.end());
    await cleanups.splice(0)[0]?.(); // stop it: the port is now closed

    const outcome = await postLeadEvent({ url: crm.url, secret: SECRET, event });

    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toContain('ECONNREFUSED');
  });

  it('fails permanently on a URL that cannot work', async () => {
    expect(await postLeadEvent({ url: 'not a url', secret: SECRET, event })).toMatchObject({ status: 'failed' });
    expect(await postLeadEvent({ url: 'ftp://crm.example/', secret: SECRET, event })).toMatchObject({
      status: 'failed',
    });
  });
});

describe('verifyLeadWebhookSignature', () => {
  const raw = Buffer.from('{"version":1}');
  const good = signLeadWebhook(raw, SECRET);

  it('accepts the signature of the exact bytes', () => {
    expect(verifyLeadWebhookSignature(raw, good, SECRET)).toBe(true);
    expect(verifyLeadWebhookSignature(raw, good.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
    expect(verifyLeadWebhookSignature(raw, [good], SECRET)).toBe(true);
  });

  it.each([
    ['another body', Buffer.from('{"version": 1}'), good, SECRET],
    ['another secret', raw, good, 'other'],
    ['no header', raw, undefined, SECRET],
    ['no scheme', raw, good.slice('sha256='.length), SECRET],
    ['short digest', raw, good.slice(0, -2), SECRET],
    ['two headers', raw, [good, good], SECRET],
    ['empty secret', raw, signLeadWebhook(raw, ''), ''],
  ])('rejects %s', (_name, body, header, secret) => {
    expect(verifyLeadWebhookSignature(body, header, secret)).toBe(false);
  });
});

// The helper is shared with the WhatsApp sender (src/lib/retry-after.ts); its cases live here.
describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-05T10:00:00Z');
  it.each([
    [undefined, null],
    ['', null],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['0', 0],
    ['30', 30_000],
    [['30', '60'], 30_000],
    ['Wed, 05 Mar 2025 10:01:00 GMT', 60_000],
    ['Wed, 05 Mar 2025 09:00:00 GMT', 0],
    ['99999999', 24 * 60 * 60 * 1000],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
    expect(parseRetryAfter(header, new Date(now))).toBe(expected);
  });
});
