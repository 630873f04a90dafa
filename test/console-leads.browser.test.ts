import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { envelope, textMessage } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';
import { fixture } from './helpers/webhook-fixture.js';
import type { TestBot } from './helpers/test-bot.js';
import {
  ADMIN,
  CONSULTANT,
  launchBrowser,
  signIn,
  startConsoleApp,
  VIEWER,
  type ConsoleApp,
} from './helpers/console-browser.js';

const ANA = '971500000401';
const LAYLA = '971500000402';

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

describe.each(DB_KINDS)('console leads (%s)', (kind) => {
  let app: ConsoleApp;
  let anaId = 0;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
    // Two leads through the real webhook; Ana checks a budget first and then corrects her name.
    for (const t of ['2', '$300,000', '3', 'Ana Silva', 'ana@example.com']) await say(app.bot, textMessage(ANA, t));
    for (const t of ['3', 'Ana M. Silva', 'ana@example.com']) await say(app.bot, textMessage(ANA, t));
    for (const t of ['3', 'ليلى حداد', 'layla@example.com']) await say(app.bot, textMessage(LAYLA, t));
    const row = await app.bot.runtime.deps.db
      .selectFrom('whatsapp_leads')
      .select('id')
      .where('phone', '=', ANA)
      .executeTakeFirstOrThrow();
    anaId = Number(row.id);
  }, 120_000);
  afterAll(async () => {
    await app.stop();
  });

  it('finds leads by search, filter and sort, and opens one by keyboard', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, VIEWER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    const table = page.getByRole('table', { name: 'Leads' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    // Sorted by score, Ana (budget checked) comes before Layla.
    await page.getByLabel('Sort by').selectOption('score_desc');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => table.getByRole('link').allTextContents()).toEqual(['Ana M. Silva', 'ليلى حداد']);
    expect(await table.getByRole('link', { name: 'ليلى حداد' }).getAttribute('dir')).toBe('auto');

    await page.getByLabel('Search name, phone or e-mail').fill('layla@');
    await expect.poll(() => table.getByRole('link').allTextContents()).toEqual(['ليلى حداد']);
    await page.getByLabel('Search name, phone or e-mail').fill('');
    await page.getByLabel('Score at least').fill('30');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => table.getByRole('link').allTextContents()).toEqual(['Ana M. Silva']);
    await page.getByLabel('Status').selectOption('won');
    await expect.poll(() => page.getByText('No lead matches these filters.').count()).toBe(1);

    await page.goto(`${app.url}/console/leads`);
    const link = page.getByRole('link', { name: 'Ana M. Silva' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Ana M\. Silva/ }).waitFor();
    // Every point of the score has its reason; the history shows what the second submission changed.
    expect(await page.getByRole('table', { name: 'Why this score' }).getByRole('row').count()).toBeGreaterThan(2);
    const history = page.getByRole('region', { name: 'History' });
    expect(await history.textContent()).toContain('Submitted again, changed:');
    expect(await history.getByRole('deletion').textContent()).toBe('Ana Silva');
    expect(await history.getByRole('insertion').last().textContent()).toBe('Ana M. Silva');
    await page.context().close();
  });

  it('a consultant changes the status, assigns the lead and adds a note, and all of it persists', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, CONSULTANT);
    await page.goto(`${app.url}/console/leads/${anaId}`);
    await page.getByLabel('New status').selectOption('contacted');
    await page.getByRole('button', { name: 'Save status' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Status saved.');
    await page.getByLabel('Assign to').selectOption({ label: 'Karim Consultant (consultant)' });
    await page.getByRole('button', { name: 'Save assignee' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Assignee saved.');
    await page.getByLabel('New note').fill('Called her: wants Portugal, will send the brochure');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Note added.');

    await page.reload();
    expect(await page.getByLabel('Status', { exact: true }).textContent()).toBe('contacted');
    expect(await page.getByLabel('Assignee', { exact: true }).textContent()).toBe('Karim Consultant');
    const notes = page.getByRole('region', { name: 'Notes' });
    expect(await notes.textContent()).toContain('wants Portugal');
    expect(await notes.textContent()).toContain('Karim Consultant');
    const history = await page.getByRole('region', { name: 'History' }).textContent();
    expect(history).toContain('Status new → contacted');
    expect(history).toContain('Assignee nobody → Karim Consultant');

    // An empty note is refused, with the reason next to the field.
    await page.getByLabel('New note').fill('   ');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.locator('#note-error').textContent()).toBe('a note needs some text');
    expect(await page.getByLabel('New note').getAttribute('aria-invalid')).toBe('true');

    const db = app.bot.runtime.deps.db;
    const me = await db
      .selectFrom('console_operators')
      .select('id')
      .where('email', '=', CONSULTANT)
      .executeTakeFirstOrThrow();
    const audit = await db.selectFrom('audit_log').select('action').where('actor', '=', `operator:${me.id}`).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['lead_status', 'lead_assigned', 'lead_note']));
    await page.context().close();
  });

  it('a viewer reads a lead without edit buttons, and the server refuses an edit', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, VIEWER);
    await page.goto(`${app.url}/console/leads/${anaId}`);
    await page.getByRole('heading', { name: 'Score' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save status' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download CSV' }).count()).toBe(0);
    const before = await page.getByLabel('Status', { exact: true }).textContent();
    const status = await page.evaluate(async (id) => {
      const res = await fetch(`/console/leads/${id}/status`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-csrf-token': document.body.dataset.csrf ?? '',
        },
        body: 'status=lost',
      });
      return res.status;
    }, anaId);
    expect(status).toBe(403);
    await page.reload();
    expect(await page.getByLabel('Status', { exact: true }).textContent()).toBe(before);
    expect((await page.goto(`${app.url}/console/leads.csv`))?.status()).toBe(403);
    await page.context().close();
  });

  it('an admin downloads the leads as CSV (the same CSV as the API), audited', async () => {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, app.url, ADMIN);
    await page.goto(`${app.url}/console/leads`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'id,phone,name,email,interest,budget,countryOfInterest,notes,createdAt,updatedAt,source,sourceId',
    );
    expect(lines).toHaveLength(3);
    expect(csv).toContain('Ana M. Silva');
    expect(csv).toContain('ليلى حداد');
    const audit = await app.bot.runtime.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'export_leads')
      .execute();
    expect(audit).toHaveLength(1);
    await page.context().close();
  });

  it('shows where a lead came from: the source column and filter, the ad on the lead page, the CSV', async () => {
    // Ana Test comes from a Click-to-WhatsApp ad (Meta's referral fixture) and leaves a lead through a Flow.
    for (const name of ['referral-ad', 'interactive-nfm-reply']) {
      const res = await app.bot.post(fixture(name));
      expect(res.status).toBe(200);
      await app.bot.idle(30_000);
    }
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, app.url, ADMIN);
    await page.goto(`${app.url}/console/leads`);
    const table = page.getByRole('table', { name: 'Leads' });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    const sourceOf = async (name: string) => {
      const r = table.getByRole('row', { name: new RegExp(name) });
      return r.locator('td[data-label="Source"]').textContent();
    };
    expect(await sourceOf('Ana Test')).toBe('ad Golden Visa in 90 days');
    expect(await sourceOf('Ana M. Silva')).toBe('direct');
    expect(await table.getByRole('columnheader', { name: 'Source' }).count()).toBe(1);

    await page.getByLabel('Source').selectOption('ad Golden Visa in 90 days');
    await expect.poll(() => table.getByRole('link').allTextContents()).toEqual(['Ana Test']);
    await expect.poll(() => page.url()).toContain('source=ad%20Golden%20Visa');
    // The CSV link keeps the source filter: only the ad's lead, with its source and ad id.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,Ana Test,ana@example\.test,.*,ad Golden Visa in 90 days,120200000000001$/);
    await page.getByLabel('Source').selectOption('direct');
    await expect.poll(() => table.getByRole('link').allTextContents()).toEqual(['ليلى حداد', 'Ana M. Silva']);

    await page.goto(`${app.url}/console/leads`);
    await table.getByRole('link', { name: 'Ana Test' }).click();
    await page.getByRole('heading', { name: /Ana Test/ }).waitFor();
    expect(await page.getByLabel('Source', { exact: true }).textContent()).toBe('ad Golden Visa in 90 days');
    const ad = page.getByRole('region', { name: 'The ad they came from' });
    expect(await ad.getByLabel('Headline').textContent()).toBe('Golden Visa in 90 days');
    expect(await ad.getByLabel('Text').textContent()).toBe('Residency for investors from $545k');
    expect(await ad.getByLabel('Kind').textContent()).toBe('ad (image)');
    expect(await ad.getByLabel('Ad id').textContent()).toBe('120200000000001');
    expect(await ad.getByRole('link', { name: 'https://fb.me/FAKEAD' }).getAttribute('href')).toBe(
      'https://fb.me/FAKEAD',
    );
    expect(await ad.getByLabel('Click id (ctwa_clid)').textContent()).toBe('FAKE_CTWA_CLID_1');
    // A direct lead shows its source and no ad.
    await page.goto(`${app.url}/console/leads/${anaId}`);
    expect(await page.getByLabel('Source', { exact: true }).textContent()).toBe('direct');
    expect(await page.getByRole('region', { name: 'The ad they came from' }).count()).toBe(0);
    await page.context().close();
  });
});
