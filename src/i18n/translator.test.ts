import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../content/catalogues.js';
import { messagesFor } from '../messages.js';
import { LANGUAGES, toLanguage } from './languages.js';
import { createTranslator } from './translator.js';

describe('toLanguage', () => {
  it.each([
    ['fr', 'fr'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['zh', 'zh-Hans'],
    ['zh_CN', 'zh-Hans'],
    ['AR', 'ar'],
    ['xx', 'en'],
    ['', 'en'],
    ['%%%', 'en'],
    [null, 'en'],
  ])('reads %s as %s', (tag, language) => {
    expect(toLanguage(tag)).toBe(language);
  });
});

describe('the renderer', () => {
  it('formats plurals and money for the locale', () => {
    const en = messagesFor('en');
    expect(en.t('explore.rowDescription', { count: 1, amount: en.usd(100000) })).toBe('1 program, from $100,000');
    expect(en.t('explore.rowDescription', { count: 3, amount: en.usd(250000) })).toBe('3 programs, from $250,000');
    expect(messagesFor('fr').usd(250000)).toMatch(/^250\s000\s\$US$/);
  });

  it('falls back to English for a key a language lacks, and for an unknown or malformed locale', () => {
    const partial = createTranslator('fr', { 'menu.button': 'Menu principal' }, ENGLISH);
    expect(partial.t('menu.button')).toBe('Menu principal');
    expect(partial.t('menu.welcome')).toBe(ENGLISH['menu.welcome']);
    for (const tag of ['klingon', 'en-', '12', undefined]) expect(messagesFor(tag).language).toBe('en');
  });

  it('reads any string that is not one of our tags (or its primary subtag) as English', () => {
    const ours = new Set(LANGUAGES.map((l) => l.split('-')[0]!));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (tag) => {
        const primary = tag.trim().split(/[-_]/)[0]!.toLowerCase();
        fc.pre(!ours.has(primary) && !LANGUAGES.includes(tag.trim() as never));
        expect(toLanguage(tag)).toBe('en');
        expect(messagesFor(tag).t('menu.button')).toBe(ENGLISH['menu.button']);
      }),
      { numRuns: 500 },
    );
  });

  it('names the key when no catalogue has it', () => {
    const t = createTranslator('en', {}, {});
    expect(() => t.t('nope')).toThrow('no message "nope"');
  });

  it('renders every English message without error', () => {
    for (const language of LANGUAGES) {
      const t = messagesFor(language);
      for (const key of Object.keys(ENGLISH) as (keyof typeof ENGLISH)[]) {
        // Every placeholder the English message names, with a value of its kind.
        const names = [...ENGLISH[key].matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]!);
        const values = Object.fromEntries(
          names.map((n) => [n, n === 'count' ? 2 : n === 'event' ? 'created' : n === 'about' ? '' : n]),
        );
        expect(typeof t.t(key, values)).toBe('string');
      }
    }
  });
});
