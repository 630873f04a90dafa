import { describe, expect, it } from 'vitest';
import { NO_LANGUAGE, OPENERS } from '../../test/fixtures/language-openers.js';
import { detectLanguage } from '../pipeline/detect-user-language.js';
import { LANGUAGES } from './languages.js';

describe('language detection from a first message', () => {
  for (const language of LANGUAGES) {
    it(`reads ${OPENERS[language].length} real openers as ${language}`, () => {
      const wrong = OPENERS[language]
        .map((text) => ({ text, got: detectLanguage(text) }))
        .filter((r) => r.got !== language);
      expect(wrong).toEqual([]);
    });
  }

  it('has at least 15 openers per language, some with emoji and some in two scripts', () => {
    for (const language of LANGUAGES) expect(OPENERS[language].length).toBeGreaterThanOrEqual(15);
    const all = Object.values(OPENERS).flat();
    expect(all.filter((t) => /\p{Extended_Pictographic}/u.test(t)).length).toBeGreaterThanOrEqual(10);
    expect(
      all.filter((t) => /[a-z]/i.test(t) && /[^\p{Script=Latin}\p{P}\p{S}\p{N}\s]/u.test(t)).length,
    ).toBeGreaterThan(5);
  });

  it('tells Persian from Arabic by the letters only Persian uses', () => {
    expect(detectLanguage('چطوری')).toBe('fa');
    expect(detectLanguage('کجا')).toBe('fa');
    expect(detectLanguage('كيف')).toBe('ar'); // the same word with Arabic kaf
  });

  it('proposes nothing when the message says nothing about a language', () => {
    for (const text of NO_LANGUAGE) expect(detectLanguage(text)).toBeNull();
  });
});
