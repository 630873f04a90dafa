// Issue 12: a username user's BSUID (up to 135 characters) is accepted wherever an operator types a
// phone, in the admin API and the console; a BSUID typed for a user we know by phone finds that user;
// the console never shows "+US.…". The CLI side is in cli-commands.test.ts.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addOperator } from '../src/ops/operators.js';
import { ADMIN, PASSWORD } from './helpers/console-browser.js';
import { consoleCookie } from './helpers/console-http.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { ALICE, countRowsFor, LONG_BSUID, seedPerson } from './ops-fixtures.js';

/** Alice's (parent) BSUID, also 135 characters: she wrote once with her phone and it, so the pair is stored. */
const ALICE_BSUID = `DE.ENT.${'Zq9w'.repeat(32)}`;

describeEachDb('a BSUID wherever a phone is accepted', (kind) => {
  let bot: TestBot;
  const api = (method: 'GET' | 'DELETE', url: string) =>
    bot.runtime.app.inject({
      method,
      url: `/admin/api${url}`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });

  beforeEach(async () => {
    bot = await startTestBot(kind, {}, { startWorkers: false, seed: false });
    const now = Date.now();
    await seedPerson(bot.runtime.deps.db, LONG_BSUID, now, {
      lead: { name: 'Uma Username', email: 'uma@example.com', interest: 'eligibility' },
    });
    await seedPerson(bot.runtime.deps.db, ALICE, now, {
      bsuid: ALICE_BSUID,
      lead: { name: 'Alice', email: 'alice@example.com', interest: 'eligibility' },
    });
  });
  afterEach(async () => bot.stop());

  it('the admin API reads, exports and deletes a 135-character BSUID user, and finds a phone user by their BSUID', async () => {
    expect(LONG_BSUID).toHaveLength(135);
    const info = await api('GET', `/users/${LONG_BSUID}?messages=1`);
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json()).toMatchObject({ phone: LONG_BSUID, lead: { email: 'uma@example.com' } });
    const byBsuid = await api('GET', `/users/${ALICE_BSUID}?messages=0`);
    expect(byBsuid.statusCode).toBe(200);
    expect(byBsuid.json()).toMatchObject({ phone: ALICE, session: { bsuid: ALICE_BSUID } });
    const exported = await api('GET', `/users/${LONG_BSUID}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.json()).toMatchObject({ session: { phone: LONG_BSUID }, lead: { name: 'Uma Username' } });
    // Longer than any BSUID (and any phone) is still refused with a clear answer.
    const tooLong = await api('GET', `/users/US.${'a'.repeat(200)}`);
    expect(tooLong.statusCode).toBe(400);
    const deleted = await api('DELETE', `/users/${LONG_BSUID}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ phone: LONG_BSUID, deleted: { sessions: 1, leads: 1 } });
    expect(await countRowsFor(bot.runtime.deps.db, LONG_BSUID)).toEqual({
      sessions: 0,
      messages: 0,
      statuses: 0,
      leads: 0,
      notifications: 0,
    });
    expect((await countRowsFor(bot.runtime.deps.db, ALICE)).sessions).toBe(1);
  });

  it('the console shows a BSUID as it is (never "+US.…") and opens a phone user by their BSUID', async () => {
    const now = Date.now();
    await addOperator(
      bot.runtime.deps.db,
      { email: ADMIN, display_name: 'Amira', role: 'admin', password: PASSWORD },
      now,
    );
    const cookie = await consoleCookie(bot, ADMIN, PASSWORD);
    const page = async (url: string) => {
      const res = await bot.runtime.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      return res.body;
    };
    const conversation = await page(`/console/conversations/${LONG_BSUID}`);
    expect(conversation).toContain(`<small>${LONG_BSUID}</small>`);
    expect(conversation).not.toContain('+US.');
    const person = await page(`/console/people/${LONG_BSUID}`);
    expect(person).toContain(`Data protection: ${LONG_BSUID}`);
    const lead = await bot.runtime.deps.db
      .selectFrom('whatsapp_leads')
      .select('id')
      .where('phone', '=', LONG_BSUID)
      .executeTakeFirstOrThrow();
    const leadPage = await page(`/console/leads/${lead.id}`);
    expect(leadPage).toContain(`<span dir="ltr">${LONG_BSUID}</span>`);
    expect(leadPage).not.toContain('+US.');
    const leads = await page('/console/leads');
    expect(leads).toContain(`<span dir="ltr">${LONG_BSUID}</span>`);
    expect(leads).toContain(`<span dir="ltr">+${ALICE}</span>`);
    // Alice by her BSUID: her phone's conversation.
    expect(await page(`/console/conversations/${ALICE_BSUID}`)).toContain(`<small>+${ALICE}</small>`);
    // Signed out, the same page is not shown.
    const anonymous = await bot.runtime.app.inject({ method: 'GET', url: `/console/conversations/${LONG_BSUID}` });
    expect(anonymous.statusCode).not.toBe(200);
    expect(anonymous.body).not.toContain(LONG_BSUID);
  });
});
