// console: N users and M messages stored (default 100,000 / 1,000,000), then the p95 time to render
// the dashboard, the leads table and one conversation page over HTTP, signed in as an operator;
// and the query plans of each page (issue 14: each under 200 ms at p95 on both databases).
import { withBot } from '../bot.js';
import { rows, say, state } from '../context.js';
import { CONSOLE_ADMIN, openBenchDb, seedConsoleData } from '../console-data.js';
import { formatPlans, pagePlans } from '../console-plans.js';
import type { BenchDbKind } from '../databases.js';
import { historyPhone } from '../databases.js';
import type { LeanFakeGraph } from '../fake-graph.js';
import { opts } from '../flags.js';
import { percentiles, type Percentiles } from '../stats.js';
import { getDashboard } from '../../src/ops/dashboard.js';
import { rollUpDays } from '../../src/ops/dashboard-days.js';
import { resolvePeriod } from '../../src/ops/dashboard-period.js';
import { getTimeline } from '../../src/ops/conversations.js';
import { leadTable, parseLeadTableQuery } from '../../src/ops/lead-table.js';

const cookieOf = (res: Response, name: string): string | undefined =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** Signs in through the login form, as a browser would; returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/console/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  const loginCookie = cookieOf(form, 'nexora_login_csrf');
  if (!csrf || !loginCookie) throw new Error('console login form without its CSRF token');
  const res = await fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ _csrf: csrf, email: CONSOLE_ADMIN.email, password: CONSOLE_ADMIN.password }),
  });
  const session = cookieOf(res, 'nexora_console');
  if (res.status !== 303 || !session) throw new Error(`console sign-in failed: ${res.status}`);
  return session;
}

/** Sequential GETs of one page (one operator clicking): the time to the whole body, in ms. */
async function timePage(base: string, cookie: string, path: string, n: number): Promise<Percentiles> {
  const ms: number[] = [];
  for (let i = 0; i < n + opts.consoleWarmup; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    if (i >= opts.consoleWarmup) ms.push(performance.now() - t0);
  }
  return percentiles(ms);
}

export async function runConsole(kind: BenchDbKind, graph: LeanFakeGraph): Promise<void> {
  const users = opts.consoleUsers;
  const messages = opts.consoleMessages;
  say(`▶ console (${kind}): ${users.toLocaleString('en-US')} users, ${messages.toLocaleString('en-US')} messages`);
  const pages = [
    { name: 'dashboard (7 days)', path: '/console/dashboard?period=7d' },
    { name: 'dashboard (30 days)', path: '/console/dashboard?period=30d' },
    { name: 'leads table', path: '/console/leads' },
    { name: 'leads by score, status new', path: '/console/leads?sort=score_desc&status=new' },
    { name: 'conversation', path: `/console/conversations/${historyPhone(Math.floor(messages / 20))}` },
  ];
  const run = await withBot(
    'console',
    kind,
    graph,
    {
      markRead: true,
      rate: 0,
      historyRows: messages,
      readyTimeoutMs: 300_000,
      seed: async (db) => {
        const t0 = performance.now();
        const s = await seedConsoleData(db, users);
        say(
          `  seeded ${s.leads.toLocaleString('en-US')} leads and ${s.events.toLocaleString('en-US')} conversation events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
        // The history was bulk-loaded past the pipeline: catch the dashboard's daily roll-up up, as the
        // server's roll-up job does on its first run (every closed day of the last 400), and time it.
        const t1 = performance.now();
        const k = openBenchDb(db);
        const days = await rollUpDays(k, Date.now()).finally(() => k.destroy());
        say(
          `  rolled up ${days.days} dashboard days and ${days.cohorts} cohort days in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
        );
        // The plans are taken before the server starts, on the same data.
        const now = Date.now();
        const plans = await pagePlans(db, [
          { page: 'dashboard 7d (ops/dashboard.ts)', run: (k) => getDashboard(k, resolvePeriod('7d', now)) },
          { page: 'leads table (ops/lead-table.ts)', run: (k) => leadTable(k, parseLeadTableQuery({}, now)) },
          {
            page: 'leads by score, status new',
            run: (k) => leadTable(k, parseLeadTableQuery({ sort: 'score_desc', status: 'new' }, now)),
          },
          {
            page: 'conversation (ops/conversations.ts)',
            run: (k) => getTimeline(k, historyPhone(Math.floor(messages / 20))),
          },
        ]);
        state.consolePlans.push(formatPlans(kind, plans));
      },
    },
    async (server) => {
      const cookie = await signIn(server.url);
      const out: { name: string; p: Percentiles }[] = [];
      for (const page of pages) {
        const p = await timePage(server.url, cookie, page.path, opts.consoleRequests);
        say(`  ${page.name}: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`);
        out.push({ name: page.name, p });
      }
      return out;
    },
  );
  for (const { name, p } of run.value)
    rows.push({
      scenario: `console ${name}`,
      db: kind,
      users,
      ackPerSec: NaN,
      repliesPerSec: NaN,
      ratio: null,
      perCpuSec: NaN,
      latency: p,
      ackP99: NaN,
      rssMb: run.rssMb,
      lost: 0,
      dup: 0,
      notes: [],
      detail: { console: { users, messages, requests: p.n, page: name } },
    });
}
