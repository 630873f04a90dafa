// The seed programs' descriptions in each language (data-seed/programs.json `translations`), read by
// the real loader and shown on the program card a question brings up; English is the fallback.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n/languages.js';
import { readProgramsFile } from '../store/load-seed-programs.js';
import { Chat, allText } from './test-support.js';

const SEED = fileURLToPath(new URL('../../data-seed/programs.json', import.meta.url));

describe('program descriptions in the user language', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s: every seed program has its own description', async (language) => {
    const programs = await readProgramsFile(SEED);
    for (const p of programs) {
      const own = p.translations?.[language]?.description;
      expect(own, `${p.name} in ${language}`).toBeTruthy();
      expect(own).not.toBe(p.description);
    }
  });

  it.each([
    ['ru', 'Португалия', 'Золотая виза за инвестиции в недвижимость'],
    ['zh-Hans', '葡萄牙', '通过房地产投资获得黄金签证'],
    ['ar', 'البرتغال', 'تأشيرة ذهبية عبر الاستثمار العقاري'],
    ['es', 'Portugal', 'Visa dorada mediante inversión inmobiliaria'],
    ['en', 'Portugal', 'Golden Visa through real estate investment'],
  ])('%s: a question about %s shows the card with %j', async (language, question, description) => {
    const chat = new Chat({ language, programs: await readProgramsFile(SEED) });
    chat.say('hi');
    const card = allText(chat.say(question));
    expect(card).toContain(description);
    if (language !== 'en') expect(card).not.toContain('Golden Visa through real estate investment');
  });
});
