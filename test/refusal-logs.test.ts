// Requests a client can repeat at will are logged in aggregate, never one line each: bodies refused
// before they were used (too large, too slow, malformed) and refused console sign-ins. The first
// refusal is written at once, at warn, on its request; the rest are counted and written at most once
// a minute (here: when the server stops), and the account tried is never named.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { addOperator } from '../src/ops/operators.js';
import { WEBHOOK_BODY_LIMIT } from '../src/webhook/webhook-routes.js';
import { ADMIN, PASSWORD } from './helpers/console-browser.js';
import { startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const BODIES = 'requests refused before their body was used';
const SIGN_INS = 'console: sign-ins refused';

describeEachDb('refusals a client can repeat are logged in aggregate', (kind) => {
  let bot: TestBot;
  let stopped = false;
  const lines: Record<string, unknown>[] = [];
  afterEach(async () => {
    if (!stopped) await bot.stop();
  });

  it('writes the first refusal at once and the rest as counts, never a line per request', async () => {
    lines.length = 0;
    stopped = false;
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    bot = await startTestBot(kind, {}, { logger: pino({ level: 'info' }, stream), startWorkers: false });
    await addOperator(
      bot.runtime.deps.db,
      { email: ADMIN, display_name: 'Admin', role: 'admin', password: PASSWORD },
      Date.now(),
    );
    const app = bot.runtime.app;

    // Six webhook bodies over the limit, each with a well-formed (wrong) signature so the body is read.
    const big = 'x'.repeat(WEBHOOK_BODY_LIMIT + 1);
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/webhook',
        payload: big,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      });
      expect(res.statusCode).toBe(413);
    }
    // Four wrong passwords on the console.
    for (let i = 0; i < 4; i++) {
      const form = await app.inject({ method: 'GET', url: '/console/login' });
      const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const csrfCookie = String(form.headers['set-cookie']).split(';')[0]!;
      const res = await app.inject({
        method: 'POST',
        url: '/console/login',
        headers: { cookie: csrfCookie },
        payload: { email: ADMIN, password: `wrong ${i}`, _csrf: token },
      });
      expect(res.statusCode).toBe(401);
    }

    const about = (msg: string) => lines.filter((l) => l.msg === msg);
    // While running: one line each, the first refusal, at warn, on its request.
    expect(about(BODIES)).toEqual([
      expect.objectContaining({ level: 40, PAYLOAD_TOO_LARGE: 1, clients: 1, routes: { 'POST /webhook': 1 } }),
    ]);
    expect(about(BODIES)[0]).toHaveProperty('reqId');
    expect(about(SIGN_INS)).toEqual([
      expect.objectContaining({ level: 40, failed: 1, routes: { 'POST /console/login': 1 } }),
    ]);

    await bot.stop();
    stopped = true;
    // On stop, the counts since: every refusal is accounted for, in two lines per kind at most.
    const total = (msg: string, key: string) => about(msg).reduce((n, l) => n + Number(l[key] ?? 0), 0);
    expect(about(BODIES)).toHaveLength(2);
    expect(total(BODIES, 'PAYLOAD_TOO_LARGE')).toBe(6);
    expect(about(SIGN_INS)).toHaveLength(2);
    expect(total(SIGN_INS, 'failed')).toBe(4);
    // Nothing per request at info, and the account tried is never named.
    expect(lines.filter((l) => l.level === 30 && /refused|too large/.test(String(l.msg)))).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain(ADMIN);
  }, 60_000);
});
