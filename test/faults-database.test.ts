import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultEnv, postUsers, repliesPerUser, type FaultEnv } from './helpers/fault-env.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { postWebhook, startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';
import { TEST_SECRET } from './helpers/test-bot.js';
import { DB_KINDS } from './helpers/test-db.js';

describe('the database away for a while', () => {
  let fx: FaultEnv | undefined;
  let proxy: TcpProxy | undefined;
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) s.kill('SIGKILL');
    await proxy?.close();
    proxy = undefined;
    await fx?.close();
    fx = undefined;
  }, 60_000);

  it('SQLite file locked by another writer: webhooks answer 503 (Meta retries), nothing half-done, then it resumes', async () => {
    fx = await createFaultEnv('sqlite');
    const server = await startServerProcess(fx.env);
    servers.push(server);
    await postUsers(server.url, 3);
    await fx.graph.waitFor(() => fx!.graph.accepted.length === 3, 10_000);

    const locker = new Database(fx.database.url);
    locker.exec('BEGIN EXCLUSIVE');
    const blocked = envelope({ messages: [textMessage('155500500001', 'hi')] });
    expect(await postWebhook(server.url, blocked, TEST_SECRET)).toBe(503);
    locker.exec('ROLLBACK');
    const rows = locker.prepare("select count(*) as n from whatsapp_messages where phone = '155500500001'").get() as {
      n: number;
    };
    expect(rows.n).toBe(0);
    locker.close();

    // Meta delivers the same webhook again: now it is stored and answered, once.
    expect(await postWebhook(server.url, blocked, TEST_SECRET)).toBe(200);
    await fx.graph.waitFor(() => repliesPerUser(fx!.graph).get('155500500001') === 1, 10_000);
    const health = await fetch(`${server.url}/webhook/health`);
    expect(health.status).toBe(200);
  }, 60_000);

  // Runs wherever PostgreSQL is part of the run: always in CI (see test/helpers/test-db.ts).
  for (const _ of DB_KINDS.filter((k) => k === 'postgres'))
    it('PostgreSQL unreachable: 503 and degraded health while it is away, service resumes by itself', async () => {
      fx = await createFaultEnv('postgres');
      const url = new URL(fx.database.url);
      proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
      url.host = `127.0.0.1:${proxy.port}`;
      const server = await startServerProcess({ ...fx.env, DATABASE_URL: url.toString() });
      servers.push(server);
      await postUsers(server.url, 2);
      await fx.graph.waitFor(() => fx!.graph.accepted.length === 2, 10_000);

      proxy.cut();
      const away = envelope({ messages: [textMessage('155500600001', 'hi')] });
      const during = await postWebhook(server.url, away, TEST_SECRET);
      if (during !== 503) throw new Error(`expected 503, got ${during}; server output:\n${server.output()}`);
      expect((await fetch(`${server.url}/webhook/health`)).status).toBe(503);

      proxy.restore();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = await postWebhook(server.url, away, TEST_SECRET);
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      await fx.graph.waitFor(() => repliesPerUser(fx!.graph).get('155500600001') === 1, 15_000);
      expect((await fetch(`${server.url}/webhook/health`)).status).toBe(200);
    }, 60_000);
});
