// The words people type instead of tapping: yes and no to the bot's offers, and a menu option's
// everyday name ("brochure", "брошюра", "كتيب"), in each of the ten languages (content/keywords.ts).
import { describe, expect, it } from 'vitest';
import { HOME_WORDS, NO_WORDS, OPTION_WORDS, YES_WORDS } from '../content/keywords.js';
import { asksForHuman } from '../handoff/keywords.js';
import { LANGUAGES } from '../i18n/languages.js';
import { messagesFor } from '../messages.js';
import { isHomeCommand, parseYesNo } from './intent.js';
import { Chat, allText, rowIds } from './test-support.js';

/** After a program card, which ends with "Interested? Reply 3 to talk to a consultant…". */
function afterProgramCard(language: string): Chat {
  const chat = new Chat({ language });
  chat.say('1');
  chat.tap('cat:A', '');
  return chat;
}

function afterLead(language: string): Chat {
  const chat = new Chat({ language });
  for (const text of ['3', 'Ana Lima', 'ana@example.com']) chat.say(text);
  return chat;
}

const OPTION_STEP = { 1: 'choose_category', 2: 'ask_budget', 4: 'ask_country' } as const;

describe('yes and no', () => {
  it.each(LANGUAGES)('%s: every yes word after a consultant offer starts the consultant form', (language) => {
    for (const word of YES_WORDS[language]!) {
      const r = afterProgramCard(language).say(word);
      expect(r.state.step, `${language}: ${word}`).toBe('ask_name');
      expect(allText(r)).toContain(messagesFor(language).t('consultant.askName'));
    }
  });

  it.each(LANGUAGES)('%s: every no word brings the short menu, with nothing started', (language) => {
    const t = messagesFor(language);
    for (const word of NO_WORDS[language]!) {
      const r = afterProgramCard(language).say(word);
      expect(r.state.step, `${language}: ${word}`).toBe('main_menu');
      expect(r.effects).toEqual([]);
      expect(r.replies).toHaveLength(1);
      expect(allText(r)).toContain(t.t('menu.anythingElse'));
      expect(allText(r)).not.toContain(t.t('menu.didNotUnderstand'));
    }
  });

  it.each(LANGUAGES)(
    '%s: yes right after a saved lead asks for a consultant in this chat, as the button does',
    (language) => {
      const r = afterLead(language).say(YES_WORDS[language]![0]!);
      expect(r.effects).toEqual([{ kind: 'request_handoff' }]);
      expect(r.signals).toEqual([{ kind: 'option', option: 7 }]);
    },
  );

  it('answers only the offer just made: after another message, yes is the consultant form again', () => {
    const chat = afterLead('en');
    chat.say('5');
    expect(chat.say('yes').state.step).toBe('ask_name');
  });

  it.each([
    ['Yes!', 'yes'],
    ['  YES please ', 'yes'],
    ['Да.', 'yes'],
    ['нет, спасибо', 'no'],
    ['لا، شكرا', 'no'],
    ['不用了。', 'no'],
    ['Sí', 'yes'],
    ['Não, obrigado', 'no'],
    ['yesterday', null],
    ['no idea what to pick', null],
    ['да нет наверное', null],
  ] as const)('%j reads as %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });

  it('yes from a brand-new user is the consultant form, not an apology', () => {
    const r = new Chat({ language: 'ru' }).say('да');
    expect(r.state.step).toBe('ask_name');
  });
});

describe('the everyday name of a menu option', () => {
  it.each(LANGUAGES)('%s: each word opens its option, from the menu and as a first message', (language) => {
    for (const [n, words] of Object.entries(OPTION_WORDS[language]!)) {
      for (const word of words) {
        for (const chat of [new Chat({ language }), afterProgramCard(language)]) {
          const r = chat.say(word);
          const label = `${language}: ${word} → ${n}`;
          expect(r.signals, label).toContainEqual({ kind: 'option', option: Number(n) });
          if (n === '6') expect(r.replies[0]?.kind, label).toBe('document');
          else if (n === '5') expect(allText(r), label).toContain('https://nexorainvestments.com/book');
          else expect(r.state.step, label).toBe(OPTION_STEP[Number(n) as 1 | 2 | 4]);
        }
      }
    }
  });

  it.each([
    ['brochure', 'en'],
    ['Брошюра', 'ru'],
    ['брошюру', 'ru'],
    ['كتيب', 'ar'],
    ['宣传册', 'zh-Hans'],
    ['broşür', 'tr'],
    ['Folleto', 'es'],
  ])('%j in a %s conversation sends the brochure', (word, language) => {
    const r = afterProgramCard(language).say(word);
    expect(r.replies[0]?.kind).toBe('document');
    expect(rowIds(r.replies[1])).toContain('menu:1');
  });

  it('a job word at the kind-of-job step is the job searched, not option 4 again', () => {
    const chat = new Chat({ language: 'es' });
    chat.say('4');
    chat.say('España');
    expect(chat.say('trabajo').effects).toEqual([{ kind: 'job_search', country: 'España', keywords: 'trabajo' }]);
  });

  it('has no word that means two things', () => {
    const optionWords = Object.values(OPTION_WORDS).flatMap((byOption) =>
      Object.entries(byOption).flatMap(([n, words]) => words.map((w) => [w.toLowerCase(), n] as const)),
    );
    const byWord = new Map<string, Set<string>>();
    for (const [w, n] of optionWords) byWord.set(w, (byWord.get(w) ?? new Set()).add(n));
    expect([...byWord].filter(([, ns]) => ns.size > 1)).toEqual([]);
    const yesNo = [...Object.values(YES_WORDS), ...Object.values(NO_WORDS)].flat();
    for (const w of [...byWord.keys(), ...yesNo]) {
      expect(isHomeCommand(w), w).toBe(false);
      expect(asksForHuman(w), w).toBe(false);
      expect(parseYesNo(w) === null || !byWord.has(w), w).toBe(true);
    }
    const yes = new Set(Object.values(YES_WORDS).flat());
    expect(
      Object.values(NO_WORDS)
        .flat()
        .filter((w) => yes.has(w)),
    ).toEqual([]);
    expect(
      Object.values(HOME_WORDS)
        .flat()
        .filter((w) => parseYesNo(w) !== null),
    ).toEqual([]);
  });
});
