// GET /ready (readiness, with reasons) next to GET /webhook/health (liveness).
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { tokenFingerprint } from '../src/pipeline/outbound-sender.js';
import { STATE_TOKEN_INVALID, writeState } from '../src/store/service-state.js';
import { checkReady, READY_MAX_QUEUE_AGE_SECONDS } from '../src/webhook/ready-route.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { ManualClock, startTestBot, TEST_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550008001';

describeEachDb('GET /ready', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });
  const ready = async (b: TestBot) => {
    const res = await b.runtime.app.inject({ url: '/ready' });
    return { status: res.statusCode, body: res.json() };
  };

  it('is 200 with every check when the database, schema, token and queues are fine', async () => {
    bot = await startTestBot(kind);
    const { status, body } = await ready(bot);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ready',
      checks: {
        database: 'ok',
        migrations: 'current',
        sending: 'ok',
        queue: {
          inboundOldestAgeSeconds: null,
          outboundOldestAgeSeconds: null,
          maxAgeSeconds: READY_MAX_QUEUE_AGE_SECONDS,
        },
      },
      reasons: [],
    });
    expect((await bot.runtime.app.inject({ url: '/webhook/health' })).statusCode).toBe(200);
  });

  it('is 503 when work has waited longer than the limit, and says which queue', async () => {
    const clock = new ManualClock();
    bot = await startTestBot(kind, {}, { startWorkers: false, clock });
    expect((await bot.post(envelope({ messages: [textMessage(USER, 'hi')] }))).status).toBe(200);
    expect((await ready(bot)).status).toBe(200);
    clock.advance((READY_MAX_QUEUE_AGE_SECONDS + 1) * 1000);
    const { status, body } = await ready(bot);
    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks.queue.inboundOldestAgeSeconds).toBe(READY_MAX_QUEUE_AGE_SECONDS + 1);
    expect(body.reasons).toEqual([expect.stringMatching(/^inbound: the oldest unprocessed message has waited 301 s/)]);
    // Liveness is not readiness: the process is healthy, it is only behind.
    expect((await bot.runtime.app.inject({ url: '/webhook/health' })).statusCode).toBe(200);
  });

  it('is 503 while Meta rejects the configured token', async () => {
    bot = await startTestBot(kind);
    const state = {
      fingerprint: tokenFingerprint(TEST_TOKEN),
      code: 190,
      title: 'Invalid OAuth access token',
      at: Date.now(),
    };
    await writeState(bot.runtime.deps.db, STATE_TOKEN_INVALID, state, Date.now());
    const { status, body } = await ready(bot);
    expect(status).toBe(503);
    expect(body.checks.sending).toBe('token_invalid');
    expect(body.reasons[0]).toMatch(/rejected the access token \(code 190/);
  });

  it('is 503 when a migration has not run', async () => {
    bot = await startTestBot(kind);
    await bot.runtime.deps.db.deleteFrom('kysely_migration' as never).execute();
    const { status, body } = await ready(bot);
    expect(status).toBe(503);
    expect(body.checks.migrations).toBe('pending');
    expect(body.reasons[0]).toMatch(/nexora-bot migrate/);
  });
});

it('is not ready, with the reason, when the database does not answer', async () => {
  const raw = new SQLite(':memory:');
  raw.close();
  const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
  const deps = {
    db,
    clock: { now: () => Date.now() },
    config: { sandbox: true, whatsapp: { token: undefined } },
  } as unknown as Deps;
  const report = await checkReady(deps);
  expect(report).toMatchObject({
    status: 'not_ready',
    checks: { database: 'unreachable', migrations: 'unknown', queue: 'unknown' },
  });
  expect(report.reasons[0]).toMatch(/^database unreachable: /);
});
