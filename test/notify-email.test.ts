// The admin e-mail end to end: WhatsApp webhooks in, a real SMTP server (smtp-server) out, on both
// databases: what is sent, to whom, and what happens when e-mail is not configured.
import { expect, it } from 'vitest';
import type { LeadEvent } from '../src/notify/types.js';
import { queueLeadNotifications } from '../src/pipeline/lead-notifications.js';
import { startBanner } from '../src/start-banner.js';
import { notificationsOf, sayInOrder, waitForNotification } from './helpers/fake-smtp.js';
import { describeEachDb } from './helpers/test-db.js';
import { MAIL_USER, useMailFixture } from './helpers/mail-fixture.js';

const USER = MAIL_USER;

describeEachDb('lead e-mail to the admins over SMTP', (kind) => {
  const { bot, smtp, leaveLead } = useMailFixture(kind);

  it('sends each lead event once to every admin, with the lead, the time and the last messages; an update sends a second', async () => {
    const server = await smtp({ kind: 'accept' });
    const b = await bot({ SMTP_URL: server.url });
    await sayInOrder(b, USER, ['2', '$300k', '4', 'U.K.']);
    await leaveLead(b, 'Jane Doe', 'jane@example.com');

    const created = await waitForNotification(b, 'lead_email', (r) => r.status === 'sent');
    expect(created.attempts).toBe(1);
    expect(server.accepted).toHaveLength(1);
    const mail = server.accepted[0]!;
    expect(mail.to).toEqual(['ops@nexora.test', 'sales@nexora.test']);
    expect(mail.headers.get('subject')).toBe('New lead: Jane Doe (Job search assistance)');
    expect(mail.headers.get('message-id')).toMatch(/^<lead_email-lead-wamid\.[\w.-]+@nexora\.test>$/);
    for (const part of [mail.text, mail.html]) {
      for (const s of [
        'Jane Doe',
        '+15550007001',
        'jane@example.com',
        'Job search assistance',
        '$300,000',
        'United Kingdom',
      ]) {
        expect(part).toContain(s);
      }
      expect(part).toMatch(/Received.*\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
      // The last few messages of the chat, the lead's own answer and the bot's thank-you among them.
      expect(part).toContain('jane@example.com');
      expect(part).toContain('Thank you, Jane Doe!');
    }
    // In conversation order, although each batch of messages was stored before any answer to it.
    const lines = [
      'Customer: Jane Doe',
      'Bot: 📧 Thanks, Jane Doe!',
      'Customer: jane@example.com',
      'Bot: 🙏 Thank you, Jane Doe!',
    ];
    const at = lines.map((line) => mail.text.indexOf(line));
    expect(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!))).toBe(true);
    expect(mail.html).toContain('<table');

    await leaveLead(b, 'Jane Doe', 'jane.doe@work.example');
    await waitForNotification(b, 'lead_email', (r) => r.id !== created.id && r.status === 'sent');
    expect(server.accepted).toHaveLength(2);
    const update = server.accepted[1]!;
    expect(update.headers.get('subject')).toBe('Updated lead: Jane Doe (Job search assistance)');
    expect(update.text).toContain('Lead updated');
    expect(update.text).toContain('E-mail: jane.doe@work.example');
    expect(update.headers.get('message-id')).not.toBe(mail.headers.get('message-id'));
    const rows = await notificationsOf(b, 'lead_email');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('records the e-mail as skipped and sends nothing without SMTP_URL, as the start banner says', async () => {
    const b = await bot({});
    await leaveLead(b, 'Ana Lima', 'ana@example.com');
    const [row] = await notificationsOf(b, 'lead_email');
    expect(row).toMatchObject({ status: 'skipped', attempts: 0, last_error: 'SMTP_URL is not set' });
    expect(await b.runtime.notifications.claim(10)).toEqual([]);
    expect(startBanner(b.runtime.config, 'db', 'http://127.0.0.1:5000', null)).toContain(
      'e-mail is OFF (SMTP_URL is not set): lead e-mails are recorded as "skipped".',
    );
  });

  it('logs each lead e-mail it records as skipped (given a logger, as the runtime should)', async () => {
    const b = await bot({});
    await leaveLead(b, 'Ana Lima', 'ana@example.com');
    const [row] = await notificationsOf(b, 'lead_email');
    const event = { ...(JSON.parse(row!.payload) as LeadEvent), eventId: 'lead-replayed' };
    const lines: string[] = [];
    const notifier = {
      adminEmails: b.runtime.config.adminEmails,
      emailEnabled: false,
      webhookEnabled: false,
      log: { info: (_o: object, msg: string) => lines.push(msg) },
    };
    await b.runtime.deps.db.transaction().execute((trx) => queueLeadNotifications(trx, notifier, event, Date.now()));
    expect(lines).toEqual(['lead e-mail recorded as skipped: SMTP_URL is not set']);
    expect((await notificationsOf(b, 'lead_email')).map((r) => r.status)).toEqual(['skipped', 'skipped']);
  });

  it('queues no e-mail with SMTP_URL but no ADMIN_EMAIL, as the start banner says', async () => {
    const server = await smtp({ kind: 'accept' });
    const b = await bot({ SMTP_URL: server.url, ADMIN_EMAIL: '' });
    await leaveLead(b, 'Ana Lima', 'ana@example.com');
    expect(await b.runtime.deps.db.selectFrom('whatsapp_leads').selectAll().execute()).toHaveLength(1);
    expect(await notificationsOf(b, 'lead_email')).toEqual([]);
    expect(startBanner(b.runtime.config, 'db', 'http://127.0.0.1:5000', null)).toContain(
      'lead e-mails are OFF: ADMIN_EMAIL is not set.',
    );
    expect(server.rcpts).toEqual([]);
  });
});
