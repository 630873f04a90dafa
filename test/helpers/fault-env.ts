// Shared set-up for the process-level fault tests: a database, a fake Graph API and the env that
// points a server process at both.
import { BUSINESS, envelope, textMessage } from './payloads.js';
import { afterEach } from 'vitest';
import { postWebhook, startServerProcess, type ServerProcess } from './server-process.js';
import { startFakeGraph, type FakeGraph } from './fake-graph.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { TEST_ADMIN_TOKEN, TEST_SECRET, TEST_TOKEN, TEST_VERIFY_TOKEN } from './test-bot.js';
import type { DbKind } from '../../src/store/create-db.js';

export interface FaultEnv {
  graph: FakeGraph;
  database: TestDatabase;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function createFaultEnv(kind: DbKind, extra: Record<string, string> = {}): Promise<FaultEnv> {
  const graph = await startFakeGraph({ token: TEST_TOKEN, phoneNumberId: BUSINESS.phoneNumberId });
  const database = await createTestDatabase(kind);
  return {
    graph,
    database,
    env: {
      DATABASE_URL: database.url,
      WHATSAPP_TOKEN: TEST_TOKEN,
      PHONE_NUMBER_ID: BUSINESS.phoneNumberId,
      VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      APP_SECRET: TEST_SECRET,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      GRAPH_API_URL: graph.url,
      SEND_RATE_PER_SECOND: '0',
      MARK_READ: 'false',
      // Many servers share the test database's 100 connections while the suite runs.
      DATABASE_POOL_SIZE: '4',
      SEND_LEASE_SECONDS: '2',
      ...extra,
    },
    async close() {
      await graph.close();
      await database.drop();
    },
  };
}

/** Users `firstUser` + i, each saying `text`; resolves with the users whose webhook got 200. */
export async function postUsers(
  url: string | ((i: number) => string),
  count: number,
  text = 'hi',
  inFlight = 16,
  firstUser = 155500100000,
): Promise<string[]> {
  const acked: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const user = String(firstUser + i);
      const target = typeof url === 'string' ? url : url(i);
      const status = await postWebhook(target, envelope({ messages: [textMessage(user, text)] }), TEST_SECRET);
      if (status === 200) acked.push(user);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return acked;
}

/** How many replies each user got (accepted by the fake Graph API). */
export function repliesPerUser(graph: FakeGraph): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of graph.accepted) {
    const u = a.to.replace(/\D/g, '');
    m.set(u, (m.get(u) ?? 0) + 1);
  }
  return m;
}

/** Waits until the database holds no unfinished work (nothing received, queued or being sent). */
export async function waitForSettled(databaseUrl: string, timeoutMs = 20_000): Promise<void> {
  const { createDb, resolveDbTarget } = await import('../../src/store/create-db.js');
  const handle = createDb(resolveDbTarget(databaseUrl));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open = await handle.db
        .selectFrom('whatsapp_messages')
        .select('id')
        .where('status', 'in', ['received', 'queued', 'sending'])
        .limit(1)
        .execute();
      if (open.length === 0) return;
      if (Date.now() > deadline) throw new Error('work still unfinished in the database');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await handle.db.destroy();
  }
}

/**
 * Per test: one fault environment and the server processes started on it, all torn down after the
 * test (processes killed first, then the fake Graph API and the database).
 */
export function useFaultFixture(kind: DbKind) {
  let current: FaultEnv | undefined;
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) s.kill('SIGKILL');
    await current?.close();
    current = undefined;
  }, 60_000);
  return {
    async setUp(extra: Record<string, string> = {}): Promise<FaultEnv> {
      current = await createFaultEnv(kind, extra);
      return current;
    },
    async start(env: Record<string, string> = {}): Promise<ServerProcess> {
      if (!current) throw new Error('useFaultFixture: setUp() first');
      // A generous bound, not a wait: on a shared 2-core machine under load, compiling the sources
      // through tsx for two processes at once has taken over 20 s.
      const s = await startServerProcess({ ...current.env, ...env }, { readyTimeoutMs: 60_000 });
      servers.push(s);
      return s;
    },
  };
}
