import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { ALICE, BOB, countRowsFor, seedPerson } from './ops-fixtures.js';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const MALTA = {
  country: 'Malta',
  category: 'Europe Golden Visa',
  name: 'Malta Permanent Residence',
  minimum_investment: 150000,
  link: 'https://nexora.example/malta',
  rank: 4,
};

describeEachDb('admin API routes', (kind) => {
  let bot: TestBot;
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    bot.runtime.app.inject({
      method,
      url: `/admin/api${url}`,
      headers: auth,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeEach(async () => {
    bot = await startTestBot(kind, {}, { startWorkers: false, seed: false });
    const now = Date.now();
    await seedPerson(bot.runtime.deps.db, ALICE, now, {
      lead: { name: '=cmd|" /C calc"!A0, "x"', email: 'alice@example.com', interest: 'eligibility' },
    });
    await seedPerson(bot.runtime.deps.db, BOB, now, {
      optedOut: true,
      lead: { name: 'Bob', email: 'bob@example.com', interest: 'jobs' },
    });
  });
  afterEach(async () => bot.stop());

  it('GET stats reports the period and opted-out users; a bad days value is 400', async () => {
    const res = await call('GET', '/stats?days=30');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      days: 30,
      users: { total: 2, optedOut: 1 },
      messages: { incoming: 4, outgoing: 6 },
      leads: { total: 2 },
    });
    expect((await call('GET', '/stats?days=0')).statusCode).toBe(400);
  });

  it('GET leads pages and filters as JSON, and streams CSV with formula cells neutralised', async () => {
    const page = await call('GET', '/leads?limit=1&offset=0&interest=JOBS');
    expect(page.json()).toMatchObject({
      total: 1,
      limit: 1,
      offset: 0,
      leads: [{ phone: BOB, name: 'Bob', email: 'bob@example.com' }],
    });
    expect((await call('GET', '/leads?since=2999-01-01')).json()).toMatchObject({ total: 0, leads: [] });
    expect((await call('GET', '/leads?since=yesterday')).statusCode).toBe(400);
    // By source: Alice came from an ad; Bob's lead predates the column (null) and reads as direct.
    await bot.runtime.deps.db
      .updateTable('whatsapp_leads')
      .set({ source: 'ad Golden Visa in 90 days', source_id: '120200000000001' })
      .where('phone', '=', ALICE)
      .execute();
    const fromAd = await call('GET', `/leads?source=${encodeURIComponent('ad Golden Visa in 90 days')}`);
    expect(fromAd.json()).toMatchObject({
      total: 1,
      leads: [{ phone: ALICE, source: 'ad Golden Visa in 90 days', sourceId: '120200000000001' }],
    });
    expect((await call('GET', '/leads?source=direct')).json()).toMatchObject({
      total: 1,
      leads: [{ phone: BOB, source: 'direct', sourceId: null }],
    });
    const adCsv = (await call('GET', '/leads?format=csv&source=direct')).body.trimEnd().split('\n');
    expect(adCsv).toHaveLength(2);
    expect(adCsv[1]).toMatch(/,direct,$/);
    expect((await call('GET', '/leads?source=')).statusCode).toBe(400);
    await bot.runtime.deps.db.updateTable('whatsapp_leads').set({ source: null, source_id: null }).execute();

    const csv = await call('GET', '/leads?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,phone,name,email,interest,budget,countryOfInterest,notes,createdAt,updatedAt,source,sourceId',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${ALICE},"'=cmd|"" /C calc""!A0, ""x""",alice@example.com,eligibility,300000,,,`);
  });

  it('GET users/:phone shows session with opt-out, lead and messages; unknown is 404, bad phone 400', async () => {
    const res = await call('GET', `/users/${encodeURIComponent('+44 7700 900123')}?messages=2`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      phone: BOB,
      session: { optedOut: true, currentStep: 'ask_email' },
      lead: { name: 'Bob' },
      totals: { incoming: 2, outgoing: 3, markRead: 1 },
    });
    expect(body.messages.map((m: { status: string; direction: string }) => `${m.direction}:${m.status}`)).toEqual([
      'outgoing:failed',
      'outgoing:queued',
    ]);
    // messages=0: the totals, no messages (the CLI's --messages 0 does the same); over 1000 is refused.
    const none = await call('GET', `/users/${BOB}?messages=0`);
    expect(none.json()).toMatchObject({ phone: BOB, totals: body.totals, messages: [] });
    expect((await call('GET', `/users/${BOB}?messages=1001`)).json()).toMatchObject({
      error: 'VALIDATION_FAILED',
      field: 'messages',
      message: 'query parameter "messages" must be 1000 or less',
    });
    expect((await call('GET', '/users/33612345678')).json()).toMatchObject({ error: 'NOT_FOUND' });
    const bad = await call('GET', '/users/hello');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/bad phone format/);
  });

  it('GET users/:phone/export returns every row stored for that phone', async () => {
    const res = await call('GET', `/users/00${ALICE}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`user-export-${ALICE}.json`);
    const data = res.json();
    const counts = await countRowsFor(bot.runtime.deps.db, ALICE);
    expect({
      messages: data.messages.length,
      statuses: data.statuses.length,
      notifications: data.notifications.length,
    }).toEqual({
      messages: counts.messages,
      statuses: counts.statuses,
      notifications: counts.notifications,
    });
    expect(data.session).toMatchObject({ phone: ALICE, metadata: { name: 'X' } });
    expect(data.lead).toMatchObject({ email: 'alice@example.com' });
    expect(data.messages[0].payload).toEqual({ text: { body: `hello from ${ALICE}` } });
    expect(res.body).not.toContain(BOB);
  });

  it('DELETE users/:phone erases that person only and records an anonymous audit row by the api', async () => {
    const bobBefore = await countRowsFor(bot.runtime.deps.db, BOB);
    const res = await call('DELETE', `/users/${ALICE}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      phone: ALICE,
      deleted: { sessions: 1, messages: 6, statuses: 3, leads: 1, notifications: 3 },
    });
    expect(await countRowsFor(bot.runtime.deps.db, ALICE)).toEqual({
      sessions: 0,
      messages: 0,
      statuses: 0,
      leads: 0,
      notifications: 0,
    });
    expect(await countRowsFor(bot.runtime.deps.db, BOB)).toEqual(bobBefore);
    const audit = await bot.runtime.deps.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'delete_user', actor: 'api' });
    expect(audit[0]!.details).not.toContain(ALICE.slice(-7));
    expect((await call('DELETE', `/users/${ALICE}`)).statusCode).toBe(404);
  });

  it('GET messages?status=failed lists failed messages; POST messages/retry-failed requeues them', async () => {
    const failed = await call('GET', '/messages?status=failed');
    expect(failed.json()).toMatchObject({
      total: 2,
      messages: [{ status: 'failed', attempts: 5 }, { status: 'failed' }],
    });
    expect((await call('GET', '/messages?status=bogus')).statusCode).toBe(400);
    const retried = await call('POST', '/messages/retry-failed');
    expect(retried.json()).toEqual({ messages: 2, notifications: 2 });
    expect((await call('GET', '/messages?status=failed')).json()).toMatchObject({ total: 0 });
    expect((await call('POST', '/messages/retry-failed?since=2999-01-01T00:00:00Z')).json()).toEqual({
      messages: 0,
      notifications: 0,
    });
  });

  it('refuses a hostile offset or program link with 400, never 500', async () => {
    for (const offset of ['1e300', '9223372036854775808', '1000001', '-1'])
      for (const list of ['/leads', '/messages'])
        expect((await call('GET', `${list}?offset=${offset}`)).statusCode, `${list} ${offset}`).toBe(400);
    expect((await call('GET', '/leads?offset=1000000')).statusCode).toBe(200);
    for (const link of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'http://nexora.example/x']) {
      const res = await call('POST', '/programs', { ...MALTA, link });
      expect(res.statusCode, link).toBe(400);
    }
    expect((await call('POST', '/programs', MALTA)).statusCode).toBe(201);
    const path = `/programs/${encodeURIComponent(MALTA.name)}`;
    expect((await call('PUT', path, { link: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await call('GET', '/programs')).json()).toMatchObject([{ link: MALTA.link }]);
  });

  it('manages programs: POST, PUT, GET, DELETE, a duplicate is 409, each change visible to the conversation at once', async () => {
    const catalogue = () => bot.runtime.deps.programs.get(Date.now());
    expect(await catalogue()).toEqual([]); // cached empty now: changes must invalidate it
    const added = await call('POST', '/programs', MALTA);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ ...MALTA, description: '' });
    expect((await catalogue()).map((p) => p.name)).toEqual([MALTA.name]);
    expect((await call('POST', '/programs', MALTA)).statusCode).toBe(409); // CONFLICT: it exists already
    expect((await call('POST', '/programs', { ...MALTA, name: 'X', rank: 0 })).statusCode).toBe(400);

    const path = `/programs/${encodeURIComponent(MALTA.name)}`;
    const updated = await call('PUT', path, { minimum_investment: 175000 });
    expect(updated.json()).toMatchObject({ name: MALTA.name, minimum_investment: 175000 });
    expect((await catalogue())[0]!.minimumInvestment).toBe(175000);
    expect((await call('PUT', '/programs/Nope', { rank: 2 })).statusCode).toBe(404);
    expect((await call('GET', '/programs')).json()).toMatchObject([{ name: MALTA.name }]);

    expect((await call('DELETE', path)).statusCode).toBe(204);
    expect(await catalogue()).toEqual([]);
    expect((await call('DELETE', path)).statusCode).toBe(404);
  });

  it('serves an OpenAPI 3 document describing every admin route with bearer auth', async () => {
    const doc = (await call('GET', '/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/admin/api/conversations',
        '/admin/api/conversations/{phone}/assign',
        '/admin/api/conversations/{phone}/media',
        '/admin/api/conversations/{phone}/quick',
        '/admin/api/conversations/{phone}/reply',
        '/admin/api/conversations/{phone}/resolve',
        '/admin/api/dashboard',
        '/admin/api/leads',
        '/admin/api/leads/{id}',
        '/admin/api/leads/{id}/assignee',
        '/admin/api/leads/{id}/notes',
        '/admin/api/leads/{id}/status',
        '/admin/api/messages',
        '/admin/api/messages/retry-failed',
        '/admin/api/programs',
        '/admin/api/programs/{name}',
        '/admin/api/stats',
        '/admin/api/templates',
        '/admin/api/users/{phone}',
        '/admin/api/users/{phone}/export',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/admin/api/users/{phone}']).sort()).toEqual(['delete', 'get']);
  });
});
