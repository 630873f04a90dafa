// Browser tests of the console: the real app on a loopback port (its database of either kind), real
// operators, and Debian's Chromium driven by playwright-core (its own browser download is never used).
import type { Page } from 'playwright-core';
import type { DbKind } from '../../src/store/create-db.js';
import { addOperator } from '../../src/ops/operators.js';
import { startTestBot, type TestBot } from './test-bot.js';

export const PASSWORD = 'correct horse battery staple';
export const ADMIN = 'admin@nexora.test';
export const VIEWER = 'viewer@nexora.test';
export const CONSULTANT = 'consultant@nexora.test';

export { launchBrowser } from './chromium.js';

export interface ConsoleApp {
  bot: TestBot;
  url: string;
  stop(): Promise<void>;
}

/** The whole bot (workers included) listening on 127.0.0.1, with an admin, a consultant and a viewer. */
export async function startConsoleApp(kind: DbKind): Promise<ConsoleApp> {
  const bot = await startTestBot(kind);
  const now = Date.now();
  await addOperator(
    bot.runtime.deps.db,
    { email: ADMIN, display_name: 'Amira Admin', role: 'admin', password: PASSWORD },
    now,
  );
  await addOperator(
    bot.runtime.deps.db,
    { email: VIEWER, display_name: 'Victor Viewer', role: 'viewer', password: PASSWORD },
    now,
  );
  await addOperator(
    bot.runtime.deps.db,
    { email: CONSULTANT, display_name: 'Karim Consultant', role: 'consultant', password: PASSWORD },
    now,
  );
  const url = await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  return { bot, url, stop: () => bot.stop() };
}

export async function signIn(page: Page, url: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${url}/console/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
