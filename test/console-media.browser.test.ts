// Client documents in the console, in the real Chromium, on both databases: a client's PDF and
// image, fetched from the fake Graph API by the worker, appear in the conversation's timeline (the
// image inline under the strict CSP, the PDF as a download with its own name and bytes), served with
// nosniff and `attachment` for anything but an image; a request without a session gets nothing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn, startConsoleApp, VIEWER, type ConsoleApp } from './helpers/console-browser.js';
import { envelope, nextWamid } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';

const USER = '971500000616';
const PDF = Buffer.from('%PDF-1.4\n% bank letter, for the test\n%%EOF\n');
// A real 1×1 PNG, so the browser has something to draw.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe.each(DB_KINDS)('client documents in the console (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
  });
  afterAll(async () => {
    await app.stop();
  });

  it("shows a client's image inline and their PDF as a download, to signed-in operators only", async () => {
    app.bot.graph.media.set('710000000000001', { bytes: PDF, mimeType: 'application/pdf' });
    app.bot.graph.media.set('710000000000002', { bytes: PNG, mimeType: 'image/png' });
    const at = String(Math.floor(Date.now() / 1000));
    const doc = {
      from: USER,
      id: nextWamid(),
      timestamp: at,
      type: 'document',
      document: { id: '710000000000001', mime_type: 'application/pdf', sha256: sha(PDF), filename: 'bank-letter.pdf' },
    };
    const image = {
      from: USER,
      id: nextWamid(),
      timestamp: at,
      type: 'image',
      image: { id: '710000000000002', mime_type: 'image/png', sha256: sha(PNG) },
    };
    expect((await app.bot.post(envelope({ messages: [doc, image], name: 'Omar' }))).status).toBe(200);
    const db = app.bot.runtime.deps.db;
    await expect
      .poll(
        async () =>
          (await db.selectFrom('media_files').select('status').where('phone', '=', USER).execute()).map(
            (r) => r.status,
          ),
        { timeout: 20_000 },
      )
      .toEqual(['stored', 'stored']);
    const files = await db.selectFrom('media_files').select(['id', 'kind']).where('phone', '=', USER).execute();
    const pdfId = files.find((f) => f.kind === 'document')!.id;
    const imageId = files.find((f) => f.kind === 'image')!.id;

    // A viewer reads conversations, so they see the client's files too.
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, VIEWER);
    await page.goto(`${app.url}/console/conversations/${USER}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.waitFor();

    const img = timeline.getByRole('img', { name: `image-${imageId}.png` });
    await img.waitFor();
    // Drawn by the browser: allowed by the CSP's img-src 'self', and a real image.
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);

    const link = timeline.getByRole('link', { name: /bank-letter\.pdf/ });
    const download = page.waitForEvent('download');
    await link.click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('bank-letter.pdf');
    expect((await readFile(await saved.path())).equals(PDF)).toBe(true);

    // The headers of each, as the browser received them.
    const pdfRes = await context.request.get(`${app.url}/console/media/${pdfId}`);
    expect(pdfRes.status()).toBe(200);
    expect(pdfRes.headers()['content-type']).toBe('application/pdf');
    expect(pdfRes.headers()['content-disposition']).toBe(
      `attachment; filename="bank-letter.pdf"; filename*=UTF-8''bank-letter.pdf`,
    );
    expect(pdfRes.headers()['x-content-type-options']).toBe('nosniff');
    expect(pdfRes.headers()['content-security-policy']).toContain("default-src 'none'");
    const imgRes = await context.request.get(`${app.url}/console/media/${imageId}`);
    expect(imgRes.headers()['content-type']).toBe('image/png');
    expect(imgRes.headers()['content-disposition']).toMatch(/^inline; /);
    expect((await imgRes.body()).equals(PNG)).toBe(true);
    // Each read is audited under the operator.
    const audited = await db.selectFrom('audit_log').select('action').where('action', '=', 'view_media').execute();
    expect(audited.length).toBeGreaterThanOrEqual(3);
    await context.close();

    // Without a session: sent to the login page, or refused outright when asked by script; no bytes.
    const anonymous = await fetch(`${app.url}/console/media/${pdfId}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/console/login');
    expect(await anonymous.text()).not.toContain('%PDF');
    const scripted = await fetch(`${app.url}/console/media/${pdfId}`, { headers: { 'hx-request': 'true' } });
    expect(scripted.status).toBe(401);
    expect(await scripted.text()).not.toContain('%PDF');
    // A forged session cookie is no session either.
    const forged = await fetch(`${app.url}/console/media/${imageId}`, {
      redirect: 'manual',
      headers: { cookie: 'nexora_console=forged' },
    });
    expect(forged.status).toBe(303);
  });
});
