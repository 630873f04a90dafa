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
    await page.getByRole('heading', { name: 'Conversations' }).waitFor();
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
    await page.getByRole('heading', { name: 'Conversations' }).waitFor();
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
    await page.getByRole('heading', { name: 'Conversations' }).waitFor();
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
});
