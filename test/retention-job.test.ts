import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { RetentionJob } from '../src/pipeline/retention-job.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { ManualClock, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

describeEachDb('the daily retention purge', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('purges finished messages older than DATA_RETENTION_DAYS and keeps leads, recent messages and pending work', async () => {
    const clock = new ManualClock();
    bot = await startTestBot(kind, { MARK_READ: 'false', ADMIN_EMAIL: 'a@nexora.example' }, { clock });
    for (const text of ['3', 'Old Lead', 'old@example.com'])
      await bot.say(textMessage('15550012001', text, { ts: Math.floor(clock.now() / 1000) }));
    clock.advance(40 * 86_400_000);
    await bot.say(textMessage('15550012002', 'hi', { ts: Math.floor(clock.now() / 1000) }));
    await bot.runtime.inbound.stop();
    await bot.post(
      envelope({ messages: [textMessage('15550012003', 'hi', { ts: Math.floor(clock.now() / 1000) - 40 * 86_400 })] }),
    );

    const job = new RetentionJob({
      db: bot.runtime.deps.db,
      clock,
      log: pino({ level: 'silent' }),
      retentionDays: 30,
      media: bot.runtime.deps.media,
    });
    await job.runOnce();
    const left = await bot.runtime.deps.db.selectFrom('whatsapp_messages').select(['phone', 'status']).execute();
    expect(left.filter((m) => m.phone === '15550012001')).toEqual([]);
    expect(left.filter((m) => m.phone === '15550012002').length).toBeGreaterThan(0);
    // Unprocessed work is never purged, however old its WhatsApp timestamp.
    expect(left.filter((m) => m.phone === '15550012003')).toEqual([{ phone: '15550012003', status: 'received' }]);
    const lead = await bot.runtime.deps.db
      .selectFrom('whatsapp_leads')
      .selectAll()
      .where('phone', '=', '15550012001')
      .executeTakeFirst();
    expect(lead?.email).toBe('old@example.com');
  });
});
