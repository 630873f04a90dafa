import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { envelope, statusUpdate, textMessage } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';
import { ADMIN, launchBrowser, signIn, startConsoleApp, type ConsoleApp } from './helpers/console-browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe.each(DB_KINDS)('console conversations and data protection (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('shows the timeline, and a status webhook turns the tick into "read" without a reload', async () => {
    const user = '971500000101';
    await app.bot.post(envelope({ messages: [textMessage(user, 'مرحبا')], name: 'ليلى' }));
    await app.bot.idle(30_000);
    const reply = await app.bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['message_id'])
      .where('phone', '=', user)
      .where('direction', '=', 'outgoing')
      .where('type', '<>', 'read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(reply.message_id).toBeTruthy();

    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, ADMIN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
    await page.getByLabel('Search by phone or name').fill('0101');
    await page.getByRole('link', { name: /\+971500000101/ }).click();
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
    // The heading shows the WhatsApp profile name, in its own direction inside the English page.
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading.locator('span[dir="auto"]').textContent()).resolves.toBe('ليلى');
    await expect(heading.textContent()).resolves.toContain('+971500000101');
    await expect.poll(() => page.getByText('مرحبا').count()).toBe(1);
    const ticks = page.locator('.tick');
    await expect.poll(() => ticks.last().textContent()).toBe('✓ sent');
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const res = await app.bot.post(envelope({ statuses: [statusUpdate(reply.message_id ?? '', 'read', user)] }));
    expect(res.status).toBe(200);
    await expect.poll(() => ticks.last().textContent(), { timeout: 2_000 }).toBe('✓✓ read');
    // Same document: the page updated itself, it was not reloaded.
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await page.context().close();
  });

  it('turns web addresses in messages into links that open apart, and nothing else', async () => {
    const user = '971500000102';
    const text = 'My lawyer: https://law.example.com/case?id=7. Not this: javascript:alert(1) <b>x</b>';
    await app.bot.post(envelope({ messages: [textMessage(user, text)], name: 'Rami' }));
    await app.bot.idle(30_000);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, ADMIN);
    await page.goto(`${app.url}/console/conversations/${user}`);
    const message = page.getByRole('region', { name: 'Timeline' }).locator('.msg.in .text').first();
    await expect.poll(() => message.textContent()).toBe(text);
    const links = message.getByRole('link');
    expect(await links.count()).toBe(1);
    expect(await links.textContent()).toBe('https://law.example.com/case?id=7');
    expect(await links.getAttribute('href')).toBe('https://law.example.com/case?id=7');
    expect(await links.getAttribute('target')).toBe('_blank');
    expect(await links.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await message.locator('b').count()).toBe(0);
    await page.context().close();
  });

  it('exports and then deletes a person, with confirmation, audited under the operator', async () => {
    const user = '971500000202';
    await app.bot.post(envelope({ messages: [textMessage(user, 'hello')] }));
    await app.bot.idle(30_000);
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, app.url, ADMIN);
    await page.goto(`${app.url}/console/people/${user}`);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export data' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as { phone: string; messages: unknown[] };
    expect(exported.phone).toBe(user);
    expect(exported.messages.length).toBeGreaterThan(0);

    await page.getByLabel(/Type the phone number/).fill('123');
    await page.getByRole('button', { name: 'Delete this person' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Nothing was deleted');

    // A phone number may be typed as people write it.
    await page.getByLabel(/Type the phone number/).fill('+971 50 000 0202');
    await page.getByRole('button', { name: 'Delete this person' }).click();
    await page.getByRole('heading', { name: 'Deleted' }).waitFor();

    const db = app.bot.runtime.deps.db;
    const left = await db.selectFrom('whatsapp_messages').select('id').where('phone', '=', user).execute();
    expect(left).toHaveLength(0);
    const admin = await db
      .selectFrom('console_operators')
      .select('id')
      .where('email', '=', ADMIN)
      .executeTakeFirstOrThrow();
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('actor', '=', `operator:${admin.id}`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['export_user', 'delete_user']));
    expect(audit.find((a) => a.action === 'export_user')?.details).toContain(user);
    await page.context().close();
  });

  it(
    'deletes a username user known only by their BSUID, confirmed by typing that id',
    { timeout: 90_000 },
    async () => {
      const bsuid = 'US.13491208655302741918';
      const res = await app.bot.post(envelope({ messages: [{ ...textMessage('', 'hello'), from_user_id: bsuid }] }));
      expect(res.status).toBe(200);
      await app.bot.idle(30_000);
      const db = app.bot.runtime.deps.db;
      const before = await db.selectFrom('whatsapp_messages').select('id').where('phone', '=', bsuid).execute();
      expect(before.length).toBeGreaterThan(0);

      const page = await (await browser.newContext()).newPage();
      await signIn(page, app.url, ADMIN);
      await page.goto(`${app.url}/console/people/${bsuid}`);
      // The id is shown as it is (no phone `+`), and the field asks for it by its name.
      await page.getByRole('heading', { name: `Data protection: ${bsuid}` }).waitFor();
      const confirm = page.getByLabel(`Type the user id ${bsuid} to confirm`);
      await confirm.fill('us.13491208655302741918');
      await page.getByRole('button', { name: 'Delete this person' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Type the user id exactly as shown');
      expect(await db.selectFrom('whatsapp_messages').select('id').where('phone', '=', bsuid).execute()).toHaveLength(
        before.length,
      );

      await page.getByLabel(`Type the user id ${bsuid} to confirm`).fill(` ${bsuid} `);
      await page.getByRole('button', { name: 'Delete this person' }).click();
      await page.getByRole('heading', { name: 'Deleted' }).waitFor();
      expect(await db.selectFrom('whatsapp_messages').select('id').where('phone', '=', bsuid).execute()).toHaveLength(
        0,
      );
      expect(
        await db.selectFrom('whatsapp_sessions').select('phone').where('phone', '=', bsuid).execute(),
      ).toHaveLength(0);
      await page.context().close();
    },
  );
});
