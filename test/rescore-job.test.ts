// The stored lead score's recency part follows the calendar: the daily RescoreJob and the CLI's
// `rescore-leads` both run ops/rescore-leads, here with a clock moved by hand.
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { RescoreJob } from '../src/pipeline/rescore-job.js';
import { runCli } from './cli-harness.js';
import { textMessage } from './helpers/payloads.js';
import { ManualClock, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const DAY = 86_400_000;
const USER = '15550013001';

describeEachDb('the daily lead rescore', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it(
    'lowers the recency points of a quiet lead as days pass, on schedule and from the CLI',
    { timeout: 120_000 },
    async () => {
      const clock = new ManualClock();
      bot = await startTestBot(kind, { MARK_READ: 'false' }, { clock });
      for (const text of ['3', 'Quiet Lead', 'quiet@example.com'])
        await bot.say(textMessage(USER, text, { ts: Math.floor(clock.now() / 1000) }));
      const db = bot.runtime.deps.db;
      const stored = () =>
        db
          .selectFrom('whatsapp_leads')
          .select(['score', 'score_reasons', 'scored_at'])
          .where('phone', '=', USER)
          .executeTakeFirstOrThrow();
      const recency = (r: { score_reasons: string | null }) =>
        (JSON.parse(r.score_reasons ?? '[]') as { rule: string; points: number; reason: string }[]).find(
          (x) => x.rule === 'recent_activity',
        );
      const fresh = await stored();
      expect(recency(fresh)).toMatchObject({ points: 10, reason: 'Last wrote today' });

      // 15 days without a word: full points for a day, then halved every 7 days -> 10 * 0.5^2 = 2.5 -> 3.
      clock.advance(15 * DAY);
      const log = pino({ level: 'silent' });
      await new RescoreJob({ db, clock, log }).runOnce();
      const later = await stored();
      expect(recency(later)).toMatchObject({ points: 3, reason: 'Last wrote 15 days ago' });
      expect(Number(later.score)).toBe(Number(fresh.score) - 7);
      expect(Number(later.scored_at)).toBe(clock.now());

      // After 60 days the recency reason is gone altogether (it rounds to 0 points).
      clock.advance(45 * DAY);
      const job = new RescoreJob({ db, clock, log, firstRunMs: 10 });
      job.start();
      await expect.poll(async () => Number((await stored()).scored_at), { timeout: 20_000 }).toBe(clock.now());
      await job.stop();
      const old = await stored();
      expect(recency(old)).toBeUndefined();
      expect(Number(old.score)).toBe(Number(fresh.score) - 10);

      // The CLI runs the same operation with the real clock: the message was just now, so full points again.
      const run = await runCli(['rescore-leads', '--json'], { env: { DATABASE_URL: bot.database.url } });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(run.stdout)).toMatchObject({ leadsScored: 1 });
      const cli = await stored();
      expect(recency(cli)).toMatchObject({ points: 10 });
      expect(Number(cli.score)).toBe(Number(fresh.score));
    },
  );
});
