// A real SMTP server (the smtp-server package) on loopback for end-to-end tests. It records every
// message that reaches the end of DATA, and can accept, refuse (4xx/5xx at RCPT or DATA), stall
// after DATA (never answering), or be killed with its connections mid-transaction.
import { EventEmitter, once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from '../../src/notify/mime-for-tests.js';
import type { NotificationRow } from '../../src/store/schema.js';
import { envelope, textMessage } from './payloads.js';
import type { ManualClock, TestBot } from './test-bot.js';

export type SmtpBehaviour =
  | { kind: 'accept' }
  | { kind: 'refuse'; at: 'rcpt' | 'data'; code: number; message: string }
  /** Reads the whole message, then never answers: the client waits for its 250 in vain. */
  | { kind: 'stall' };

export interface SmtpMail extends ParsedMail {
  to: string[];
  raw: string;
}

export interface FakeSmtp {
  port: number;
  /** SMTP_URL for this server. */
  url: string;
  behaviour: SmtpBehaviour;
  /** Messages answered with 250: delivered. */
  readonly accepted: SmtpMail[];
  /** Every message whose DATA was read to the end, whatever the answer. */
  readonly dataSeen: SmtpMail[];
  /** RCPT TO commands seen (refused ones included). */
  readonly rcpts: string[];
  waitFor(pred: (smtp: FakeSmtp) => boolean, timeoutMs?: number): Promise<void>;
  /** Destroys every open connection at once, as a crashing server would, and stops listening. */
  kill(): Promise<void>;
}

/** Waits for `pred` to hold, re-checking on every `change` event; shared by the fakes in this folder. */
export async function waitUntil(
  events: EventEmitter,
  pred: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  while (!pred()) {
    try {
      await once(events, 'change', { signal });
    } catch {
      throw new Error(`${what}: condition not met within ${timeoutMs} ms`);
    }
  }
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Starts the server on `port` (0 = any free port), so a test can bring a server "back up" on the same port. */
export async function startFakeSmtp(behaviour: SmtpBehaviour = { kind: 'accept' }, port = 0): Promise<FakeSmtp> {
  const events = new EventEmitter();
  const sockets = new Set<Socket>();
  const changed = (): boolean => events.emit('change');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      fake.rcpts.push(address.address);
      changed();
      const b = fake.behaviour;
      callback(b.kind === 'refuse' && b.at === 'rcpt' ? smtpError(b.code, b.message) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = { ...parseMail(raw), raw, to: session.envelope.rcptTo.map((r) => r.address) };
        fake.dataSeen.push(mail);
        const b = fake.behaviour;
        if (b.kind === 'accept') fake.accepted.push(mail);
        if (b.kind === 'refuse' && b.at === 'data') callback(smtpError(b.code, b.message));
        else if (b.kind !== 'stall') callback();
        changed();
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  const bound = (server.server.address() as AddressInfo).port;
  let closed = false;

  const fake: FakeSmtp = {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    behaviour,
    accepted: [],
    dataSeen: [],
    rcpts: [],
    waitFor: (pred, timeoutMs = 10_000) => waitUntil(events, () => pred(fake), timeoutMs, 'fake SMTP'),
    async kill() {
      for (const socket of sockets) socket.destroy();
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** A loopback port with nothing listening on it (for "the mail server is down"). */
export async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// ── Shared by the notification tests: conversation shortcut, notification rows ───────────────────

/** One webhook with several messages of a user, a second apart (so in this order); waits until all are answered. */
export async function sayInOrder(bot: TestBot, user: string, texts: string[]): Promise<void> {
  const t = Math.floor(Date.now() / 1000);
  await bot.post(envelope({ messages: texts.map((text, i) => textMessage(user, text, { ts: t + i })) }));
  await bot.idle();
}

/** The latest notification of a kind once `pred` holds; polls the database (20 ms) until a deadline. */
export async function waitForNotification(
  bot: TestBot,
  kind: string,
  pred: (row: NotificationRow) => boolean,
  timeoutMs = 10_000,
): Promise<NotificationRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await notificationsOf(bot, kind);
    const row = rows.at(-1);
    if (row && pred(row)) return row;
    if (Date.now() > deadline) {
      throw new Error(
        `${kind} not as expected after ${timeoutMs} ms: ${JSON.stringify(rows.map((r) => [r.status, r.attempts, r.last_error]))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function notificationsOf(bot: TestBot, kind: string): Promise<NotificationRow[]> {
  return bot.runtime.deps.db.selectFrom('notifications').selectAll().where('kind', '=', kind).orderBy('id').execute();
}

/**
 * Waits until the latest `kind` row has failed `attempts` times and waits for its retry, then moves
 * the bot's manual clock to the retry time and wakes the worker: the backoff is real, only faster.
 */
export async function retryNow(
  bot: TestBot,
  clock: ManualClock,
  kind: string,
  attempts: number,
): Promise<NotificationRow> {
  const row = await waitForNotification(bot, kind, (r) => r.status === 'pending' && r.attempts === attempts);
  clock.advance(Math.max(0, Number(row.next_attempt_at) - clock.now()));
  bot.runtime.notifications.wake();
  return row;
}
