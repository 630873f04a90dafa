// A CareerJet slower than the client's 4 s bound, end to end (its own file: it takes ~4 s per
// database, and runs beside the other files). The user keeps talking meanwhile, and still gets an answer.
import { afterEach, expect, it } from 'vitest';
import { startFakeCareerjet } from './helpers/fake-careerjet.js';
import { textMessage, envelope } from './helpers/payloads.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550007301';

describeEachDb('job search while CareerJet is slow', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('answers the next message at once, then falls back to the search link when the lookup times out', async () => {
    const cj = await startFakeCareerjet('jobs');
    cj.delayMs = 6_000;
    cleanups.push(() => cj.close());
    const bot: TestBot = await startTestBot(kind, { CAREERJET_API_URL: cj.url, CAREERJET_AFFID: 'aff-test-123' });
    cleanups.push(() => bot.stop());
    const texts = () => bot.sentTo(USER).map(bodyText);
    const waitForText = (needle: string, timeoutMs: number) =>
      bot.graph.waitFor(() => texts().some((t) => t.includes(needle)), timeoutMs);

    await bot.say(textMessage(USER, '4'));
    await bot.say(textMessage(USER, 'uk'));
    await bot.post(envelope({ messages: [textMessage(USER, 'any')] }));
    await cj.waitFor((c) => c.requests.length === 1);
    const asked = Date.now();

    // The lookup is running; the user's next message does not wait for it.
    await bot.post(envelope({ messages: [textMessage(USER, '5')] }));
    await waitForText('Book a consultation', 2_000);
    expect(texts().some((t) => t.includes('careerjet.co.uk'))).toBe(false);

    await waitForText('Our job search is not available at the moment.', 8_000);
    const waited = Date.now() - asked;
    expect(waited).toBeGreaterThanOrEqual(3_900);
    expect(waited).toBeLessThan(8_000); // 4 s bound plus scheduling, well before the 6 s answer
    const answer = texts().at(-1)!;
    expect(answer).toContain('https://www.careerjet.co.uk/search/jobs?s=&l=United+Kingdom');
    expect(answer).toContain('talk to one of our consultants');
    const order = texts().map((t) =>
      t.includes('Searching jobs')
        ? 'searching'
        : t.includes('Book a consultation')
          ? 'booking'
          : t.includes('not available')
            ? 'fallback'
            : 'other',
    );
    expect(order.filter((o) => o !== 'other')).toEqual(['searching', 'booking', 'fallback']);
  });
});
