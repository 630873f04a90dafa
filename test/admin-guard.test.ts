import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

describeEachDb('one token guard for every admin surface', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind, {}, { startWorkers: false });
  });
  afterAll(async () => bot.stop());

  it('throttles an address guessing the token on /metrics and /webhook/stats in the admin API too', async () => {
    const get = (url: string, token: string) =>
      bot.runtime.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 5; i++) expect((await get('/metrics', `guess-${i}`)).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) expect((await get('/webhook/stats/15550001234', `guess-${i}`)).statusCode).toBe(401);
    // Ten failures from this address across the surfaces: now even the right token is refused.
    expect((await get('/admin/api/stats', TEST_ADMIN_TOKEN)).statusCode).toBe(429);
    expect((await get('/metrics', TEST_ADMIN_TOKEN)).statusCode).toBe(429);
  });
});
