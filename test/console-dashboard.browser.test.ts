import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rateAt } from '../src/pipeline/adaptive-rate.js';
import { deleteState, STATE_SEND_BREAKER, STATE_SEND_RATE, writeState } from '../src/store/service-state.js';
import { envelope, listReply, textMessage } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';
import { fixture } from './helpers/webhook-fixture.js';
import type { TestBot } from './helpers/test-bot.js';
import { ADMIN, launchBrowser, signIn, startConsoleApp, VIEWER, type ConsoleApp } from './helpers/console-browser.js';

const U = ['971500000301', '971500000302', '971500000303', '971500000304', '971500000305'];

/** One message through the signed webhook, then wait for the bot (generous: the test machines are shared). */
async function say(bot: TestBot, message: { from: string } & Record<string, unknown>): Promise<void> {
  const res = await bot.post(envelope({ messages: [message as never] }));
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  await bot.idle(30_000);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The figure a definition list shows under a label (each <dd> is labelled by its <dt>). */
const figure = (page: Page, label: string) => page.getByLabel(label, { exact: true }).textContent();

/** The cells of one row of a table, by the row's header. */
async function row(page: Page, table: string, header: string): Promise<string[]> {
  const r = page.getByRole('table', { name: table }).getByRole('row', { name: header });
  return (await r.getByRole('cell').allTextContents()).map((t) => t.trim());
}

describe.each(DB_KINDS)('console dashboard (%s)', (kind) => {
  let app: ConsoleApp;
  let sends = 0;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
    const bot = app.bot;
    // Five people through the real webhook: one says hi; one explores Europe; one checks $300k and
    // leaves a lead; one checks $50k and takes the brochure; one asks for the booking link.
    await say(bot, textMessage(U[0]!, 'hi'));
    await say(bot, textMessage(U[1]!, '1'));
    await say(bot, listReply(U[1]!, 'cat:A', 'Europe Golden Visa'));
    for (const t of ['2', '$300,000', '3', 'Ana Silva', 'ana@example.com']) await say(bot, textMessage(U[2]!, t));
    for (const t of ['2', '50000', '6']) await say(bot, textMessage(U[3]!, t));
    await say(bot, textMessage(U[4]!, '5'));
    sends = U.reduce((n, u) => n + bot.sentTo(u).length, 0);
  }, 120_000);
  afterAll(async () => {
    await app.stop();
  });

  it('shows the figures the scripted conversations produced, for today and the last 7 days', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, VIEWER);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await figure(page, 'New users')).toBe('5');
    expect(await figure(page, 'Active conversations')).toBe('5');
    expect(await figure(page, 'Messages in')).toBe('12');
    expect(await figure(page, 'Messages out')).toBe(String(sends));
    expect(await figure(page, 'Leads')).toBe('1');

    expect(await row(page, 'Funnel', 'Sent a first message')).toEqual(['5', '0', '100 %']);
    expect(await row(page, 'Funnel', 'Chose a menu option')).toEqual(['4', '1', '80 %']);
    expect(await row(page, 'Funnel', 'Started the consultant form')).toEqual(['1', '3', '25 %']);
    expect(await row(page, 'Funnel', 'Became a lead')).toEqual(['1', '0', '100 %']);
    expect(await row(page, 'Menu options', '2. Check Eligibility')).toEqual(['2', '2']);
    expect((await row(page, 'Budgets people typed', '$250k–$500k')).slice(0, 1)).toEqual(['1']);
    expect((await row(page, 'Budgets people typed', 'under $100k')).slice(0, 1)).toEqual(['1']);
    expect(await figure(page, 'Sent')).toBe(String(sends));
    expect(await figure(page, 'Circuit breaker')).toContain('closed');
    expect(await figure(page, 'Send rate')).toBe('no limit');

    // The chart is drawn by uPlot from the JSON block (under the strict CSP: no inline script).
    await page.locator('#daily-chart canvas').waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const rt = page.getByRole('table', { name: 'Bot response time' }).getByRole('row', { name: today });
    expect((await rt.getByRole('cell').allTextContents())[1]).toBe('12');

    await page.getByLabel('Period', { exact: true }).selectOption('today');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/period=today/);
    expect(await figure(page, 'New users')).toBe('5');
    await page.context().close();
  });

  it('shows an open circuit breaker and a send rate cut after Meta throttled us', async () => {
    const db = app.bot.runtime.deps.db;
    const now = Date.now();
    // As the sender leaves them in the rows every instance shares: the breaker open for 10 minutes,
    // the rate cut to 5 per second just now (Meta was admitting about 5.3).
    const reason = 'most recent sends to 7 users failed';
    await writeState(
      db,
      STATE_SEND_BREAKER,
      { state: 'open', until: now + 600_000, openMs: 600_000, openedAt: now, probeUntil: 0, reason },
      now,
    );
    const cut = { rate: 5, since: now, limit: 5.3 };
    await writeState(db, STATE_SEND_RATE, cut, now);
    try {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, app.url, VIEWER);
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      const breaker = await figure(page, 'Circuit breaker');
      expect(breaker).toContain('open: sending is held back after repeated failures (until ');
      expect(breaker).toContain(`: ${reason}`);
      const rate = (await figure(page, 'Send rate')) ?? '';
      const shownBy = Date.now();
      expect(rate).toMatch(/^\d+(\.\d)? messages per second, slowed down after Meta throttled us$/);
      // 5 per second when cut, recovering (by 3% a second) while the shared machine loads the page.
      expect(Number.parseFloat(rate)).toBeGreaterThanOrEqual(5);
      expect(Number.parseFloat(rate)).toBeLessThanOrEqual(Math.ceil(rateAt(cut, shownBy, 0) * 10) / 10);
      await page.context().close();
    } finally {
      await deleteState(db, STATE_SEND_BREAKER);
      await deleteState(db, STATE_SEND_RATE);
    }
  });

  it('takes a custom range, and explains a bad one next to the dates', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    // Script errors and CSP refusals (a refused inline script or style is reported on the console).
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/i.test(m.text())) errors.push(m.text());
    });
    await signIn(page, app.url, ADMIN);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption('custom');
    await page.getByLabel('From (custom range)').fill('2020-01-01');
    await page.getByLabel('To (custom range)').fill('2020-01-03');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/period=custom/);
    expect(await figure(page, 'New users')).toBe('0');
    await page.getByText('The numbers per day').click();
    expect(await page.getByRole('table', { name: 'New users and leads per day' }).getByRole('row').count()).toBe(4);

    await page.getByLabel('From (custom range)').fill('2020-01-05');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('must end on or after its first day');
    // No CSP violation or script error on the way.
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("counts the period's leads per source: the Click-to-WhatsApp ad and direct, in an accessible table", async () => {
    // A person comes from the ad (Meta's referral fixture) and leaves a lead through a Flow.
    for (const name of ['referral-ad', 'interactive-nfm-reply']) {
      const res = await app.bot.post(fixture(name));
      expect(res.status).toBe(200);
      await app.bot.idle(30_000);
    }
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, VIEWER);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await figure(page, 'Leads')).toBe('2');
    const table = page.getByRole('table', { name: 'Leads by source' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Source', 'Ad id', 'Leads']);
    expect(await row(page, 'Leads by source', 'ad Golden Visa in 90 days')).toEqual(['120200000000001', '1']);
    expect(await row(page, 'Leads by source', 'direct')).toEqual(['—', '1']);
    expect(await table.getByRole('row').count()).toBe(3);
    // A period without leads says so instead of an empty table.
    await page.getByLabel('Period', { exact: true }).selectOption('custom');
    await page.getByLabel('From (custom range)').fill('2020-01-01');
    await page.getByLabel('To (custom range)').fill('2020-01-03');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/period=custom/);
    expect(await page.getByRole('table', { name: 'Leads by source' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Leads by source' }).textContent()).toContain(
      'No lead in this period.',
    );
    await page.context().close();
  });
});
