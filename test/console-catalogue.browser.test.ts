import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DB_KINDS } from './helpers/test-db.js';
import {
  ADMIN,
  CONSULTANT,
  launchBrowser,
  signIn,
  startConsoleApp,
  type ConsoleApp,
} from './helpers/console-browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe.each(DB_KINDS)('console catalogue (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
  });
  afterAll(async () => {
    await app.stop();
  });

  const programNamed = (name: string) =>
    app.bot.runtime.deps.db.selectFrom('investment_programs').selectAll().where('name', '=', name).executeTakeFirst();

  it('an admin adds, edits and removes a program; a bad field is explained next to it', async () => {
    const page = await (await browser.newContext()).newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, app.url, ADMIN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
    const add = page.getByRole('region', { name: 'Add a program' });
    await add.getByLabel('Name', { exact: true }).fill('Test Residency by Investment');
    await add.getByLabel('Country', { exact: true }).fill('Testland');
    await add.getByLabel('Category (as the menu names it)').fill('Europe Golden Visa');
    await add.getByLabel('Minimum investment (whole USD)').fill('250,000');
    await add.getByLabel('Rank within the category (1 = first)').fill('9');
    await add.getByLabel('Link (https://)').fill('http://example.com/test');
    await add.getByRole('button', { name: 'Add program' }).click();

    // Refused: the link must be https:, said next to the link field; what was typed is kept.
    const link = page.getByRole('region', { name: 'Add a program' }).getByLabel('Link (https://)');
    expect(await link.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await link.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('https://');
    expect(
      await page.getByRole('region', { name: 'Add a program' }).getByLabel('Country', { exact: true }).inputValue(),
    ).toBe('Testland');
    expect(await programNamed('Test Residency by Investment')).toBeUndefined();

    await link.fill('https://example.com/test');
    await page.getByRole('button', { name: 'Add program' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved: Test Residency by Investment');
    expect((await programNamed('Test Residency by Investment'))?.minimum_investment).toBe(250000);

    await page.getByRole('link', { name: 'Edit Test Residency by Investment' }).click();
    await page.getByLabel('Minimum investment (whole USD)').fill('two hundred');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.getByLabel('Minimum investment (whole USD)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Minimum investment (whole USD)').fill('200000');
    await page.getByLabel('Processing time').fill('4-6 months');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved: Test Residency by Investment');
    const row = page.getByRole('table', { name: 'Programs' }).getByRole('row', { name: /Test Residency/ });
    expect(await row.textContent()).toContain('$200,000');
    expect(await row.textContent()).toContain('4-6 months');

    await page.getByRole('button', { name: 'Remove Test Residency by Investment' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Removed: Test Residency by Investment');
    expect(await programNamed('Test Residency by Investment')).toBeUndefined();
    await page.context().close();
  });

  it('a consultant reads the catalogue but cannot change it', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, CONSULTANT);
    await page.goto(`${app.url}/console/catalogue`);
    await page.getByRole('table', { name: 'Programs' }).waitFor();
    expect(await page.getByRole('region', { name: 'Add a program' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    const first = await app.bot.runtime.deps.db
      .selectFrom('investment_programs')
      .select('name')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const status = await page.evaluate(async (name) => {
      const res = await fetch(`/console/catalogue/${encodeURIComponent(name)}/remove`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-csrf-token': document.body.dataset.csrf ?? '',
        },
        body: '',
      });
      return res.status;
    }, first.name);
    expect(status).toBe(403);
    expect(await programNamed(first.name)).toBeDefined();
    await page.context().close();
  });
});
