// Approved WhatsApp templates from the console, in the real Chromium, on both databases: a client
// whose 24-hour window has closed (their stored last-inbound time moved back 25 hours) gets a template
// that the consultant picks, fills and previews, and the fake Graph API receives exactly that send
// once; a refused one says why in words and sends nothing; only consultants and admins may use it.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BUSINESS, envelope, textMessage } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';
import {
  CONSULTANT,
  VIEWER,
  launchBrowser,
  signIn,
  startConsoleApp,
  type ConsoleApp,
} from './helpers/console-browser.js';

const HOUR = 60 * 60 * 1000;
const SEED = JSON.parse(readFileSync(new URL('../data-seed/templates.json', import.meta.url), 'utf8')) as {
  data: Record<string, unknown>[];
};
/** Set to a directory to keep PNGs of the form at laptop and phone width. */
const SHOTS = process.env.CONSOLE_SCREENSHOT_DIR;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe.each(DB_KINDS)('approved templates in the console (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
    app.bot.graph.templates = SEED.data;
  });
  afterAll(async () => {
    await app.stop();
  });

  /** A client who wrote, then the window closed: their last inbound message is 25 hours old. */
  async function clientWithClosedWindow(user: string): Promise<void> {
    await app.bot.post(envelope({ messages: [textMessage(user, 'hi')], name: 'Jane' }));
    await app.bot.idle(30_000);
    await app.bot.runtime.deps.db
      .updateTable('whatsapp_sessions')
      .set({ last_inbound_at: Date.now() - 25 * HOUR })
      .where('phone', '=', user)
      .execute();
  }

  async function templateRows(user: string) {
    return app.bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['operator', 'status', 'type', 'message', 'error_code'])
      .where('phone', '=', user)
      .where('type', '=', 'template')
      .orderBy('id')
      .execute();
  }

  async function openConversation(email: string, user: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // A step that cannot happen fails with its own message, well inside the test's time.
    page.setDefaultTimeout(10_000);
    await signIn(page, app.url, email);
    await page.goto(`${app.url}/console/conversations/${user}`);
    return page;
  }

  it('after the window closed, a consultant picks a template, fills it with a live preview, and Meta receives exactly that once', async () => {
    const user = '971500000515';
    await clientWithClosedWindow(user);
    const page = await openConversation(CONSULTANT, user);
    const box = page.getByRole('region', { name: 'Reply' });
    expect(await box.textContent()).toContain('WhatsApp allows only an approved template now');
    expect(await box.getByLabel('Your reply').count()).toBe(0);

    // The section is open because the window has closed, with the approved templates to choose from.
    const section = page.getByRole('region', { name: 'Send a template' });
    expect(await section.textContent()).toContain('The 24-hour window has closed');
    const choice = section.getByLabel('Approved template');
    await choice.waitFor();
    expect(await choice.locator('option').allTextContents()).toEqual([
      'Choose a template…',
      'consultant_follow_up · en · Utility',
      'booking_reminder · en · Utility',
      'new_programs_offer · en · Marketing',
    ]);
    expect(await section.locator('.not-sendable').textContent()).toContain(
      'consultant_follow_up · ar · Utility — waiting for Meta’s review (PENDING)',
    );

    // Named parameters: one labelled field each; the preview names what is missing, then fills in.
    await choice.selectOption({ label: 'consultant_follow_up · en · Utility' });
    const customer = section.getByLabel('Body {{customer_name}}');
    await customer.waitFor();
    const bubble = section.locator('.bubble');
    const missing = section.locator('.missing');
    expect(await bubble.textContent()).toContain('Hello {{customer_name}}, this is {{consultant_name}}');
    expect(await missing.locator('li').allTextContents()).toEqual([
      'body parameter {{customer_name}} is required',
      'body parameter {{consultant_name}} is required',
      'body parameter {{program}} is required',
    ]);
    await customer.fill('Jane');
    await expect
      .poll(() => bubble.textContent(), { timeout: 5_000 })
      .toContain('Hello Jane, this is {{consultant_name}}');
    expect(await missing.locator('li').allTextContents()).toEqual([
      'body parameter {{consultant_name}} is required',
      'body parameter {{program}} is required',
    ]);
    await section.getByLabel('Body {{consultant_name}}').fill('Karim');
    await section.getByLabel('Body {{program}}').fill('Portugal Golden Visa');
    const expected = [
      'Nexora Investments',
      'Hello Jane, this is Karim from Nexora Investments. Shall we continue our conversation about your Portugal Golden Visa application?',
      'Reply STOP to unsubscribe',
      "[buttons: Yes, let's talk | Not now]",
    ].join('\n');
    await expect.poll(() => bubble.textContent(), { timeout: 5_000 }).toBe(expected);
    expect(await section.getByText('Ready to send.').count()).toBe(1);
    expect(await missing.count()).toBe(0);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `template-laptop-${kind}.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(SHOTS, `template-phone-${kind}.png`), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(await templateRows(user)).toEqual([]);

    const before = app.bot.sentTo(user).length;
    await section.getByRole('button', { name: 'Send template' }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect
      .poll(() => timeline.textContent(), { timeout: 10_000 })
      .toContain('[template consultant_follow_up · en]');
    await app.bot.idle(30_000);
    expect(
      app.bot
        .sentTo(user)
        .slice(before)
        .map((r) => r.body),
    ).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: `+${user}`,
        type: 'template',
        template: {
          name: 'consultant_follow_up',
          language: { code: 'en' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', parameter_name: 'customer_name', text: 'Jane' },
                { type: 'text', parameter_name: 'consultant_name', text: 'Karim' },
                { type: 'text', parameter_name: 'program', text: 'Portugal Golden Visa' },
              ],
            },
          ],
        },
      },
    ]);
    expect(await templateRows(user)).toEqual([
      {
        operator: CONSULTANT,
        status: 'sent',
        type: 'template',
        message: `[template consultant_follow_up · en]\n${expected}`,
        error_code: null,
      },
    ]);
    // Sending made the conversation the consultant's.
    await expect.poll(() => box.textContent()).toContain(`Owned by ${CONSULTANT}`);

    // Positional parameters and a URL button's value; Meta refuses it (132001), shown in words.
    app.bot.graph.fail({ code: 132001, to: user, title: 'Template name does not exist in the translation' });
    const again = page.getByRole('region', { name: 'Send a template' });
    await again.getByLabel('Approved template').selectOption({ label: 'booking_reminder · en · Utility' });
    await again.getByLabel('Body {{1}}').fill('Jane');
    await again.getByLabel('Body {{2}}').fill('Tuesday 10:00 (Dubai time)');
    await again.getByLabel('Button “Manage booking”: link value').fill('bk-4711');
    await expect
      .poll(() => again.locator('.bubble').textContent(), { timeout: 5_000 })
      .toBe(
        'Hi Jane, your consultation with Nexora Investments is on Tuesday 10:00 (Dubai time). Reply here if you need another time.\n[buttons: Manage booking]',
      );
    const sends = app.bot.graph.sent.length;
    await again.getByRole('button', { name: 'Send template' }).click();
    await expect.poll(() => timeline.textContent(), { timeout: 10_000 }).toContain('[template booking_reminder · en]');
    await app.bot.idle(30_000);
    // Live, no reload: Meta's answer often lands between the page's render (after the redirect) and
    // its stream's first look, which the page's fetch on connecting covers (without it this fails).
    await expect
      .poll(() => page.locator('.tick-error').last().textContent(), { timeout: 10_000 })
      .toContain('132001 Template not found in this language, or not approved');
    const tried = app.bot.graph.sent.slice(sends);
    expect(tried.map((r) => r.body)).toEqual([
      expect.objectContaining({
        type: 'template',
        template: {
          name: 'booking_reminder',
          language: { code: 'en' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Jane' },
                { type: 'text', text: 'Tuesday 10:00 (Dubai time)' },
              ],
            },
            { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'bk-4711' }] },
          ],
        },
      }),
    ]);
    expect((await templateRows(user)).map((r) => [r.status, r.error_code])).toEqual([
      ['sent', null],
      ['failed', 132001],
    ]);
    await page.context().close();
  }, 90_000);

  it('a refused template says why on the page and sends nothing; a failed refresh keeps the list and says why', async () => {
    const user = '971500000516';
    await app.bot.post(envelope({ messages: [textMessage(user, 'hi')] }));
    await app.bot.idle(30_000);
    // The client told WhatsApp to stop marketing messages from us.
    const stop = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS.wabaId,
          changes: [
            {
              field: 'user_preferences',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: BUSINESS.display, phone_number_id: BUSINESS.phoneNumberId },
                user_preferences: [
                  {
                    wa_id: user,
                    category: 'marketing_messages',
                    value: 'stop',
                    detail: 'stop',
                    timestamp: Math.floor(Date.now() / 1000),
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect((await app.bot.post(stop)).status).toBe(200);
    const page = await openConversation(CONSULTANT, user);
    // The window is open: free-form replies are offered, the templates one click away.
    const section = page.getByRole('region', { name: 'Send a template' });
    await section.getByText('Send a template', { exact: true }).click();
    const choice = section.getByLabel('Approved template');
    await choice.waitFor();

    // Meta unreachable: the cached list stays, with the reason.
    app.bot.graph.respondWith((r) =>
      r.method === 'GET' && r.path.includes('message_templates')
        ? { status: 500, body: { error: { message: 'down' } } }
        : undefined,
    );
    await section.getByRole('button', { name: 'Refresh from WhatsApp' }).click();
    await expect
      .poll(() => section.getByRole('alert').first().textContent(), { timeout: 5_000 })
      .toContain('Could not refresh from WhatsApp');
    expect(await section.getByLabel('Approved template').locator('option').count()).toBe(4);
    // Back up, with a newly approved template: a refresh shows it.
    app.bot.graph.respondWith(null);
    app.bot.graph.templates = [
      ...SEED.data,
      {
        name: 'document_request',
        language: 'en',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Please send us a copy of your passport.' }],
      },
    ];
    await section.getByRole('button', { name: 'Refresh from WhatsApp' }).click();
    await expect
      .poll(() => section.getByLabel('Approved template').locator('option').allTextContents(), { timeout: 5_000 })
      .toContain('document_request · en · Utility');
    expect(await section.getByRole('alert').count()).toBe(0);
    app.bot.graph.templates = SEED.data;

    await section.getByLabel('Approved template').selectOption({ label: 'new_programs_offer · en · Marketing' });
    await section.getByLabel('Header image link').fill('https://nexorainvestments.com/offer.jpg');
    await section.getByLabel('Body {{1}}').fill('Jane');
    await expect.poll(() => section.getByText('Ready to send.').count(), { timeout: 5_000 }).toBe(1);
    const sends = app.bot.graph.sent.length;
    await section.getByRole('button', { name: 'Send template' }).click();
    await expect
      .poll(() => section.getByRole('alert').first().textContent(), { timeout: 5_000 })
      .toBe(
        'Not sent. The client told WhatsApp to stop marketing messages from us: only utility templates may be sent.',
      );
    // What was typed is still there, to choose another template or try later.
    expect(await section.getByLabel('Body {{1}}').inputValue()).toBe('Jane');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await section.screenshot({ path: join(SHOTS, `template-refused-phone-${kind}.png`) });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await app.bot.idle(30_000);
    expect(app.bot.graph.sent.length).toBe(sends);
    expect(await templateRows(user)).toEqual([]);

    // The server names every missing value and queues nothing (the browser's own check bypassed).
    const answer = await page.evaluate(
      async ([url]) => {
        const res = await fetch(url!, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'hx-request': 'true',
            'x-csrf-token': document.body.dataset.csrf ?? '',
          },
          body: 'template=booking_reminder&language=en&p_body_1=Jane',
        });
        return { status: res.status, text: await res.text() };
      },
      [`/console/inbox/conversations/${user}/templates/send`],
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(
      'Not sent: body parameter {{2}} is required; the value of button 0 (Manage booking) is required.',
    );
    await app.bot.idle(30_000);
    expect(app.bot.graph.sent.length).toBe(sends);
    expect(await templateRows(user)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a viewer sees no template section and is refused the routes (403); a signed-out request is refused', async () => {
    const user = '971500000517';
    await clientWithClosedWindow(user);
    const page = await openConversation(VIEWER, user);
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
    expect(await page.getByRole('region', { name: 'Send a template' }).count()).toBe(0);
    expect(await page.getByText('Send a template').count()).toBe(0);
    const tryAs = (path: string, method: 'GET' | 'POST') =>
      page.evaluate(
        async ([url, m]) => {
          const res = await fetch(url, {
            method: m,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-csrf-token': document.body.dataset.csrf ?? '',
            },
            ...(m === 'POST' ? { body: 'template=consultant_follow_up&language=en&p_body_customer_name=J' } : {}),
          });
          return res.status;
        },
        [path, method] as const,
      );
    const base = `/console/inbox/conversations/${user}/templates`;
    expect(await tryAs(`${base}/send`, 'POST')).toBe(403);
    expect(await tryAs(`${base}/preview`, 'POST')).toBe(403);
    expect(await tryAs(`${base}/refresh`, 'POST')).toBe(403);
    expect(await tryAs(base, 'GET')).toBe(403);
    await page.context().close();

    const anonymous = await fetch(`${app.url}${base}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'template=booking_reminder&language=en&p_body_1=Jane&p_body_2=Tue&p_button_0=x',
      redirect: 'manual',
    });
    expect(anonymous.status).toBe(401);
    const list = await fetch(`${app.url}${base}`, { redirect: 'manual' });
    expect(list.status).toBe(303);
    expect(list.headers.get('location')).toBe('/console/login');
    await app.bot.idle(30_000);
    expect(await templateRows(user)).toEqual([]);
  });
});
