// The one error vocabulary (src/errors.ts, src/error-reply.ts): every error answer is
// {error: CODE, message[, field]} with our codes, whatever raised it — a schema, Fastify's parsers,
// the token guard, an unknown route, a request that is not HTTP — and the OpenAPI document lists the
// error responses of every admin route. The mapping does not depend on the database: SQLite only.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/console/auth/auth-routes.js';
import { createSession } from '../src/console/auth/sessions.js';
import { ERROR_CODES } from '../src/errors.js';
import { addOperator } from '../src/ops/operators.js';
import { startTestBot, TEST_ADMIN_TOKEN, TEST_VERIFY_TOKEN, type TestBot } from './helpers/test-bot.js';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const MALTA = {
  country: 'Malta',
  category: 'Europe Golden Visa',
  name: 'Malta Permanent Residence',
  minimum_investment: 150000,
  link: 'https://nexora.example/malta',
  rank: 4,
};

/** The one shape, our code, and nothing of Fastify's anywhere in the body. */
function expectErrorBody(body: string, code: string): Record<string, unknown> {
  expect(body).not.toMatch(/FST_|statusCode|Bad Request|Unsupported Media Type/);
  const json = JSON.parse(body) as Record<string, unknown>;
  expect(json.error).toBe(code);
  expect(ERROR_CODES).toContain(json.error);
  expect(typeof json.message).toBe('string');
  expect(Object.keys(json).filter((k) => !['error', 'message', 'field'].includes(k))).toEqual([]);
  return json;
}

describe('admin API errors [sqlite]', () => {
  let bot: TestBot;
  const call = (opts: {
    method?: 'GET' | 'POST' | 'PUT';
    url: string;
    headers?: Record<string, string>;
    payload?: string | object;
  }) =>
    bot.runtime.app.inject({
      method: opts.method ?? 'GET',
      url: opts.url,
      headers: { ...auth, ...opts.headers },
      ...(opts.payload === undefined ? {} : { payload: opts.payload }),
    });

  beforeAll(async () => {
    bot = await startTestBot('sqlite', {}, { startWorkers: false, seed: false });
  });
  afterAll(async () => bot.stop());

  it('a validation error names the field and says what it expects, in words', async () => {
    const missing = await call({
      method: 'POST',
      url: '/admin/api/programs',
      payload: { name: 'Half', country: 'Malta' },
    });
    expect(missing.statusCode).toBe(400);
    expect(expectErrorBody(missing.body, 'VALIDATION_FAILED')).toEqual({
      error: 'VALIDATION_FAILED',
      message: 'body field "category" is required',
      field: 'category',
    });
    const limit = await call({ url: '/admin/api/leads?limit=0' });
    expect(expectErrorBody(limit.body, 'VALIDATION_FAILED')).toMatchObject({
      message: 'query parameter "limit" must be 1 or more',
      field: 'limit',
    });
    const since = await call({ url: '/admin/api/leads?since=yesterday' });
    expect(expectErrorBody(since.body, 'VALIDATION_FAILED')).toMatchObject({
      message: 'query parameter "since" must be 2024-02-01 or an ISO date-time',
      field: 'since',
    });
    const status = await call({ url: '/admin/api/messages?status=lost' });
    expect(expectErrorBody(status.body, 'VALIDATION_FAILED').message).toMatch(
      /^query parameter "status" must be one of: received, processed, .*, sandbox$/,
    );
    const id = await call({ url: '/admin/api/leads/abc' });
    expect(expectErrorBody(id.body, 'VALIDATION_FAILED')).toMatchObject({
      message: 'path parameter "id" must be a whole number',
      field: 'id',
    });
    const interest = await call({ url: '/admin/api/leads?interest=yachts' });
    expect(expectErrorBody(interest.body, 'VALIDATION_FAILED')).toMatchObject({
      field: 'interest',
      message: expect.stringContaining('one of: "Eligibility check", "Job search assistance", "General consultation"'),
    });
    const phone = await call({ url: '/admin/api/users/hello' });
    expect(expectErrorBody(phone.body, 'VALIDATION_FAILED')).toMatchObject({ field: 'phone' });
  });

  it('a missing or wrong token is UNAUTHORIZED; an unknown route is NOT_FOUND', async () => {
    const wrong = await call({
      url: '/admin/api/stats',
      headers: { authorization: 'Bearer not-the-token-0123456789' },
    });
    expect(wrong.statusCode).toBe(401);
    expectErrorBody(wrong.body, 'UNAUTHORIZED');
    const unknown = await call({ url: '/admin/api/no-such-thing?x=1' });
    expect(unknown.statusCode).toBe(404);
    expect(expectErrorBody(unknown.body, 'NOT_FOUND').message).toBe('no such route: GET /admin/api/no-such-thing');
    const outside = await bot.runtime.app.inject({ method: 'DELETE', url: '/nowhere' });
    expect(outside.statusCode).toBe(404);
    expectErrorBody(outside.body, 'NOT_FOUND');
  });

  it("maps Fastify's body errors: malformed or empty JSON, a wrong content type, a body too large, a bad URL", async () => {
    const json = { 'content-type': 'application/json' };
    const cases = [
      { payload: '{"name": ', headers: json, status: 400, code: 'BAD_REQUEST', message: 'the body is not valid JSON' },
      { payload: '{"__proto__": {"x": 1}}', headers: json, status: 400, code: 'BAD_REQUEST' },
      { payload: '', headers: json, status: 400, code: 'BAD_REQUEST' },
      {
        payload: '<program/>',
        headers: { 'content-type': 'application/xml' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      { payload: `"${'x'.repeat(1024 * 1024)}"`, headers: json, status: 413, code: 'PAYLOAD_TOO_LARGE' },
    ];
    for (const c of cases) {
      const res = await call({ method: 'POST', url: '/admin/api/programs', payload: c.payload, headers: c.headers });
      expect(res.statusCode, c.code).toBe(c.status);
      const body = expectErrorBody(res.body, c.code);
      if (c.message) expect(body.message).toBe(c.message);
    }
    const badUrl = await call({ url: '/admin/api/users/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expectErrorBody(badUrl.body, 'BAD_REQUEST');
  });

  it('the webhook routes answer in the same shape: a refused verification says why; stats and sandbox name the phone format and the phone', async () => {
    const verify = (query: string) => bot.runtime.app.inject({ url: `/webhook?${query}` });
    // Meta's handshake still gets the bare challenge as text.
    const ok = await verify(`hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=8080`);
    expect([ok.statusCode, ok.headers['content-type'], ok.body]).toEqual([
      200,
      expect.stringMatching(/^text\/plain/),
      '8080',
    ]);
    const wrong = await verify('hub.mode=subscribe&hub.verify_token=not-ours&hub.challenge=8080');
    expect(wrong.statusCode).toBe(403);
    expect(expectErrorBody(wrong.body, 'FORBIDDEN')).toEqual({
      error: 'FORBIDDEN',
      message:
        "hub.verify_token does not match this server's VERIFY_TOKEN (the string saved in Meta's webhook settings)",
    });
    const bare = await verify('');
    expect(bare.statusCode).toBe(403);
    expect(expectErrorBody(bare.body, 'FORBIDDEN').message).toBe(
      'not a verification request: expected hub.mode=subscribe, hub.verify_token and hub.challenge',
    );

    const badPhone = await call({ url: '/webhook/stats/hello' });
    expect(badPhone.statusCode).toBe(400);
    expect(expectErrorBody(badPhone.body, 'VALIDATION_FAILED')).toEqual({
      error: 'VALIDATION_FAILED',
      message: 'bad phone format (expected e.g. +971 50 123 4567, 00971501234567 or 971501234567)',
      field: 'phone',
    });
    const unknown = await call({ url: '/webhook/stats/%2B971%2050%20123%204567' });
    expect(unknown.statusCode).toBe(404);
    expect(expectErrorBody(unknown.body, 'NOT_FOUND')).toEqual({
      error: 'NOT_FOUND',
      message: 'unknown user: nothing is stored for 971501234567',
      field: 'phone',
    });
    const sandbox = await call({ url: '/sandbox/messages?phone=hello' });
    expect(sandbox.statusCode).toBe(400);
    expect(expectErrorBody(sandbox.body, 'VALIDATION_FAILED')).toMatchObject({
      message: expect.stringMatching(/^bad phone format \(expected e\.g\. \+971 50 123 4567/),
      field: 'phone',
    });
  });

  it('a duplicate is CONFLICT (409) and names the field', async () => {
    expect((await call({ method: 'POST', url: '/admin/api/programs', payload: MALTA })).statusCode).toBe(201);
    const again = await call({ method: 'POST', url: '/admin/api/programs', payload: MALTA });
    expect(again.statusCode).toBe(409);
    expect(expectErrorBody(again.body, 'CONFLICT')).toMatchObject({ field: 'name' });
  });

  it('answers a request that is not HTTP in the same shape', async () => {
    const url = new URL(await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' }));
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(url.port), '127.0.0.1', () => socket.write('HELLO nonsense\r\n\r\n'));
      socket.setEncoding('utf8').on('data', (d: string) => (text += d));
      socket.on('close', () => resolve(text)).on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expectErrorBody(answer.slice(answer.indexOf('\r\n\r\n') + 4), 'BAD_REQUEST');
  });

  it('the OpenAPI document lists the error responses of every admin route, with the shared Error schema', async () => {
    const doc = (await call({ url: '/admin/api/openapi.json' })).json<OpenApiDoc>();
    expect(doc.components.schemas.Error).toMatchObject({
      required: ['error', 'message'],
      properties: { error: { enum: ERROR_CODES } },
    });
    // Routes that can refuse because of the state of things (a duplicate, someone else's conversation).
    const CONFLICTS = [
      'post /admin/api/programs',
      'post /admin/api/conversations/{phone}/assign',
      'post /admin/api/conversations/{phone}/reply',
      'post /admin/api/conversations/{phone}/resolve',
    ];
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(15);
    const lacking: string[] = [];
    for (const { name, op } of operations) {
      const params = op.parameters ?? [];
      const needed = ['401', '429', '500', '503'];
      if (params.length > 0 || op.requestBody) needed.push('400');
      if (params.some((p) => p.in === 'path')) needed.push('404');
      if (op.requestBody) needed.push('413', '415');
      if (CONFLICTS.includes(name)) needed.push('409');
      for (const status of needed) {
        const schema = op.responses[status]?.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/Error') lacking.push(`${name} ${status}`);
      }
    }
    expect(lacking).toEqual([]);
  });
});

describe('console pages [sqlite]', () => {
  let bot: TestBot;
  let cookie: string;
  beforeAll(async () => {
    bot = await startTestBot('sqlite', {}, { startWorkers: false, seed: false });
    const db = bot.runtime.deps.db;
    const admin = await addOperator(
      db,
      { email: 'admin@example.com', display_name: 'Admin', role: 'admin', password: 'a long enough password' },
      Date.now(),
    );
    cookie = `${SESSION_COOKIE}=${await createSession(db, admin.id, Date.now())}`;
  });
  afterAll(async () => bot.stop());

  it("show Fastify's body errors in our words, as a page", async () => {
    const post = (headers: Record<string, string>, payload: string) =>
      bot.runtime.app.inject({
        method: 'POST',
        url: '/console/people/971501234567/export',
        headers: { cookie, ...headers },
        payload,
      });
    const badJson = await post({ 'content-type': 'application/json' }, '{"_csrf": ');
    expect(badJson.statusCode).toBe(400);
    expect(badJson.headers['content-type']).toMatch(/^text\/html/);
    expect(badJson.body).toContain('the body is not valid JSON');
    const xml = await post({ 'content-type': 'application/xml' }, '<x/>');
    expect(xml.statusCode).toBe(415);
    expect(xml.body).toContain('this Content-Type is not accepted here');
    for (const page of [badJson, xml]) expect(page.body).not.toMatch(/FST_|content-type is set|Unsupported Media Type/);
  });
});

describe('the error vocabulary in the docs', () => {
  it('ARCHITECTURE.md lists every code, and only those', () => {
    const text = readFileSync(new URL('../ARCHITECTURE.md', import.meta.url), 'utf8');
    const section = text.slice(text.indexOf('## Errors'), text.indexOf('\n## ', text.indexOf('## Errors') + 1));
    const listed = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...ERROR_CODES].sort());
  });
});

interface OpenApiDoc {
  components: { schemas: Record<string, unknown> };
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string }[];
        requestBody?: unknown;
        responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
      }
    >
  >;
}
