// The agent inbox in the real Chromium, on both databases: what a consultant does with a client who
// asked for a person, from the moment the request appears until the bot answers again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { envelope, textMessage } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';
import { bodyText } from './helpers/test-bot.js';
import { CONSULTANT, launchBrowser, signIn, startConsoleApp, type ConsoleApp } from './helpers/console-browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe.each(DB_KINDS)('the agent inbox (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('a consultant sees a request appear live, claims it, replies once, sees the tick, resolves, and the bot answers again', async () => {
    const user = '971500000303';
    const reply = 'Hello, this is Karim from Nexora. How can I help?';
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, CONSULTANT);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    const waiting = page.getByRole('region', { name: 'Waiting for a consultant' });
    await expect.poll(() => waiting.textContent()).toContain('Nobody is waiting.');

    await app.bot.post(envelope({ messages: [textMessage(user, 'I want to talk to a consultant')], name: 'Laila' }));
    await app.bot.idle(30_000);
    // Live: the page was not reloaded.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await expect.poll(() => waiting.textContent(), { timeout: 5_000 }).toContain(`+${user}`);
    expect(await waiting.textContent()).toContain('1 unread');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    await waiting.getByRole('button', { name: `Claim +${user}` }).click();
    const box = page.getByRole('region', { name: 'Reply' });
    await expect.poll(() => box.textContent()).toContain(`Owned by ${CONSULTANT}`);
    expect(await box.textContent()).toMatch(/Free-form replies are allowed for (23 h|24 h)/);

    const before = app.bot.sentTo(user).length;
    await box.getByLabel('Your reply').fill(reply);
    await box.getByRole('button', { name: 'Send reply' }).click();
    await app.bot.idle(30_000);
    const sent = app.bot.sentTo(user).slice(before);
    expect(sent.map(bodyText)).toEqual([reply]);
    const row = await app.bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['operator', 'status'])
      .where('phone', '=', user)
      .where('message', '=', reply)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ operator: CONSULTANT, status: 'sent' });
    await page.reload();
    await expect.poll(() => page.locator('.tick').last().textContent()).toBe('✓ sent');

    await page.getByRole('button', { name: 'Resolve: hand back to the bot' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Reply' }).textContent())
      .toContain('The bot is answering');
    const back = app.bot.sentTo(user).length;
    await app.bot.post(envelope({ messages: [textMessage(user, 'thanks')] }));
    await app.bot.idle(30_000);
    expect(app.bot.sentTo(user).slice(back).map(bodyText).join('\n')).toContain('Explore Residency Programs');
    expect(app.bot.sentTo(user).filter((r) => bodyText(r) === reply)).toHaveLength(1);
    await page.context().close();
  });

  it('a client who sent STOP gets no reply box, only the reason, until they write START', async () => {
    const user = '971500000304';
    await app.bot.post(envelope({ messages: [textMessage(user, 'agent')], name: 'Omar' }));
    await app.bot.post(envelope({ messages: [textMessage(user, 'STOP')] }));
    await app.bot.idle(30_000);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, CONSULTANT);
    await page.goto(`${app.url}/console/conversations/${user}`);
    const box = page.getByRole('region', { name: 'Reply' });
    await expect.poll(() => box.textContent()).toContain('The client sent STOP');
    expect(await box.getByLabel('Your reply').count()).toBe(0);
    expect(await box.getByText('Send a template').count()).toBe(0);

    await app.bot.post(envelope({ messages: [textMessage(user, 'START')] }));
    await app.bot.idle(30_000);
    await page.reload();
    await expect.poll(() => box.getByLabel('Your reply').count()).toBe(1);
    expect(await box.textContent()).not.toContain('The client sent STOP');
    await page.context().close();
  });
});
