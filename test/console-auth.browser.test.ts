import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DB_KINDS } from './helpers/test-db.js';
import { ADMIN, launchBrowser, signIn, startConsoleApp, VIEWER, type ConsoleApp } from './helpers/console-browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe.each(DB_KINDS)('console sign-in and roles (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('refuses a wrong password, signs in with the right one, and signing out ends the session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/console/conversations`);
    expect(new URL(page.url()).pathname).toBe('/console/login');

    await signIn(page, app.url, ADMIN, 'not the password at all');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');

    await signIn(page, app.url, ADMIN);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'nexora_console');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The old cookie, replayed, no longer opens anything: the session row is gone.
    const replay = await fetch(`${app.url}/console/conversations`, {
      headers: { cookie: `nexora_console=${session?.value}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/console/login');
    await context.close();
  });

  it('rejects a state-changing request without the CSRF token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, ADMIN);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const status = await page.evaluate(async () => {
      const res = await fetch('/console/operators/disable', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=viewer%40nexora.test',
      });
      return res.status;
    });
    expect(status).toBe(403);
    const viewer = await app.bot.runtime.deps.db
      .selectFrom('console_operators')
      .select('disabled')
      .where('email', '=', VIEWER)
      .executeTakeFirstOrThrow();
    expect(viewer.disabled).toBe(0);
    await context.close();
  });

  it('refuses a viewer an admin action', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, VIEWER);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect(page.getByRole('link', { name: 'Operators' }).count()).resolves.toBe(0);
    const res = await page.goto(`${app.url}/console/operators`);
    expect(res?.status()).toBe(403);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('needs the admin role');
    // Posting with a valid token is refused too: the role is checked on the server, not only in the menu.
    const status = await page.evaluate(async () => {
      const res = await fetch('/console/operators/disable', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-csrf-token': document.body.dataset.csrf ?? '',
        },
        body: 'email=admin%40nexora.test',
      });
      return res.status;
    });
    expect(status).toBe(403);
    await context.close();
  });

  it(
    'lets an admin add an operator, reset their password and disable them, ending their sessions each time',
    { timeout: 120_000 },
    async () => {
      const NEW = 'nadia@nexora.test';
      const first = 'nadia first passphrase';
      const second = 'nadia second passphrase';
      const adminContext = await browser.newContext();
      const admin = await adminContext.newPage();
      await signIn(admin, app.url, ADMIN);
      await admin.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await admin.getByRole('link', { name: 'Operators' }).click();
      await admin.getByRole('heading', { name: 'Operators' }).waitFor();
      const addForm = admin.locator('section', { has: admin.getByRole('heading', { name: 'Add an operator' }) });
      await addForm.getByLabel('E-mail').fill(NEW);
      await addForm.getByLabel('Display name').fill('نادية Nadia');
      await addForm.getByLabel('Role').selectOption('consultant');
      await addForm.getByLabel('Password (at least 12 characters)').fill(first);
      await addForm.getByRole('button', { name: 'Add operator' }).click();
      await expect.poll(() => admin.getByRole('status').textContent()).toBe(`Added ${NEW} as consultant.`);
      await expect(admin.getByRole('row', { name: new RegExp(NEW) }).textContent()).resolves.toContain('active');

      const nadiaContext = await browser.newContext();
      const nadia = await nadiaContext.newPage();
      await signIn(nadia, app.url, NEW, first);
      await nadia.getByRole('heading', { name: 'Dashboard' }).waitFor();

      const resetForm = admin.locator('section', { has: admin.getByRole('heading', { name: 'Reset a password' }) });
      await resetForm.getByLabel('E-mail').fill(NEW);
      await resetForm.getByLabel('New password').fill(second);
      await resetForm.getByRole('button', { name: 'Set new password' }).click();
      await expect.poll(() => admin.getByRole('status').textContent()).toBe(`New password set for ${NEW}.`);
      // Her open session ended with the old password, and the old password no longer signs in.
      await nadia.reload();
      await nadia.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signIn(nadia, app.url, NEW, first);
      await expect.poll(() => nadia.getByRole('alert').textContent()).toContain('do not match');
      await signIn(nadia, app.url, NEW, second);
      await nadia.getByRole('heading', { name: 'Dashboard' }).waitFor();

      await admin.getByRole('button', { name: `Disable ${NEW}` }).click();
      await expect
        .poll(() => admin.getByRole('status').textContent())
        .toBe(`Disabled ${NEW}; their sessions have ended.`);
      await expect(admin.getByRole('row', { name: new RegExp(NEW) }).textContent()).resolves.toContain('disabled');
      await admin.getByRole('button', { name: `Enable ${NEW}` }).waitFor();
      await nadia.reload();
      await nadia.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signIn(nadia, app.url, NEW, second);
      await expect.poll(() => nadia.getByRole('alert').textContent()).toContain('do not match');

      const db = app.bot.runtime.deps.db;
      const adminRow = await db
        .selectFrom('console_operators')
        .select('id')
        .where('email', '=', ADMIN)
        .executeTakeFirstOrThrow();
      const nadiaRow = await db
        .selectFrom('console_operators')
        .select(['id', 'display_name', 'role'])
        .where('email', '=', NEW)
        .executeTakeFirstOrThrow();
      expect(nadiaRow).toMatchObject({ display_name: 'نادية Nadia', role: 'consultant' });
      const audit = (await db.selectFrom('audit_log').select(['action', 'actor', 'details']).orderBy('id').execute())
        .filter((r) => (JSON.parse(r.details) as { subject?: string }).subject === `operator:${nadiaRow.id}`)
        .map(({ action, actor }) => ({ action, actor }));
      expect(audit).toEqual(
        ['add_operator', 'reset_operator_password', 'disable_operator'].map((action) => ({
          action,
          actor: `operator:${adminRow.id}`,
        })),
      );
      await adminContext.close();
      await nadiaContext.close();
    },
  );
});
