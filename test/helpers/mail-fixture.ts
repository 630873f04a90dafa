// The shared set-up of the lead e-mail tests: bots with mail configured, fake SMTP servers, and
// everything torn down after each test (servers first: a bot stopping waits for its sends in flight,
// and a stalled server would hold it for the SMTP timeout).
import { afterEach } from 'vitest';
import type { DbKind } from '../../src/store/create-db.js';
import { sayInOrder, startFakeSmtp, type FakeSmtp, type SmtpBehaviour } from './fake-smtp.js';
import { bodyText, startTestBot, type TestBot } from './test-bot.js';

export const MAIL_USER = '15550007001';
export const MAIL_ENV = {
  ADMIN_EMAIL: 'ops@nexora.test, sales@nexora.test',
  MAIL_FROM: 'Nexora Bot <bot@nexora.test>',
};

export function useMailFixture(kind: DbKind) {
  const cleanups: (() => Promise<void>)[] = [];
  const servers: FakeSmtp[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill();
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });
  return {
    bot: async (env: Record<string, string>, opts: Parameters<typeof startTestBot>[2] = {}): Promise<TestBot> => {
      const b = await startTestBot(kind, { ...MAIL_ENV, ...env }, opts);
      cleanups.push(() => b.stop());
      return b;
    },
    smtp: async (behaviour: SmtpBehaviour, port = 0): Promise<FakeSmtp> => {
      const server = await startFakeSmtp(behaviour, port);
      servers.push(server);
      return server;
    },
    /** Option 3: name, then e-mail → the lead is saved; returns the bot's thank-you. */
    leaveLead: async (b: TestBot, name: string, email: string): Promise<string> => {
      await sayInOrder(b, MAIL_USER, ['3', name, email]);
      return (
        b
          .sentTo(MAIL_USER)
          .map(bodyText)
          .filter((t) => t.includes('Thank you'))
          .at(-1) ?? ''
      );
    },
  };
}
