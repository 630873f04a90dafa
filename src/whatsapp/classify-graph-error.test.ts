import { describe, expect, it } from 'vitest';
import { classifyGraphResponse, classifyNetworkError } from './classify-graph-error.js';
import { graphErrorInWords } from './graph-error-words.js';
import { parseRetryAfter } from '../lib/retry-after.js';

const metaError = (code: number, message = `(#${code}) something`, details?: string): unknown => ({
  error: {
    message,
    type: 'OAuthException',
    code,
    ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
    fbtrace_id: 'AbC',
  },
});

describe('classifyGraphResponse: success', () => {
  it('returns the wamid of a send', () => {
    const body = {
      messaging_product: 'whatsapp',
      contacts: [{ input: '+1555', wa_id: '1555' }],
      messages: [{ id: 'wamid.OUT_1', message_status: 'accepted' }],
    };
    expect(classifyGraphResponse(200, body, undefined)).toEqual({ ok: true, wamid: 'wamid.OUT_1' });
  });

  it('reads a JSON string body', () => {
    expect(classifyGraphResponse(200, '{"messages":[{"id":"wamid.S"}]}', undefined)).toEqual({
      ok: true,
      wamid: 'wamid.S',
    });
  });

  it('returns a null wamid for mark-read', () => {
    expect(classifyGraphResponse(200, '{"success":true}', undefined)).toEqual({ ok: true, wamid: null });
  });

  it('treats a 2xx without a readable body as accepted (retrying could duplicate)', () => {
    expect(classifyGraphResponse(200, 'OK', undefined)).toEqual({ ok: true, wamid: null });
  });
});

describe('classifyGraphResponse: Meta error codes', () => {
  const table: [number, number, 'message' | 'recipient' | 'throughput' | 'outage' | 'token', boolean][] = [
    [130429, 400, 'throughput', true],
    [80007, 400, 'throughput', true],
    [4, 400, 'throughput', true],
    [131016, 503, 'outage', true],
    [2, 503, 'outage', true],
    [133004, 503, 'outage', true],
    [131057, 500, 'outage', true],
    [131056, 400, 'recipient', true],
    [131049, 400, 'recipient', true],
    [131000, 500, 'recipient', true],
    [190, 401, 'token', false],
    [0, 401, 'token', false],
    ...[
      131047, 131026, 131050, 131051, 131052, 131053, 100, 131008, 131009, 132000, 132001, 132012, 132015, 132016,
      131021, 131042, 368, 131031, 10, 200, 230, 299, 131005, 131048, 131062,
    ].map((code): [number, number, 'message', boolean] => [
      code,
      code === 368 || code === 131031 || code === 10 || (code >= 200 && code < 300) ? 403 : 400,
      'message',
      false,
    ]),
  ];

  it.each(table)('code %i (HTTP %i) → scope %s, retryable %s', (code, status, scope, retryable) => {
    const outcome = classifyGraphResponse(status, metaError(code), undefined);
    expect(outcome).toMatchObject({ ok: false, scope, retryable, code, httpStatus: status });
  });

  it('lets the code win over the HTTP status', () => {
    expect(classifyGraphResponse(500, metaError(131047), undefined)).toMatchObject({
      scope: 'message',
      retryable: false,
    });
    expect(classifyGraphResponse(400, metaError(131016), undefined)).toMatchObject({
      scope: 'outage',
      retryable: true,
    });
  });

  it('puts message and details in the title', () => {
    const outcome = classifyGraphResponse(
      400,
      metaError(131056, '(#131056) pair rate limit hit', 'Too many messages to this user recently.'),
      undefined,
    );
    expect(outcome).toMatchObject({ title: '(#131056) pair rate limit hit: Too many messages to this user recently.' });
  });

  it('accepts a numeric-string code', () => {
    expect(classifyGraphResponse(400, { error: { message: 'x', code: '131047' } }, undefined)).toMatchObject({
      code: 131047,
      retryable: false,
    });
  });
});

describe('classifyGraphResponse: HTTP fallbacks', () => {
  it.each([
    [500, 'outage', true],
    [502, 'outage', true],
    [503, 'outage', true],
    [408, 'outage', true],
    [429, 'throughput', true],
    [401, 'token', false],
    [400, 'message', false],
    [403, 'message', false],
    [404, 'message', false],
    [302, 'message', false],
  ] as const)('HTTP %i without a known code → %s, retryable %s', (status, scope, retryable) => {
    expect(classifyGraphResponse(status, { error: { message: 'x', code: 987654 } }, undefined)).toMatchObject({
      scope,
      retryable,
      code: 987654,
    });
    expect(classifyGraphResponse(status, '', undefined)).toMatchObject({ scope, retryable, code: null });
  });

  it('handles an HTML error page', () => {
    const outcome = classifyGraphResponse(502, '<html><body>Bad Gateway</body></html>', undefined);
    expect(outcome).toEqual({
      ok: false,
      scope: 'outage',
      retryable: true,
      code: null,
      title: 'HTTP 502: <html><body>Bad Gateway</body></html>',
      retryAfterMs: null,
      httpStatus: 502,
    });
  });

  it('handles a Buffer body', () => {
    expect(classifyGraphResponse(400, Buffer.from(JSON.stringify(metaError(131047))), undefined)).toMatchObject({
      code: 131047,
    });
  });
});

describe('classifyGraphResponse: Retry-After', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('waits at least 24 hours after 131049 (per-user marketing limit), even when Retry-After says less', () => {
    const day = 24 * 60 * 60 * 1000;
    expect(classifyGraphResponse(400, metaError(131049), '60', now)).toMatchObject({ retryAfterMs: day });
    expect(classifyGraphResponse(400, metaError(131049), undefined, now)).toMatchObject({ retryAfterMs: day });
  });

  it('uses Retry-After seconds on a retryable error', () => {
    expect(classifyGraphResponse(400, metaError(130429), '2', now)).toMatchObject({ retryAfterMs: 2000 });
    expect(classifyGraphResponse(400, metaError(131056), '30', now)).toMatchObject({
      scope: 'recipient',
      retryAfterMs: 30_000,
    });
  });

  it('uses a Retry-After HTTP date', () => {
    expect(classifyGraphResponse(503, '', 'Thu, 01 Jan 2026 00:00:05 GMT', now)).toMatchObject({ retryAfterMs: 5000 });
  });

  it('has no advice when the header is missing, except maintenance (~1 min)', () => {
    expect(classifyGraphResponse(400, metaError(131056), undefined, now)).toMatchObject({ retryAfterMs: null });
    expect(classifyGraphResponse(500, metaError(131057), undefined, now)).toMatchObject({ retryAfterMs: 60_000 });
  });

  it('ignores Retry-After on a final failure', () => {
    expect(classifyGraphResponse(400, metaError(131047), '10', now)).toMatchObject({ retryAfterMs: null });
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    [undefined, null],
    ['', null],
    ['0', 0],
    ['120', 120_000],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
  ])('%s → %s', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});

describe('classifyNetworkError', () => {
  it('is a retryable outage with the error code in the title', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyNetworkError(err)).toEqual({
      ok: false,
      scope: 'outage',
      retryable: true,
      code: null,
      title: 'network error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
      retryAfterMs: null,
      httpStatus: null,
    });
  });

  it('accepts anything thrown', () => {
    expect(classifyNetworkError('boom')).toMatchObject({
      scope: 'outage',
      retryable: true,
      title: 'network error: boom',
    });
  });
});

describe('graphErrorInWords', () => {
  it('says what 131062 means: a username user cannot receive this by BSUID', () => {
    expect(graphErrorInWords(131062, '(#131062) Business-scoped user ID recipient not allowed')).toContain(
      'username user',
    );
  });
});
