// `npm run screenshots`: the console's main pages as PNGs in docs/screenshots/, from seeded data, so
// they stay true. A temporary SQLite database, the real app and workers with the fake Graph API on
// loopback (the test harness), conversations driven through the signed webhook, a few operator
// actions through the same ops the console calls, then Debian's Chromium at desktop and phone width.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { addLeadNote, assignLead, setLeadStatus } from '../src/ops/lead-work.js';
import { addOperator } from '../src/ops/operators.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { ensureSeedPrograms } from '../src/store/seed-programs.js';
import { signBody } from '../src/whatsapp/verify-signature.js';
import { launchBrowser } from '../test/helpers/chromium.js';
import { startFakeGraph } from '../test/helpers/fake-graph.js';
import { BUSINESS, envelope, listReply, statusUpdate, textMessage } from '../test/helpers/payloads.js';

const SECRET = 'screenshots-app-secret';
const TOKEN = 'screenshots-token';
const ADMIN = 'amira@nexora.example';
const PASSWORD = 'screenshots password 1';

interface ConsoleApp {
  runtime: Runtime;
  url: string;
  post(body: unknown): Promise<number>;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The real app and workers on a temporary SQLite file, talking to the fake Graph API on loopback. */
async function startApp(): Promise<ConsoleApp> {
  const dir = mkdtempSync(join(tmpdir(), 'nexora-screenshots-'));
  const graph = await startFakeGraph({ token: TOKEN, phoneNumberId: BUSINESS.phoneNumberId });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: join(dir, 'console.db'),
    WHATSAPP_TOKEN: TOKEN,
    PHONE_NUMBER_ID: BUSINESS.phoneNumberId,
    VERIFY_TOKEN: 'screenshots-verify',
    APP_SECRET: SECRET,
    GRAPH_API_URL: graph.url,
    GRAPH_API_VERSION: 'v24.0',
    ADMIN_TOKEN: 'screenshots-admin-token-0123456789',
    SEND_RATE_PER_SECOND: '0',
    LOG_LEVEL: 'silent',
  });
  const runtime = await createRuntime(config, { logger: pino({ level: 'silent' }), pollMs: 100, random: () => 0 });
  await ensureSeedPrograms(runtime.deps.db, undefined, Date.now());
  await addOperator(
    runtime.deps.db,
    { email: ADMIN, display_name: 'Amira Haddad', role: 'admin', password: PASSWORD },
    Date.now(),
  );
  runtime.startWorkers();
  const url = await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const db = runtime.deps.db;
  return {
    runtime,
    url,
    async post(body) {
      const raw = JSON.stringify(body);
      const res = await runtime.app.inject({
        method: 'POST',
        url: '/webhook',
        payload: raw,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, SECRET) },
      });
      return res.statusCode;
    },
    async idle() {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const pending = await db
          .selectFrom('whatsapp_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['received', 'queued', 'sending'])
          .executeTakeFirstOrThrow();
        if (Number(pending.n) === 0) return;
        if (Date.now() > deadline) throw new Error('the bot did not finish its work in 30 s');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await runtime.close();
      await graph.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/console/login`);
  await page.getByLabel('E-mail').fill(ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;

type Step = string | { list: [string, string] };
/** Who says what: a spread of the funnel, names in three scripts, and how many days ago they came. */
const PEOPLE: { phone: string; name: string; daysAgo: number; steps: Step[] }[] = [
  {
    phone: '971501110001',
    name: 'Ana Silva',
    daysAgo: 0,
    steps: ['hi', '2', '$300,000', '3', 'Ana Silva', 'ana@example.com'],
  },
  { phone: '971501110002', name: 'ليلى حداد', daysAgo: 1, steps: ['مرحبا', '3', 'ليلى حداد', 'layla@example.com'] },
  {
    phone: '971501110003',
    name: 'Omar Haddad',
    daysAgo: 2,
    steps: ['hello', '1', { list: ['cat:A', 'Europe Golden Visa'] }, '2', '750000', '6'],
  },
  {
    phone: '971501110004',
    name: 'Иван Петров',
    daysAgo: 3,
    steps: ['hi', '2', '1,200,000', '3', 'Ivan Petrov', 'ivan@example.com'],
  },
  { phone: '971501110005', name: 'Chen Wei', daysAgo: 4, steps: ['hi', '5'] },
  { phone: '971501110006', name: 'Priya Sharma', daysAgo: 5, steps: ['hi', '2', '80000', '6'] },
  { phone: '971501110007', name: 'Lucas Martin', daysAgo: 6, steps: ['hi'] },
  // Asks for a person today (menu option 7): the inbox shows him waiting.
  { phone: '971501110009', name: 'Karim Nasser', daysAgo: 0, steps: ['hi', '7'] },
  { phone: '971501110008', name: 'Sofia Rossi', daysAgo: 2, steps: ['hi', '3', 'Sofia Rossi', 'sofia@example.com'] },
];

async function say(app: ConsoleApp, phone: string, name: string, step: Step): Promise<void> {
  const message = typeof step === 'string' ? textMessage(phone, step) : listReply(phone, step.list[0], step.list[1]);
  const status = await app.post(envelope({ messages: [message], name }));
  if (status !== 200) throw new Error(`webhook answered ${status}`);
  await app.idle();
}

/** Moves one person's rows back by whole days, so the chart has a week to show. */
async function backdate(app: ConsoleApp, phone: string, days: number): Promise<void> {
  if (days === 0) return;
  const db = app.runtime.deps.db;
  const d = days * DAY_MS;
  await sql`update whatsapp_sessions set created_at = created_at - ${d}, last_activity = last_activity - ${d} where phone = ${phone}`.execute(
    db,
  );
  await sql`update whatsapp_messages set timestamp = timestamp - ${d}, created_at = created_at - ${d}, sent_at = sent_at - ${d} where phone = ${phone}`.execute(
    db,
  );
  await sql`update whatsapp_leads set created_at = created_at - ${d}, updated_at = updated_at - ${d} where phone = ${phone}`.execute(
    db,
  );
  await sql`update conversation_events set created_at = created_at - ${d} where phone = ${phone}`.execute(db);
}

async function seed(app: ConsoleApp): Promise<{ leadId: number; phone: string }> {
  for (const p of PEOPLE) for (const s of p.steps) await say(app, p.phone, p.name, s);
  const db = app.runtime.deps.db;
  // Delivery ticks: most replies delivered or read, one failed with Meta's error.
  const out = await db
    .selectFrom('whatsapp_messages')
    .select(['message_id', 'phone'])
    .where('direction', '=', 'outgoing')
    .where('type', '<>', 'read')
    .orderBy('id')
    .execute();
  const statuses = out.map((m, i) =>
    i === 3
      ? statusUpdate(m.message_id!, 'failed', m.phone, { code: 131026, title: 'Message undeliverable' })
      : statusUpdate(m.message_id!, i % 3 === 0 ? 'delivered' : 'read', m.phone),
  );
  await app.post(envelope({ statuses }));
  await app.idle();
  for (const p of PEOPLE) await backdate(app, p.phone, p.daysAgo);

  const lead = await db
    .selectFrom('whatsapp_leads')
    .select('id')
    .where('phone', '=', PEOPLE[0]!.phone)
    .executeTakeFirstOrThrow();
  const admin = await db
    .selectFrom('console_operators')
    .select('id')
    .where('email', '=', ADMIN)
    .executeTakeFirstOrThrow();
  const actor = `operator:${admin.id}`;
  const now = Date.now();
  await setLeadStatus(db, { id: lead.id, status: 'contacted', actor, now });
  await assignLead(db, { id: lead.id, assigneeId: String(admin.id), actor, now: now + 1 });
  await addLeadNote(db, {
    id: lead.id,
    text: 'Called her: prefers Portugal; sending the brochure today.',
    actor,
    now: now + 2,
  });
  // A second submission that changes the name, so the history shows what changed.
  for (const s of ['3', 'Ana M. Silva', 'ana@example.com']) await say(app, PEOPLE[0]!.phone, PEOPLE[0]!.name, s);
  return { leadId: lead.id, phone: PEOPLE[0]!.phone };
}

async function shoot(browser: Browser, app: ConsoleApp, pages: { name: string; path: string }[]): Promise<string[]> {
  const written: string[] = [];
  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, app.url);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    for (const p of pages) {
      await page.goto(`${app.url}${p.path}`);
      if (p.name === 'dashboard') await page.locator('#daily-chart canvas').waitFor();
      const file = `${OUT}${p.name}-${device}.png`;
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
    }
    await context.close();
  }
  return written;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const { leadId, phone } = await seed(app);
    const files = await shoot(browser, app, [
      { name: 'dashboard', path: '/console/dashboard?period=7d' },
      { name: 'leads', path: '/console/leads' },
      { name: 'lead', path: `/console/leads/${leadId}` },
      { name: 'conversation', path: `/console/conversations/${phone}` },
      { name: 'catalogue', path: '/console/catalogue' },
      { name: 'inbox', path: '/console/inbox' },
      { name: 'handoff', path: '/console/conversations/971501110009' },
    ]);
    for (const f of files) process.stdout.write(`wrote ${f}\n`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
