import { afterEach, beforeEach, expect, it } from 'vitest';
import { getUserInfo } from '../src/ops/get-user-info.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { listReply, textMessage } from './helpers/payloads.js';

const USER = '15550007777';

describeEachDb('the language is stored on the user and shown to operators', (kind) => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot(kind, { ADMIN_EMAIL: 'team@nexora.example' });
  });
  afterEach(async () => bot.stop());

  const language = async () =>
    (
      await bot.runtime.deps.db
        .selectFrom('whatsapp_sessions')
        .select('language')
        .where('phone', '=', USER)
        .executeTakeFirstOrThrow()
    ).language;

  it('keeps the choice from the 🌐 list, shows it in the user view and puts it in the lead event', async () => {
    const [menu] = await bot.say(textMessage(USER, '12345'));
    const rows = (menu!.body as any).interactive.action.sections.flatMap((s: any) => s.rows);
    expect(rows.at(-1)).toMatchObject({ id: 'nav:language' });
    const [list] = await bot.say(listReply(USER, 'nav:language', '🌐 Language'));
    const langRows = (list!.body as any).interactive.action.sections.flatMap((s: any) => s.rows);
    expect(langRows.map((r: any) => r.id)).toHaveLength(10);
    expect(langRows.map((r: any) => r.title)).toContain('Русский');
    await bot.say(listReply(USER, 'lang:ru', 'Русский'));
    expect(await language()).toBe('ru');
    // Another message does not reset it.
    await bot.say(textMessage(USER, 'menu'));
    expect(await language()).toBe('ru');

    const info = await getUserInfo(bot.runtime.deps.db, USER, { messages: 5 });
    expect(info.session).toMatchObject({ language: 'ru', languageLabel: 'Russian (ru)' });

    await bot.say(textMessage(USER, '3'));
    await bot.say(textMessage(USER, 'Ivan Petrov'));
    const [thanks] = await bot.say(textMessage(USER, 'ivan@example.com'));
    expect(bodyText(thanks!)).toContain('Ivan Petrov');
    const note = await bot.runtime.deps.db
      .selectFrom('notifications')
      .select('payload')
      .where('kind', '=', 'lead_email')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(note.payload)).toMatchObject({ lead: { phone: USER, language: 'ru' } });
  });

  it('is detected from the first message and then kept; a message that says nothing leaves it open', async () => {
    await bot.say(textMessage(USER, '👍'));
    expect(await language()).toBeNull();
    await bot.say(textMessage(USER, 'Здравствуйте, интересует ВНЖ'));
    expect(await language()).toBe('ru');
    await bot.say(textMessage(USER, 'hola'));
    expect(await language()).toBe('ru');
  });

  it('is not guessed from an answer: a name at the name step leaves it open', async () => {
    await bot.say(textMessage(USER, '3'));
    await bot.say(textMessage(USER, 'María José van der Berg'));
    expect(await language()).toBeNull();
  });

  it('can be changed again at any step by typing the word for "language"', async () => {
    await bot.say(listReply(USER, 'lang:fr', 'Français'));
    expect(await language()).toBe('fr');
    await bot.say(textMessage(USER, '2'));
    const [list] = await bot.say(textMessage(USER, 'язык'));
    expect((list!.body as any).interactive.type).toBe('list');
    await bot.say(textMessage(USER, 'Español'));
    expect(await language()).toBe('es');
  });
});
