// Menu option 4 end to end: WhatsApp webhooks in, a fake CareerJet on loopback answering with
// real-shaped responses, the answer out through the fake Graph API; and options 5 and 6. Both databases.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startFakeCareerjet, type FakeCareerjet } from './helpers/fake-careerjet.js';
import { sayInOrder } from './helpers/fake-smtp.js';
import { listReply, textMessage } from './helpers/payloads.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const CAREERJET_ENV = {
  CAREERJET_AFFID: 'aff-test-123',
  CAREERJET_USER_IP: '203.0.113.9',
  CAREERJET_USER_AGENT: 'NexoraTest/1.0 (WhatsApp)',
  CAREERJET_REFERER: 'https://nexora.example/jobs',
};
const UK_LINK = 'https://www.careerjet.co.uk/search/jobs?s=&l=United+Kingdom';
const CONSULTANT_OFFER = 'talk to one of our consultants';

describeEachDb('job search (option 4) against CareerJet', (kind) => {
  // One bot and one fake CareerJet for the whole block (starting a bot is the slow part); each
  // test is another user and sets the fake's mode.
  let b: TestBot;
  let cj: FakeCareerjet;
  let USER = '';
  let users = 0;
  const extraBots: TestBot[] = [];
  beforeAll(async () => {
    cj = await startFakeCareerjet();
    b = await startTestBot(kind, { ...CAREERJET_ENV, CAREERJET_API_URL: cj.url });
  });
  afterAll(async () => {
    for (const extra of extraBots) await extra.stop();
    await b.stop();
    await cj.close();
  });
  beforeEach(() => {
    USER = `155500072${String(users++).padStart(2, '0')}`;
    cj.requests.length = 0;
    cj.mode = 'jobs'; // JOBS unless a test says otherwise
  });

  /** Option 4, the country, then the kind of job: the bot's texts (the "searching" note, then the answer). */
  async function searchJobs(
    bot: TestBot,
    country: string,
    ask = true,
    keywords = 'any',
    user = USER,
  ): Promise<string[]> {
    if (ask) await bot.say(textMessage(user, '4'));
    await bot.say(textMessage(user, country));
    const before = bot.sentTo(user).length;
    await bot.say(textMessage(user, keywords));
    // idle() may return after the search is done but before its answer went out: wait for the answer.
    await bot.graph.waitFor(() => bot.sentTo(user).length >= before + 2);
    return bot.sentTo(user).slice(before).map(bodyText);
  }

  it('passes the kind of job to CareerJet and names it in the answer', async () => {
    const [searching, answer] = await searchJobs(b, 'uk', true, 'Nurse');
    expect(searching).toContain('Searching “Nurse” jobs in United Kingdom');
    expect(answer).toContain('Here are the latest “Nurse” jobs in the United Kingdom:');
    expect(answer).toContain('See more: https://www.careerjet.co.uk/search/jobs?s=Nurse&l=United+Kingdom');
    expect(cj.requests).toHaveLength(1);
    expect(cj.requests[0]!.params.get('keywords')).toBe('Nurse');
  });

  it('understands a country typed in Russian and answers in Russian, with no English place name', async () => {
    const user = `${USER}7`;
    await b.say(textMessage(user, 'Привет'));
    const [searching, answer] = await searchJobs(b, 'Германия', true, 'инженер', user);
    expect(searching).toContain('Ищу вакансии «инженер»: Германия');
    expect(answer).toContain('Свежие вакансии «инженер» (Германия):');
    expect(answer).not.toMatch(/Germany|\bthe\b/);
    expect(
      cj.requests.map((r) => [r.params.get('locale_code'), r.params.get('location'), r.params.get('keywords')]),
    ).toEqual([['de_DE', 'Deutschland', 'инженер']]);
  });

  it('answers with three current jobs and a link to more, asking CareerJet with the configured parameters', async () => {
    const [searching, answer] = await searchJobs(b, 'uk');

    expect(searching).toContain('Searching jobs in United Kingdom');
    expect(answer).toContain('Here are the latest jobs in the United Kingdom:');
    for (const s of [
      '1. *Senior Nurse & Midwife*',
      "🏢 St Mary's Trust",
      '📍 London',
      '🔗 https://jobviewtrack.com/en-gb/job-1a2b3c/abcdef1?affid=test',
    ]) {
      expect(answer).toContain(s);
    }
    expect(answer).toContain('2. *Software Engineer*\n🏢 Acme "Cloud" Ltd\n📍 Manchester, Greater Manchester');
    expect(answer).toContain('3. *Care Assistant*\n📍 Leeds'); // no company: no company line
    expect(answer).not.toContain('Chef de Partie');
    expect(answer).toContain(`See more: ${UK_LINK}`);
    expect(answer).toContain(CONSULTANT_OFFER);

    expect(cj.requests).toHaveLength(1);
    const { params, headers } = cj.requests[0]!;
    expect(Object.fromEntries(params)).toEqual({
      affid: 'aff-test-123',
      user_ip: '203.0.113.9',
      user_agent: 'NexoraTest/1.0 (WhatsApp)',
      url: 'https://nexora.example/jobs',
      locale_code: 'en_GB',
      location: 'United Kingdom',
      pagesize: '3',
      page: '1',
      sort: 'date',
    });
    expect(headers.referer).toBe('https://nexora.example/jobs');
  });

  it('reads "uk", "U.K.", "United Kingdom" and "England" as the UK, on the session and on an existing lead', async () => {
    await sayInOrder(b, USER, ['3', 'Ana Lima', 'ana@example.com']);
    const db = b.runtime.deps.db;
    for (const input of ['uk', 'U.K.', 'United Kingdom', 'England']) {
      await searchJobs(b, input);
      const session = await db
        .selectFrom('whatsapp_sessions')
        .selectAll()
        .where('phone', '=', USER)
        .executeTakeFirstOrThrow();
      const lead = await db
        .selectFrom('whatsapp_leads')
        .selectAll()
        .where('phone', '=', USER)
        .executeTakeFirstOrThrow();
      expect([session.country_of_interest, lead.country_of_interest]).toEqual(['United Kingdom', 'United Kingdom']);
    }
    expect(cj.requests.map((r) => r.params.get('locale_code'))).toEqual(['en_GB', 'en_GB', 'en_GB', 'en_GB']);
    // A region stays the place searched.
    expect(cj.requests.map((r) => r.params.get('location'))).toEqual([
      'United Kingdom',
      'United Kingdom',
      'United Kingdom',
      'England',
    ]);
  });

  it('asks again with examples for a country it does not know, without searching', async () => {
    await b.say(textMessage(USER, '4'));
    const [reask] = await b.say(textMessage(USER, 'Atlantis'));
    expect(bodyText(reask!)).toContain(
      "I don't know that country yet. Please type a country name, for example United Kingdom, United States",
    );
    expect(cj.requests).toHaveLength(0);
    const session = await b.runtime.deps.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', USER)
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ current_step: 'ask_country', country_of_interest: null });

    const [, answer] = await searchJobs(b, 'Deutschland', false);
    expect(cj.requests[0]!.params.has('keywords')).toBe(false); // "any": no keywords
    expect(answer).toContain('Here are the latest jobs in Germany:');
    expect([cj.requests[0]!.params.get('locale_code'), cj.requests[0]!.params.get('location')]).toEqual([
      'de_DE',
      'Deutschland',
    ]);
  });

  it('offers the search link and a consultant when there are no jobs', async () => {
    cj.mode = 'none';
    const [, answer] = await searchJobs(b, 'United Kingdom');
    expect(answer).toContain("I couldn't find any current job openings in the United Kingdom just now.");
    expect(answer).toContain(UK_LINK);
    expect(answer).toContain(CONSULTANT_OFFER);
  });

  it.each(['error', 'http500'] as const)(
    'offers the search link and a consultant when CareerJet answers %s',
    async (mode) => {
      cj.mode = mode;
      const [, answer] = await searchJobs(b, 'uk');
      expect(cj.requests).toHaveLength(1);
      expect(answer).toContain('Our job search is not available at the moment.');
      expect(answer).toContain(UK_LINK);
      expect(answer).toContain(CONSULTANT_OFFER);
      const [row] = await b.runtime.deps.db
        .selectFrom('notifications')
        .selectAll()
        .where('kind', '=', 'job_search')
        .where('phone', '=', USER)
        .execute();
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    },
  );

  it('answers with the search link without asking CareerJet when CAREERJET_AFFID is not set', async () => {
    const noAffid = await startTestBot(kind, { ...CAREERJET_ENV, CAREERJET_API_URL: cj.url, CAREERJET_AFFID: '' });
    extraBots.push(noAffid);
    const [, answer] = await searchJobs(noAffid, 'uk');
    expect(answer).toContain(UK_LINK);
    expect(answer).toContain(CONSULTANT_OFFER);
    expect(cj.requests).toHaveLength(0);
  });
});

describeEachDb('options 5 (booking) and 6 (brochure)', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind, {
      BOOKING_URL: 'https://book.example.test/nexora',
      BROCHURE_URL: 'https://files.example.test/nexora-2025.pdf',
      BROCHURE_FILENAME: 'Nexora 2025.pdf',
      BROCHURE_CAPTION: 'Our programs, 2025 edition',
    });
  });
  afterAll(async () => bot.stop());

  it.each([
    ['by number', '15550007291', (user: string, n: number) => textMessage(user, String(n))],
    [
      'by list reply',
      '15550007292',
      (user: string, n: number) => listReply(user, `menu:${n}`, n === 5 ? 'Book Consultation' : 'Download Brochure'),
    ],
  ])('sends the booking link and the configured brochure document %s', async (_how, user, message) => {
    const [booking] = await bot.say(message(user, 5));
    expect(bodyText(booking!)).toContain('https://book.example.test/nexora');
    expect(bodyText(booking!)).toContain('Book a consultation');
    const [doc] = await bot.say(message(user, 6));
    expect(doc!.body).toMatchObject({
      type: 'document',
      document: {
        link: 'https://files.example.test/nexora-2025.pdf',
        filename: 'Nexora 2025.pdf',
        caption: 'Our programs, 2025 edition',
      },
    });
  });
});
