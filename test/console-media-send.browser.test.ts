// A consultant sends a client a PDF from the conversation page, in the real Chromium, on both
// databases: the file reaches the fake Graph API once (uploaded, then sent by id), and the timeline
// shows it, openable, with its delivery tick. Screenshots at laptop and phone width go to
// $SCREENSHOT_DIR when it is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { envelope, textMessage } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';
import { CONSULTANT, launchBrowser, signIn, startConsoleApp, type ConsoleApp } from './helpers/console-browser.js';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n% Nexora contract\n'),
  Buffer.alloc(4000, 0x20),
  Buffer.from('%%EOF\n'),
]);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe.each(DB_KINDS)('sending a file from the console (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('a consultant attaches a PDF with a caption: uploaded and sent once, shown in the timeline with its tick', async () => {
    const user = '971500000404';
    await app.bot.post(envelope({ messages: [textMessage(user, 'Can you send me the contract?')], name: 'Omar' }));
    await app.bot.idle(30_000);
    const before = app.bot.sentTo(user).length;

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, app.url, CONSULTANT);
    await page.goto(`${app.url}/console/conversations/${user}`);
    const box = page.getByRole('region', { name: 'Reply' });
    await box.getByText('Attach a file').click();
    await box
      .getByLabel('Image or document')
      .setInputFiles({ name: 'contract-omar.pdf', mimeType: 'application/pdf', buffer: PDF });
    await box.getByLabel('Caption (optional)').fill('Your contract, as promised');
    await box.getByRole('button', { name: 'Send file' }).click();
    await page.waitForURL(`${app.url}/console/conversations/${user}`);
    await app.bot.idle(30_000);

    expect(app.bot.graph.uploads).toHaveLength(1);
    const upload = app.bot.graph.uploads[0]!;
    expect(upload.fields).toEqual({ messaging_product: 'whatsapp', type: 'application/pdf' });
    expect(upload.file).toEqual({ filename: 'contract-omar.pdf', mimeType: 'application/pdf', bytes: PDF });
    const sent = app.bot.sentTo(user).slice(before);
    expect(sent.map((r) => r.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: `+${user}`,
        type: 'document',
        document: { id: upload.id, filename: 'contract-omar.pdf', caption: 'Your contract, as promised' },
      },
    ]);
    const row = await app.bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['operator', 'status'])
      .where('phone', '=', user)
      .where('type', '=', 'document')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ operator: CONSULTANT, status: 'sent' });

    await page.reload();
    const last = page.locator('.timeline li').last();
    await expect.poll(() => last.locator('.tick').textContent()).toBe('✓ sent');
    expect(await last.textContent()).toContain('[document: contract-omar.pdf] Your contract, as promised');
    const link = last.getByRole('link', { name: /contract-omar\.pdf/ });
    // The operator can open the file they sent: the same bytes, as a download.
    const href = await link.getAttribute('href');
    const res = await page.request.get(`${app.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toContain('attachment');
    expect(Buffer.from(await res.body())).toEqual(PDF);
    // The conversation became the consultant's by sending.
    expect(await box.textContent()).toContain(`Owned by ${CONSULTANT}`);

    const dir = process.env.SCREENSHOT_DIR;
    if (dir) {
      await box.getByText('Attach a file').click();
      await page.screenshot({ path: join(dir, `media-send-laptop-${kind}.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(dir, `media-send-phone-${kind}.png`), fullPage: true });
    }
    await page.context().close();
  });
});
