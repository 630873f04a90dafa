// The whole scripted conversation — first message → main menu → explore → eligibility → consultant
// form → lead — in each of the ten languages, through POST /webhook and the real pipeline. All ten
// on SQLite; one on PostgreSQL (the SQL is the same for every language).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../src/i18n/languages.js';
import { messagesFor } from '../src/messages.js';
import { FAQ } from '../src/content/faq/index.js';
import { HUMAN_REQUEST_WORDS } from '../src/content/handoff-words.js';
import { ANY_JOB_WORDS, OPTION_WORDS } from '../src/content/keywords.js';
import { START_WORDS as OPT_OUT_START, STOP_WORDS as OPT_OUT_STOP } from '../src/content/opt-out-words.js';
import { OPENERS } from './fixtures/language-openers.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { buttonReply, listReply, textMessage } from './helpers/payloads.js';
import type { FakeGraphRequest } from './helpers/fake-graph.js';

const SEED = JSON.parse(readFileSync(new URL('../data-seed/programs.json', import.meta.url), 'utf8')) as {
  name: string;
  processing_time: string;
  translations?: Record<string, { processing_time?: string }>;
}[];

const NAMES: Record<Language, string> = {
  en: 'Jane Doe',
  ar: 'محمد العلي',
  fa: 'سارا محمدی',
  ru: 'Иван Петров',
  'zh-Hans': '王小明',
  hi: 'राहुल शर्मा',
  tr: 'Ayşe Yılmaz',
  fr: 'Élodie Martin',
  es: 'María José García',
  'pt-BR': 'João Silva',
};

const interactive = (r: FakeGraphRequest | undefined): any => (r?.body as any)?.interactive;

describeEachDb('the scripted conversation in every language, through the webhook', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind, { ADMIN_EMAIL: 'team@nexora.example' });
  });
  afterAll(async () => bot.stop());

  const languages = kind === 'sqlite' ? LANGUAGES : (['fa'] as const);
  it.each(languages)('%s: detected from the first message, answered in it to the lead', async (language) => {
    const t = messagesFor(language);
    const user = `1555010${String(LANGUAGES.indexOf(language)).padStart(4, '0')}`;

    const [menu] = await bot.say(textMessage(user, OPENERS[language][1]!));
    expect(interactive(menu).action.button).toBe(t.t('menu.button'));
    expect(interactive(menu).body.text).toContain(t.t('menu.welcome'));

    const [categories] = await bot.say(textMessage(user, '1'));
    expect(interactive(categories).action.button).toBe(t.t('explore.button'));
    const [programs] = await bot.say(listReply(user, 'cat:A', 'A'));
    expect(bodyText(programs!)).toContain(t.t('program.investment', { amount: t.usd(280000) }));
    expect(bodyText(programs!)).toContain(t.t('programs.followUp'));
    // The processing time in the language (data-seed translations), English for English.
    const portugal = SEED.find((p) => p.name === 'Portugal Golden Residency Program')!;
    const time = language === 'en' ? portugal.processing_time : portugal.translations![language]!.processing_time!;
    expect(bodyText(programs!)).toContain(t.t('program.processing', { time }));

    await bot.say(textMessage(user, '2'));
    const [eligible] = await bot.say(textMessage(user, '300000'));
    expect(bodyText(eligible!)).toContain(t.t('eligibility.intro', { amount: t.usd(300000) }));

    const [askName] = await bot.say(textMessage(user, '3'));
    expect(bodyText(askName!)).toContain(t.t('consultant.askName'));
    const name = NAMES[language];
    const [askEmail] = await bot.say(textMessage(user, name));
    expect(bodyText(askEmail!)).toBe(t.t('consultant.askEmail', { name }));
    const [saved] = await bot.say(textMessage(user, `lead.${user}@example.com`));
    expect(bodyText(saved!)).toBe(`${t.t('consultant.saved', { name })}\n\n${t.t('consultant.offerChat')}`);
    // The offer of a consultant now, as two reply buttons; "yes" hands the conversation over.
    const yes = t.t('consultant.offerChatYes');
    expect(interactive(saved).action.buttons.map((b: any) => [b.reply.id, b.reply.title])).toEqual([
      ['handoff:request', yes],
      ['nav:menu', t.t('consultant.offerChatNo')],
    ]);
    const [pending] = await bot.say(buttonReply(user, 'handoff:request', yes));
    expect(bodyText(pending!)).toBe(t.t('handoff.pendingNow'));

    const db = bot.runtime.deps.db;
    const session = await db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', user)
      .executeTakeFirstOrThrow();
    expect(session.language).toBe(language);
    const lead = await db.selectFrom('whatsapp_leads').selectAll().where('phone', '=', user).executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ name, budget: 300000 });
    const note = await db
      .selectFrom('notifications')
      .select('payload')
      .where('phone', '=', user)
      .where('kind', '=', 'lead_email')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(note.payload)).toMatchObject({ lead: { language } });
  });

  it.each(languages)(
    '%s: jobs, the brochure by its word, an FAQ question, the "more" row, STOP/START and a handoff word',
    async (language) => {
      const t = messagesFor(language);
      const user = `1555011${String(LANGUAGES.indexOf(language)).padStart(4, '0')}`;
      await bot.say(textMessage(user, OPENERS[language][2]!));

      // Jobs: the country typed in the language, then "any" in the language; the answer follows.
      await bot.say(textMessage(user, '4'));
      const germany = new Intl.DisplayNames([language], { type: 'region' }).of('DE')!;
      const [askKeywords] = await bot.say(textMessage(user, germany));
      expect(bodyText(askKeywords!)).toContain(t.t('jobs.askKeywords', { country: germany }));
      const before = bot.sentTo(user).length;
      const [searching] = await bot.say(textMessage(user, ANY_JOB_WORDS[language]![0]!));
      expect(bodyText(searching!)).toBe(t.t('jobs.searching', { country: germany }));
      await bot.graph.waitFor(() => bot.sentTo(user).length >= before + 2);
      const answer = bodyText(bot.sentTo(user).at(-1)!);
      expect(answer).toContain('https://www.careerjet.de/suchen/stellenangebote?s=&l=Deutschland');
      expect(answer).toContain(t.t('jobs.consultant'));
      if (language !== 'en') expect(answer).not.toContain('Germany');

      // The brochure by its everyday name in the language.
      const [doc] = await bot.say(textMessage(user, OPTION_WORDS[language]![6]![0]!));
      expect(doc!.body).toMatchObject({ type: 'document' });

      // An FAQ question in the language gets the answer in the language.
      const family = FAQ[language]!.find((e) => e.id === 'family')!;
      const [faq] = await bot.say(textMessage(user, family.question));
      expect(bodyText(faq!)).toBe(family.answer);

      // A budget that fits every program: five, then the "more" row for the rest.
      await bot.say(textMessage(user, '2'));
      const [eligible, menu] = await bot.say(textMessage(user, '$5M'));
      expect(bodyText(eligible!)).toContain(t.t('eligibility.intro', { amount: t.usd(5_000_000) }));
      const rows = interactive(menu).action.sections.flatMap((s: any) => s.rows.map((r: any) => r.id));
      expect(rows[0]).toBe('more:eligible:5');
      const [more] = await bot.say(listReply(user, 'more:eligible:5', t.t('eligibility.moreRow')));
      expect(bodyText(more!)).toContain(
        t.t('eligibility.pageIntro', { amount: t.usd(5_000_000), from: 6, to: SEED.length, count: SEED.length }),
      );

      // STOP and START in the language.
      const [stopped] = await bot.say(textMessage(user, OPT_OUT_STOP[language]![0]!));
      expect(bodyText(stopped!)).toBe(t.t('optOut.confirmed'));
      const [started] = await bot.say(textMessage(user, OPT_OUT_START[language]![0]!));
      expect(bodyText(started!)).toContain(t.t('optIn.confirmed'));

      // A handoff word in the language: a consultant will reply (no business hours configured).
      const [pending] = await bot.say(textMessage(user, HUMAN_REQUEST_WORDS[language]![0]!));
      expect(bodyText(pending!)).toBe(t.t('handoff.pendingNow'));
      const state = await bot.runtime.deps.db
        .selectFrom('whatsapp_sessions')
        .select(['language'])
        .where('phone', '=', user)
        .executeTakeFirstOrThrow();
      expect(state.language).toBe(language);
    },
  );

  it('switches language mid-conversation from the 🌐 row, and the next answer is in the new one', async () => {
    const user = '15550109999';
    await bot.say(textMessage(user, 'Привет'));
    const [list] = await bot.say(listReply(user, 'nav:language', '🌐 Язык'));
    expect(interactive(list).action.button).toBe(messagesFor('ru').t('language.button'));
    const [changed] = await bot.say(listReply(user, 'lang:tr', 'Türkçe'));
    const tr = messagesFor('tr');
    expect(interactive(changed).body.text).toContain(tr.t('language.changed'));
    const [ask] = await bot.say(textMessage(user, '4'));
    expect(bodyText(ask!)).toContain(tr.t('jobs.askCountry'));
  });
});
