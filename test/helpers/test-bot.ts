// A whole bot for tests: its own database (SQLite file or PostgreSQL schema), a fake Graph API on
// loopback, the real app and workers. Webhooks go through app.inject or a real port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/lib/clock.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { ensureSeedPrograms } from '../../src/store/seed-programs.js';
import type { DbKind } from '../../src/store/create-db.js';
import { signBody } from '../../src/whatsapp/verify-signature.js';
import { startFakeGraph, type FakeGraph, type FakeGraphRequest } from './fake-graph.js';
import { BUSINESS, envelope } from './payloads.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export const TEST_SECRET = 'test-app-secret';
export const TEST_TOKEN = 'test-whatsapp-token';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
export const TEST_VERIFY_TOKEN = 'test-verify-token';

export interface TestBot {
  runtime: Runtime;
  graph: FakeGraph;
  database: TestDatabase;
  /** POST /webhook with a signed body (or as given). */
  post(
    body: unknown,
    opts?: { sign?: boolean | string; raw?: string | Buffer; headers?: Record<string, string> },
  ): Promise<{ status: number; body: string }>;
  /** Posts one message, waits until the bot is idle again and returns every reply it sent. */
  say(message: { from: string } & Record<string, unknown>): Promise<FakeGraphRequest[]>;
  /** Message sends to one user, in the order Meta accepted them. */
  sentTo(user: string): FakeGraphRequest[];
  /** Waits until every inbound message is processed and nothing is left to send. */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestBot(
  kind: DbKind,
  env: Record<string, string> = {},
  opts: {
    startWorkers?: boolean;
    graph?: FakeGraph;
    database?: TestDatabase;
    seed?: boolean;
    clock?: Clock;
    logger?: pino.Logger;
    authLimiter?: RuntimeOptions['authLimiter'];
  } = {},
): Promise<TestBot> {
  const graph =
    opts.graph ??
    (await startFakeGraph({ token: TEST_TOKEN, phoneNumberId: BUSINESS.phoneNumberId, wabaId: BUSINESS.wabaId }));
  const database = opts.database ?? (await createTestDatabase(kind));
  // Each bot keeps client files in its own directory, removed when it stops.
  const mediaDir = env.MEDIA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'nexora-media-')) : null;
  const config = loadConfig({
    MEDIA_DIR: mediaDir ?? '',
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    WHATSAPP_TOKEN: TEST_TOKEN,
    PHONE_NUMBER_ID: BUSINESS.phoneNumberId,
    WHATSAPP_BUSINESS_ACCOUNT_ID: BUSINESS.wabaId,
    VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    APP_SECRET: TEST_SECRET,
    GRAPH_API_URL: graph.url,
    GRAPH_API_VERSION: 'v24.0',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SEND_RATE_PER_SECOND: '0',
    LOG_LEVEL: 'silent',
    // Many bots share the test database's 100 connections while the suite runs.
    DATABASE_POOL_SIZE: '4',
    ...env,
  });
  const runtime = await createRuntime(config, {
    logger: opts.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    pollMs: 100,
    random: () => 0,
    clock: opts.clock,
    authLimiter: opts.authLimiter,
  });
  if (opts.seed !== false) await ensureSeedPrograms(runtime.deps.db, undefined, Date.now());
  if (opts.startWorkers !== false) runtime.startWorkers();

  const sentTo = (user: string) =>
    graph.sent.filter(
      (r) =>
        r.response !== 'dropped' &&
        r.response?.status === 200 &&
        (r.body as { to?: string }).to?.replace(/\D/g, '') === user,
    );

  const bot: TestBot = {
    runtime,
    graph,
    database,
    async post(body, o = {}) {
      const raw = o.raw ?? JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
      if (o.sign !== false)
        headers['x-hub-signature-256'] = typeof o.sign === 'string' ? o.sign : signBody(raw, TEST_SECRET);
      const res = await runtime.app.inject({ method: 'POST', url: '/webhook', payload: raw, headers });
      return { status: res.statusCode, body: res.body };
    },
    async say(message) {
      const before = sentTo(message.from).length;
      const res = await bot.post(envelope({ messages: [message as never] }));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.body}`);
      await bot.idle();
      return sentTo(message.from).slice(before);
    },
    sentTo,
    async idle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Job searches first: one finishing between the two queries queues its answer, which the
        // second query then sees.
        const jobs = await runtime.deps.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'job_search')
          .where('status', 'in', ['pending', 'sending'])
          .executeTakeFirstOrThrow();
        const pending = await runtime.deps.db
          .selectFrom('whatsapp_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['received', 'queued', 'sending'])
          .executeTakeFirstOrThrow();
        if (Number(pending.n) === 0 && Number(jobs.n) === 0) return;
        if (Date.now() > deadline)
          throw new Error(`bot not idle after ${timeoutMs} ms (${pending.n} messages pending)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      await runtime.close();
      if (!opts.graph) await graph.close();
      if (!opts.database) await database.drop();
      if (mediaDir !== null) rmSync(mediaDir, { recursive: true, force: true });
    },
  };
  return bot;
}

/** Texts of the interactive/text bodies sent, for readable assertions. */
export function bodyText(req: FakeGraphRequest): string {
  const b = req.body as Record<string, any>;
  if (b.type === 'text') return b.text.body as string;
  if (b.type === 'interactive')
    return [b.interactive.header?.text, b.interactive.body?.text].filter(Boolean).join('\n');
  if (b.type === 'document') return `[document] ${b.document.filename} ${b.document.caption ?? ''}`;
  return JSON.stringify(b);
}

/** A clock tests move by hand (starting at real time, so WhatsApp timestamps look current). */
export class ManualClock implements Clock {
  constructor(private t = Date.now()) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
