// The conversation page's operator tools in the real Chromium, on both databases: quick actions
// (program card, brochure, booking link), canned replies (admins keep them, consultants pick one into
// the reply box), as a consultant uses them on a client who asked for a person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { applyHandoffEvent } from '../src/handoff/handoff-store.js';
import { replyAsOperator } from '../src/ops/handoff-conversations.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { DB_KINDS } from './helpers/test-db.js';
import { bodyText } from './helpers/test-bot.js';
import {
  ADMIN,
  CONSULTANT,
  VIEWER,
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

async function asksForAPerson(app: ConsoleApp, user: string, name = 'Laila') {
  await app.bot.post(envelope({ messages: [textMessage(user, 'I want to talk to a consultant')], name }));
  await app.bot.idle(30_000);
}

async function newPage(app: ConsoleApp, who: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, app.url, who);
  return page;
}

describe.each(DB_KINDS)('the conversation page: operator tools (%s)', (kind) => {
  let app: ConsoleApp;
  beforeAll(async () => {
    app = await startConsoleApp(kind);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('a consultant sends a program card, the brochure and the booking link, each once, under their name', async () => {
    const user = '971500000411';
    await asksForAPerson(app, user);
    const db = app.bot.runtime.deps.db;
    const program = await db
      .selectFrom('investment_programs')
      .select(['id', 'name', 'category', 'link'])
      .where('country', '=', 'Greece')
      .executeTakeFirstOrThrow();
    const page = await newPage(app, CONSULTANT);
    await page.goto(`${app.url}/console/conversations/${user}`);
    const tools = page.getByRole('region', { name: 'Quick actions' });
    await expect.poll(() => tools.textContent()).toContain('Send the brochure');

    const before = app.bot.sentTo(user).length;
    await tools.getByLabel('Program card').selectOption({ label: `${program.name} (${program.category})` });
    await tools.getByRole('button', { name: 'Send the program card' }).click();
    await page.waitForURL(`${app.url}/console/conversations/${user}`);
    await page
      .getByRole('region', { name: 'Quick actions' })
      .getByRole('button', { name: 'Send the brochure' })
      .click();
    await page.waitForURL(`${app.url}/console/conversations/${user}`);
    await page
      .getByRole('region', { name: 'Quick actions' })
      .getByRole('button', { name: 'Send the booking link' })
      .click();
    await page.waitForURL(`${app.url}/console/conversations/${user}`);
    await app.bot.idle(30_000);

    const sent = app.bot.sentTo(user).slice(before);
    expect(sent.map((r) => (r.body as { type: string }).type)).toEqual(['text', 'document', 'text']);
    expect(bodyText(sent[0]!)).toMatch(new RegExp(`^🌍 ${program.name}\\n`));
    expect(bodyText(sent[0]!)).toContain(program.link);
    expect(sent[1]!.body).toMatchObject({
      document: {
        link: app.bot.runtime.deps.config.brochure.url,
        filename: app.bot.runtime.deps.config.brochure.filename,
      },
    });
    expect(bodyText(sent[2]!)).toContain(app.bot.runtime.deps.config.bookingUrl);
    const rows = await db
      .selectFrom('whatsapp_messages')
      .select(['operator', 'type'])
      .where('phone', '=', user)
      .where('direction', '=', 'outgoing')
      .where('operator', 'is not', null)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { operator: CONSULTANT, type: 'text' },
      { operator: CONSULTANT, type: 'document' },
      { operator: CONSULTANT, type: 'text' },
    ]);
    // Sending made the conversation the consultant's.
    await expect
      .poll(() => page.getByRole('region', { name: 'Reply' }).textContent())
      .toContain(`Owned by ${CONSULTANT}`);
    await page.context().close();
  });

  it('a viewer gets no quick actions, and the route refuses them', async () => {
    const user = '971500000412';
    await asksForAPerson(app, user);
    const page = await newPage(app, VIEWER);
    await page.goto(`${app.url}/console/conversations/${user}`);
    await expect.poll(() => page.getByRole('region', { name: 'Timeline' }).textContent()).toContain('consultant');
    expect(await page.getByRole('region', { name: 'Quick actions' }).count()).toBe(0);
    const res = await page.request.get(`${app.url}/console/inbox/conversations/${user}/tools`);
    expect(res.status()).toBe(403);
    await page.context().close();
  });

  it('an admin keeps canned replies; a consultant picks one for the client language, edits it and sends it once', async () => {
    const user = '971500000413';
    await asksForAPerson(app, user);
    const admin = await newPage(app, ADMIN);
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Canned replies' }).click();
    const add = admin.getByRole('region', { name: 'Add a canned reply' });
    // A bad input is answered in words, and what was typed is still there.
    await add.getByLabel('Title').fill('Call back');
    await add.getByLabel('Language').selectOption('ru');
    await add.getByLabel('Text').fill('   ');
    await add.getByLabel('Text').evaluate((el) => el.removeAttribute('required'));
    await add.getByRole('button', { name: 'Add canned reply' }).click();
    await expect.poll(() => admin.getByRole('alert').textContent()).toContain('Write the text of the canned reply.');
    expect(await admin.getByRole('region', { name: 'Add a canned reply' }).getByLabel('Title').inputValue()).toBe(
      'Call back',
    );
    await admin.getByRole('region', { name: 'Add a canned reply' }).getByLabel('Text').fill('Перезвоню вам завтра.');
    await admin
      .getByRole('region', { name: 'Add a canned reply' })
      .getByRole('button', { name: 'Add canned reply' })
      .click();
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('Added “Call back”.');
    const general = admin.getByRole('region', { name: 'Add a canned reply' });
    await general.getByLabel('Title').fill('Greeting');
    await general.getByLabel('Text').fill('Hello, I am your consultant at Nexora.');
    await general.getByRole('button', { name: 'Add canned reply' }).click();
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('Added “Greeting”.');
    // Edited: the new text is what consultants get.
    const greeting = admin.getByRole('region', { name: 'Canned reply Greeting' });
    await greeting.getByLabel('Text').fill('Hello {name}, I am your consultant at Nexora.');
    await greeting.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('Saved “Greeting”.');
    // One to delete, after the confirmation.
    const extra = admin.getByRole('region', { name: 'Add a canned reply' });
    await extra.getByLabel('Title').fill('Obsolete');
    await extra.getByLabel('Text').fill('This offer has ended.');
    await extra.getByRole('button', { name: 'Add canned reply' }).click();
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('Added “Obsolete”.');
    admin.once('dialog', (d) => void d.accept());
    await admin.getByRole('region', { name: 'Canned reply Obsolete' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('Deleted.');
    expect(await admin.getByRole('region', { name: 'Canned reply Obsolete' }).count()).toBe(0);
    const stored = await app.bot.runtime.deps.db
      .selectFrom('canned_replies')
      .select(['title', 'language', 'updated_by'])
      .orderBy('title')
      .execute();
    expect(stored).toEqual([
      { title: 'Call back', language: 'ru', updated_by: ADMIN },
      { title: 'Greeting', language: null, updated_by: ADMIN },
    ]);

    // A consultant may use them, not manage them.
    const page = await newPage(app, CONSULTANT);
    expect((await page.goto(`${app.url}/console/canned-replies`))?.status()).toBe(403);
    await page.goto(`${app.url}/console/conversations/${user}`);
    await page.getByRole('button', { name: 'Claim' }).click();
    const picker = page.getByRole('region', { name: 'Quick actions' }).getByLabel(/Canned reply/);
    // The client writes English: the Russian reply is not offered.
    await expect
      .poll(async () => picker.locator('option').allTextContents())
      .toEqual(['Choose a canned reply…', 'Greeting']);
    await picker.selectOption({ label: 'Greeting' });
    const box = page.getByRole('region', { name: 'Reply' }).getByLabel('Your reply');
    expect(await box.inputValue()).toBe('Hello {name}, I am your consultant at Nexora.');
    await box.fill('Hello Laila, I am your consultant at Nexora.');
    const before = app.bot.sentTo(user).length;
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.waitForURL(`${app.url}/console/conversations/${user}`);
    await app.bot.idle(30_000);
    expect(app.bot.sentTo(user).slice(before).map(bodyText)).toEqual(['Hello Laila, I am your consultant at Nexora.']);
    await page.context().close();
    await admin.context().close();
  });

  it('an admin assigns a waiting conversation from the inbox and reassigns it from the conversation page; both logged', async () => {
    const user = '971500000414';
    await asksForAPerson(app, user, 'Omar');
    const admin = await newPage(app, ADMIN);
    await admin.goto(`${app.url}/console/inbox`);
    const waiting = admin.getByRole('region', { name: 'Waiting for a consultant' });
    await expect.poll(() => waiting.textContent()).toContain(`+${user}`);
    // Only people who may answer clients are offered: not the viewer.
    const choice = waiting.getByLabel(`Assign +${user} to`);
    expect(await choice.locator('option').allTextContents()).toEqual([
      `Amira Admin (${ADMIN})`,
      `Karim Consultant (${CONSULTANT})`,
    ]);
    await choice.selectOption(CONSULTANT);
    await waiting
      .getByRole('listitem')
      .filter({ hasText: `+${user}` })
      .getByRole('button', { name: 'Assign' })
      .click();
    await admin.waitForURL(`${app.url}/console/inbox`);
    await expect.poll(() => admin.getByRole('region', { name: 'All open' }).textContent()).toContain(CONSULTANT);

    const consultant = await newPage(app, CONSULTANT);
    await consultant.goto(`${app.url}/console/inbox`);
    await expect.poll(() => consultant.getByRole('region', { name: 'Mine' }).textContent()).toContain(`+${user}`);
    // A consultant cannot assign.
    expect(await consultant.getByLabel(`Assign +${user} to`).count()).toBe(0);
    const csrf = await consultant.locator('body').getAttribute('data-csrf');
    const refused = await consultant.request.post(`${app.url}/console/inbox/conversations/${user}/assign`, {
      form: { _csrf: csrf ?? '', operator: CONSULTANT },
    });
    expect(refused.status()).toBe(403);

    await admin.goto(`${app.url}/console/conversations/${user}`);
    const tools = admin.getByRole('region', { name: 'Quick actions' });
    await tools.getByLabel('Assign to').selectOption(ADMIN);
    await tools.getByRole('button', { name: 'Assign' }).click();
    await admin.waitForURL(`${app.url}/console/conversations/${user}`);
    await expect.poll(() => admin.getByRole('region', { name: 'Reply' }).textContent()).toContain(`Owned by ${ADMIN}`);
    const events = await app.bot.runtime.deps.db
      .selectFrom('handoff_events')
      .select(['actor', 'event', 'from_state', 'to_state'])
      .where('phone', '=', user)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.actor, e.event, e.from_state, e.to_state])).toEqual([
      ['client', 'request', 'bot/resolved', 'bot/pending'],
      [ADMIN, 'assign', 'bot/pending', `human:${CONSULTANT}/open`],
      [ADMIN, 'assign', `human:${CONSULTANT}/open`, `human:${ADMIN}/open`],
    ]);
    await consultant.context().close();
    await admin.context().close();
  });

  it("the inbox's live refresh waits while an admin is choosing, and keeps a choice not yet sent", async () => {
    const [first, second] = ['971500000415', '971500000416'];
    await asksForAPerson(app, first, 'Huda');
    const admin = await newPage(app, ADMIN);
    await admin.goto(`${app.url}/console/inbox`);
    const waiting = admin.getByRole('region', { name: 'Waiting for a consultant' });
    await expect.poll(() => waiting.textContent()).toContain(`+${first}`);
    const choice = waiting.getByLabel(`Assign +${first} to`);
    await choice.selectOption(CONSULTANT);
    await choice.focus();
    // Another client asks for a person while the admin is still on the list: the region refreshes once
    // the focus leaves it, shows the new client, and the first one's choice is still the consultant.
    await asksForAPerson(app, second, 'Sami');
    await admin.getByRole('heading', { name: 'Inbox' }).click();
    await expect.poll(() => waiting.textContent()).toContain(`+${second}`);
    expect(await waiting.getByLabel(`Assign +${first} to`).inputValue()).toBe(CONSULTANT);
    expect(await waiting.getByLabel(`Assign +${second} to`).inputValue()).toBe(ADMIN);
    await admin.context().close();
  });

  it("the timeline names who sent each person's message and shows claims, resolves and timeouts among the messages", async () => {
    const user = '971500000415';
    await asksForAPerson(app, user, 'Nadia');
    const page = await newPage(app, CONSULTANT);
    await page.goto(`${app.url}/console/conversations/${user}`);
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('region', { name: 'Reply' }).getByLabel('Your reply').fill('Hello Nadia, Karim here.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.waitForURL(`${app.url}/console/conversations/${user}`);
    await app.bot.idle(30_000);
    await page.getByRole('button', { name: 'Resolve: hand back to the bot' }).click();
    await page.waitForURL(`${app.url}/console/conversations/${user}`);
    // Someone who is not a console operator (the CLI's --operator), then a timeout.
    await asksForAPerson(app, user, 'Nadia');
    const db = app.bot.runtime.deps.db;
    await replyAsOperator(db, user, 'sara.k@partner.test', 'Sara from our partner office.', Date.now());
    await app.bot.idle(30_000);
    await db.transaction().execute((trx) => applyHandoffEvent(trx, user, { kind: 'timeout' }, 'timeout', Date.now()));

    await page.reload();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const rows = async () =>
      (await timeline.locator('li.msg, li.handoff-event').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    const seen = await rows();
    const at = (pattern: RegExp) => seen.findIndex((t) => pattern.test(t));
    const asked = at(/^The client asked for a consultant/);
    const claimed = at(/^Claimed by Karim Consultant/);
    const reply = at(/^Hello Nadia, Karim here\./);
    const resolved = at(/^Resolved by Karim Consultant: the bot answers again/);
    const sara = at(/^Sara from our partner office\./);
    const timedOut = at(/^Timed out: the client waited too long/);
    expect([asked, claimed, reply, resolved, sara, timedOut].every((i) => i >= 0)).toBe(true);
    expect(asked).toBeLessThan(claimed);
    expect(claimed).toBeLessThan(reply);
    expect(reply).toBeLessThan(resolved);
    expect(resolved).toBeLessThan(sara);
    expect(sara).toBeLessThan(timedOut);
    expect(seen[reply]).toContain('sent by Karim Consultant');
    // Not a console operator: the e-mail's local part, never the whole address.
    expect(seen[sara]).toContain('sent by sara.k');
    expect(seen[sara]).not.toContain('partner.test');
    // Her reply took the waiting conversation: logged before her message.
    const took = at(/^sara\.k took over by writing to the client/);
    expect(resolved).toBeLessThan(took);
    expect(took).toBeLessThan(sara);
    // The bot's own messages name nobody.
    expect(seen.filter((t) => t.includes('sent by'))).toHaveLength(2);
    await page.context().close();
  });

  it('a client who sent STOP gets no quick action offered: the tools say why', async () => {
    const user = '971500000416';
    await asksForAPerson(app, user);
    await app.bot.post(envelope({ messages: [textMessage(user, 'STOP')] }));
    await app.bot.idle(30_000);
    const page = await newPage(app, CONSULTANT);
    await page.goto(`${app.url}/console/conversations/${user}`);
    const tools = page.getByRole('region', { name: 'Quick actions' });
    await expect.poll(() => tools.textContent()).toContain('The client sent STOP: no quick action can be sent');
    expect(await tools.getByRole('button').count()).toBe(0);
    expect(await tools.getByLabel(/Canned reply/).count()).toBe(0);
    await page.context().close();
  });
});
