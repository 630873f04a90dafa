import { describe, expect, it } from 'vitest';
import { ANY_JOB_WORDS } from '../content/keywords.js';
import { LANGUAGES } from '../i18n/languages.js';
import { messagesFor } from '../messages.js';
import { Chat, allText } from './test-support.js';

function atCountry(language = 'en'): Chat {
  const chat = new Chat({ language });
  chat.say('4');
  return chat;
}

const placeIn = (language: string): string => new Intl.DisplayNames([language], { type: 'region' }).of('DE')!;

function atKeywords(country = 'uk', language = 'en'): Chat {
  const chat = atCountry(language);
  chat.say(country);
  return chat;
}

describe('option 4: job search assistance', () => {
  it('asks the country, records it, asks what kind of job, then asks the pipeline to search', () => {
    const chat = new Chat();
    const ask = chat.say('4');
    expect(ask.state.step).toBe('ask_country');
    expect(allText(ask)).toContain('Which country would you like to work in?');

    const country = chat.say('  united   kingdom ');
    expect(country.effects).toEqual([{ kind: 'record_country', country: 'United Kingdom' }]);
    expect(country.state).toMatchObject({
      step: 'ask_job_keywords',
      data: { countryOfInterest: 'United Kingdom', interest: 'Job search assistance' },
    });
    expect(allText(country)).toContain('What kind of job are you looking for in United Kingdom?');
    expect(allText(country)).toContain('*any*');

    const r = chat.say('Nurse');
    expect(r.effects).toEqual([{ kind: 'job_search', country: 'united   kingdom', keywords: 'Nurse' }]);
    expect(r.state).toMatchObject({
      step: 'main_menu',
      data: { countryOfInterest: 'United Kingdom', interest: 'Job search assistance' },
    });
    expect(r.state.data).not.toHaveProperty('jobPlace');
    expect(r.replies).toHaveLength(1);
    expect(allText(r)).toContain('🔎 Searching “Nurse” jobs in United Kingdom…');
    expect(chat.say('5').state.step).toBe('main_menu');
  });

  it.each(['any', 'Any.', 'ALL', 'skip', '-', 'все', 'الكل', '不限', 'hepsi', 'todas'])(
    '%j at the kind-of-job step searches every job (no keywords)',
    (word) => {
      const r = atKeywords('Dubai').say(word);
      expect(r.effects).toEqual([{ kind: 'job_search', country: 'Dubai' }]);
      expect(allText(r)).toContain('🔎 Searching jobs in United Arab Emirates…');
    },
  );

  it.each(LANGUAGES)('%s: the "any" word the question shows is one the step understands', (language) => {
    const first = ANY_JOB_WORDS[language]![0]!;
    const chat = atCountry(language);
    const ask = chat.say('Germany');
    expect(allText(ask)).toContain(messagesFor(language).t('jobs.askKeywords', { country: placeIn(language) }));
    expect(allText(ask)).toContain(`*${first}*`);
    expect(chat.say(first).effects).toEqual([{ kind: 'job_search', country: 'Germany' }]);
  });

  it.each(['', '   ', '!!!', '123', 'x'.repeat(61)])('re-asks the kind of job on %j, without searching', (input) => {
    const chat = atKeywords();
    const r = chat.say(input);
    expect(r.state.step).toBe('ask_job_keywords');
    expect(r.effects).toEqual([]);
    expect(allText(r)).toContain('Please type a job title or a field in a few words (up to 60 characters)');
    expect(chat.say('software engineer').effects).toEqual([
      { kind: 'job_search', country: 'uk', keywords: 'software engineer' },
    ]);
  });

  it('reads a lone menu number at the kind-of-job step as the menu option', () => {
    const r = atKeywords().say('3');
    expect(r.state.step).toBe('ask_name');
    expect(r.effects).toEqual([]);
  });

  it.each([
    ['germany', 'Germany'],
    ['USA', 'United States'],
    ['uae', 'United Arab Emirates'],
    ['uk', 'United Kingdom'],
    ['U.K.', 'United Kingdom'],
    ['England', 'United Kingdom'],
    ['new zealand.', 'New Zealand'],
    ['Германия', 'Germany'],
    ['ألمانيا', 'Germany'],
    ['德国', 'Germany'],
    ['Almanya', 'Germany'],
    ['Alemania', 'Germany'],
  ])('records %j as %j', (input, country) => {
    expect(atCountry().say(input).effects).toContainEqual({ kind: 'record_country', country });
  });

  it.each(['', '   ', '123', '!!!', 'x'.repeat(61), 'Atlantis'])('re-asks on %j with examples', (input) => {
    const chat = atCountry();
    const r = chat.say(input);
    expect(r.state.step).toBe('ask_country');
    expect(r.effects).toEqual([]);
    expect(allText(r)).toContain('Please type a country name, for example United Kingdom');
    expect(chat.say('Canada').effects).toHaveLength(1);
  });

  it.each([
    ['ru', 'в Германию', 'Великобритания', 'Германия'],
    ['ar', 'ألمانيا', 'المملكة المتحدة', 'ألمانيا'],
    ['zh-Hans', '德国', '英国', '德国'],
    ['tr', 'Almanya', 'Birleşik Krallık', 'Almanya'],
  ])(
    '%s: the examples and the country are named in the language, never in English',
    (language, input, example, shown) => {
      const reask = atCountry(language).say('Atlantis');
      expect(allText(reask)).toContain(example);
      expect(allText(reask)).not.toMatch(/United Kingdom|Germany|\bthe\b/);
      const chat = atCountry(language);
      const ask = chat.say(input);
      expect(allText(ask)).not.toContain('Germany');
      const searching = chat.say('nurse');
      expect(allText(searching)).not.toContain('Germany');
      expect(allText(ask)).toContain(shown);
      expect(allText(searching)).toContain(shown);
    },
  );

  it('escapes with back, from either question', () => {
    const r = atCountry().say('back');
    expect(r.state.step).toBe('main_menu');
    expect(r.effects).toEqual([]);
    const k = atKeywords().say('menu');
    expect(k.state.step).toBe('main_menu');
    expect(k.effects).toEqual([]);
    expect(k.state.data).not.toHaveProperty('jobPlace');
  });
});
