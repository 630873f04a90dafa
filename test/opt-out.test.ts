import { afterEach, expect, it } from 'vitest';
import { textMessage } from './helpers/payloads.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550009999';

describeEachDb('STOP and START', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('confirms STOP once, then sends nothing (not even read receipts) until START', async () => {
    bot = await startTestBot(kind);
    await bot.say(textMessage(USER, 'hi'));
    const [confirm, ...rest] = await bot.say(textMessage(USER, ' STOP '));
    expect(rest).toHaveLength(0);
    expect(bodyText(confirm!)).toMatch(/unsubscribed/i);
    const readsBefore = bot.graph.requests.filter((r) => r.kind === 'read').length;
    expect(await bot.say(textMessage(USER, '1'))).toHaveLength(0);
    expect(await bot.say(textMessage(USER, 'unsubscribe'))).toHaveLength(0);
    expect(bot.graph.requests.filter((r) => r.kind === 'read').length).toBe(readsBefore);
    const session = await bot.runtime.deps.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', USER)
      .executeTakeFirstOrThrow();
    expect(session.opted_out).toBe(1);
    // Both messages are stored (the history is complete) but were answered by silence.
    const inbound = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select('status')
      .where('direction', '=', 'incoming')
      .execute();
    expect(inbound.every((r) => r.status === 'processed')).toBe(true);

    const back = await bot.say(textMessage(USER, 'START'));
    expect(bodyText(back[0]!)).toMatch(/welcome back/i);
    expect(back.map(bodyText).join('\n')).toContain('Welcome to Nexora Investments');
    const after = await bot.runtime.deps.db
      .selectFrom('whatsapp_sessions')
      .select('opted_out')
      .where('phone', '=', USER)
      .executeTakeFirstOrThrow();
    expect(after.opted_out).toBe(0);
  });

  it('cancels replies still queued when the user opts out', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false });
    const t = Math.floor(Date.now() / 1000);
    await bot.post({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: { messages: [textMessage(USER, 'hi', { ts: t - 1 }), textMessage(USER, 'stop', { ts: t })] },
            },
          ],
        },
      ],
    });
    bot.runtime.inbound.start();
    for (let i = 0; i < 200; i++) {
      const left = await bot.runtime.deps.db
        .selectFrom('whatsapp_messages')
        .select('id')
        .where('status', '=', 'received')
        .execute();
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    bot.runtime.sender.start();
    await bot.idle();
    const sent = bot.sentTo(USER).map(bodyText);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/unsubscribed/i);
    const cancelled = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('status', '=', 'failed')
      .execute();
    expect(cancelled[0]?.error_title).toMatch(/opted out/);
  });
});
