import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { parseAdminEmails } from '../lib/email-list.js';
import { classifySmtpError, createMailer, toMessageId, type Mailer } from './mailer.js';
import { renderLeadEmail } from './lead-email.js';
import type { LeadEvent } from './types.js';
import { parseMail } from './mime-for-tests.js';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback; `overrides` can reject at any stage. */
async function startSmtp(overrides: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...overrides,
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function smtpError(message: string, responseCode: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

const event: LeadEvent = {
  version: 1,
  event: 'lead.created',
  eventId: 'evt-0001',
  occurredAt: '2025-03-05T10:03:00.000Z',
  lead: {
    phone: '971501234567',
    name: 'Jane <script>alert(1)</script> & "Doe"',
    email: 'jane@example.com',
    interest: 'Europe Golden Visa',
    budgetUsd: 500000,
    countryOfInterest: 'Portugal',
    createdAt: '2025-03-05T10:00:00.000Z',
    updatedAt: '2025-03-05T10:03:00.000Z',
  },
  recentMessages: [
    { direction: 'incoming', text: 'Hi, is 500k enough?', at: '2025-03-05T10:01:00.000Z' },
    { direction: 'outgoing', text: 'Yes for Portugal <b>Golden Visa</b>', at: '2025-03-05T10:02:00.000Z' },
  ],
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function mailerFor(port: number, extra = ''): Mailer {
  const mailer = createMailer({
    smtpUrl: `smtp://${extra}127.0.0.1:${port}`,
    from: 'Nexora Bot <bot@nexora.test>',
    timeoutMs: 2000,
  });
  cleanups.push(() => mailer.close());
  return mailer;
}

describe('createMailer', () => {
  it('delivers the lead e-mail once, with both parts, escaped HTML and a deterministic Message-ID', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const mail = renderLeadEmail(event, { timeZone: 'Asia/Dubai' });

    const outcome = await mailerFor(smtp.port).send(['ops@nexora.test'], mail, 'lead-evt-0001');

    expect(outcome.status).toBe('sent');
    expect(outcome.status === 'sent' && outcome.detail).toMatch(/^250 /);
    expect(smtp.received).toHaveLength(1);
    const [msg] = smtp.received;
    expect(msg?.from).toBe('bot@nexora.test');
    expect(msg?.to).toEqual(['ops@nexora.test']);
    const got = parseMail(msg?.raw ?? '');
    expect(got.headers.get('message-id')).toBe('<lead-evt-0001@nexora.test>');
    expect(got.headers.get('subject')).toBe(mail.subject);
    expect(got.headers.get('auto-submitted')).toBe('auto-generated');
    for (const s of [
      '+971501234567',
      'jane@example.com',
      '$500,000',
      'Portugal',
      'Europe Golden Visa',
      'Hi, is 500k enough?',
    ]) {
      expect(got.text).toContain(s);
      expect(got.html).toContain(s);
    }
    // The text part keeps the raw name; the HTML part only ever has it escaped.
    expect(got.text).toContain('Jane <script>alert(1)</script> & "Doe"');
    expect(got.html).toContain('Jane &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Doe&quot;');
    expect(got.html).toContain('Yes for Portugal &lt;b&gt;Golden Visa&lt;/b&gt;');
    expect(got.html).not.toContain('<script>');
    expect(got.html).not.toContain('<b>Golden');
  });

  it('sends one transaction to several recipients', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const to = parseAdminEmails('a@nexora.test; b@nexora.test, c@nexora.test');

    const outcome = await mailerFor(smtp.port).send(to, renderLeadEmail(event, {}), 'm-2');

    expect(outcome.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['a@nexora.test', 'b@nexora.test', 'c@nexora.test']);
  });

  it('logs in with the credentials in the URL', async () => {
    const logins: string[] = [];
    const smtp = await startSmtp({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password ?? ''}`);
        callback(null, { user: auth.username });
      },
    });
    cleanups.push(smtp.close);

    const outcome = await mailerFor(smtp.port, 'bot%40nexora.test:p%40ss:word@').send(
      ['ops@nexora.test'],
      renderLeadEmail(event, {}),
      'm-3',
    );

    expect(outcome.status).toBe('sent');
    expect(logins).toEqual(['bot@nexora.test:p@ss:word']);
  });

  it('speaks implicit TLS for smtps:// URLs, taking TLS settings from the query string', async () => {
    const smtp = await startSmtp({ secure: true }); // smtp-server's built-in self-signed certificate
    cleanups.push(smtp.close);
    const mailer = createMailer({
      smtpUrl: `smtps://127.0.0.1:${smtp.port}/?tls.rejectUnauthorized=false`,
      from: 'bot@nexora.test',
      timeoutMs: 2000,
    });
    cleanups.push(() => mailer.close());

    const outcome = await mailer.send(['ops@nexora.test'], renderLeadEmail(event, {}), 'm-tls');

    expect(outcome.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
  });

  it('fails permanently with the server answer when the recipient is refused with 5xx', async () => {
    const smtp = await startSmtp({
      onRcptTo(_address, _session, callback) {
        callback(smtpError('5.1.1 No such user here', 550));
      },
    });
    cleanups.push(smtp.close);

    const outcome = await mailerFor(smtp.port).send(['nobody@nexora.test'], renderLeadEmail(event, {}), 'm-4');

    expect(outcome).toEqual({ status: 'failed', error: expect.stringContaining('550 5.1.1 No such user here') });
    expect(smtp.received).toHaveLength(0);
  });

  it('fails permanently when the message is refused with 5xx after DATA', async () => {
    const smtp = await startSmtp({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError('5.7.1 Message rejected as spam', 554)));
      },
    });
    cleanups.push(smtp.close);

    const outcome = await mailerFor(smtp.port).send(['ops@nexora.test'], renderLeadEmail(event, {}), 'm-5');

    expect(outcome).toEqual({ status: 'failed', error: expect.stringContaining('554 5.7.1 Message rejected as spam') });
  });

  it('asks for a retry when the server defers with 4xx', async () => {
    const smtp = await startSmtp({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError('4.3.0 Try again later', 451)));
      },
    });
    cleanups.push(smtp.close);

    const outcome = await mailerFor(smtp.port).send(['ops@nexora.test'], renderLeadEmail(event, {}), 'm-6');

    expect(outcome).toEqual({ status: 'retry', error: expect.stringContaining('451 4.3.0 Try again later') });
  });

  it('counts a partly refused recipient list as sent and names the refused ones', async () => {
    const smtp = await startSmtp({
      onRcptTo(address, _session, callback) {
        callback(address.address.startsWith('gone') ? smtpError('5.1.1 Gone', 550) : undefined);
      },
    });
    cleanups.push(smtp.close);

    const outcome = await mailerFor(smtp.port).send(
      ['ops@nexora.test', 'gone@nexora.test'],
      renderLeadEmail(event, {}),
      'm-7',
    );

    expect(outcome.status).toBe('sent');
    expect(outcome.status === 'sent' && outcome.detail).toContain('gone@nexora.test (550 5.1.1 Gone)');
    expect(smtp.received[0]?.to).toEqual(['ops@nexora.test']);
  });

  it('asks for a retry when nothing listens on the port', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const outcome = await mailerFor(port).send(['ops@nexora.test'], renderLeadEmail(event, {}), 'm-8');

    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toMatch(/ECONNREFUSED|ECONNECTION/);
  });

  it('asks for a retry when the server never greets', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { port } = silent.address() as AddressInfo;
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'bot@nexora.test', timeoutMs: 200 });
    cleanups.push(() => mailer.close());

    const outcome = await mailer.send(['ops@nexora.test'], renderLeadEmail(event, {}), 'm-9');

    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toMatch(/timeout/i);
  });

  it('fails without connecting when there are no recipients', async () => {
    const outcome = await mailerFor(1).send([], renderLeadEmail(event, {}), 'm-10');
    expect(outcome).toEqual({ status: 'failed', error: 'no recipients configured' });
  });
});

describe('classifySmtpError', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Bad credentials' }, 'failed'],
    [{ code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Temporary auth failure' }, 'retry'],
    [{ code: 'EAUTH', message: 'Missing credentials for "PLAIN"' }, 'failed'],
    [{ code: 'ETIMEDOUT', message: 'Connection timeout' }, 'retry'],
    [{ code: 'ESOCKET', message: 'read ECONNRESET' }, 'retry'],
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.nowhere' }, 'retry'],
    [new Error('something else'), 'retry'],
  ])('%o → %s', (err, status) => {
    expect(classifySmtpError(err).status).toBe(status);
  });
});

describe('toMessageId', () => {
  it('is stable and keeps only safe characters', () => {
    expect(toMessageId('lead:evt 1/2', 'nexora.test')).toBe('<lead-evt-1-2@nexora.test>');
    expect(toMessageId('lead:evt 1/2', 'nexora.test')).toBe(toMessageId('lead:evt 1/2', 'nexora.test'));
  });
});

describe('parseAdminEmails', () => {
  it.each([
    [undefined, []],
    ['', []],
    [' a@x.com ', ['a@x.com']],
    ['a@x.com,b@y.com;c@z.com', ['a@x.com', 'b@y.com', 'c@z.com']],
    [' a@x.com ; ; , b@y.com ,', ['a@x.com', 'b@y.com']],
  ])('%j → %j', (input, expected) => {
    expect(parseAdminEmails(input)).toEqual(expected);
  });
});
