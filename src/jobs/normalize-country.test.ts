import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n/languages.js';
import { countryExamples, normalizeCountry, placeName } from './normalize-country.js';

describe('normalizeCountry', () => {
  it.each([
    'uk',
    'UK',
    'U.K.',
    'u.k',
    'United Kingdom',
    'the UK',
    'in the U.K.',
    'England',
    'Great Britain',
    'britain',
    'GB',
    '  united   kingdom!! ',
  ])('%j → United Kingdom on the UK site', (input) => {
    expect(normalizeCountry(input)).toMatchObject({
      name: 'United Kingdom',
      localeCode: 'en_GB',
      searchBaseUrl: 'https://www.careerjet.co.uk/search/jobs',
    });
  });

  it('keeps the part of the UK the user named as the location', () => {
    expect(normalizeCountry('scotland')).toMatchObject({
      name: 'United Kingdom',
      localeCode: 'en_GB',
      location: 'Scotland',
    });
    expect(normalizeCountry('uk')?.location).toBe('United Kingdom');
  });

  it.each([
    ['usa', 'United States', 'en_US'],
    ['US', 'United States', 'en_US'],
    ['U.S.A.', 'United States', 'en_US'],
    ['United States', 'United States', 'en_US'],
    ['America', 'United States', 'en_US'],
    ['canada', 'Canada', 'en_CA'],
    ['Australia', 'Australia', 'en_AU'],
    ['india', 'India', 'en_IN'],
    ['UAE', 'United Arab Emirates', 'en_AE'],
    ['U.A.E', 'United Arab Emirates', 'en_AE'],
    ['United Arab Emirates', 'United Arab Emirates', 'en_AE'],
    ['emirates', 'United Arab Emirates', 'en_AE'],
    ['Germany', 'Germany', 'de_DE'],
    ['Deutschland', 'Germany', 'de_DE'],
    ['france', 'France', 'fr_FR'],
    ['Spain', 'Spain', 'es_ES'],
    ['España', 'Spain', 'es_ES'],
    ['PORTUGAL', 'Portugal', 'pt_PT'],
    ['Italy', 'Italy', 'it_IT'],
    ['The Netherlands', 'Netherlands', 'nl_NL'],
    ['holland', 'Netherlands', 'nl_NL'],
    ['Ireland', 'Ireland', 'en_IE'],
    ['Éire', 'Ireland', 'en_IE'],
    ['new zealand', 'New Zealand', 'en_NZ'],
    ['Singapore', 'Singapore', 'en_SG'],
    ['South Africa', 'South Africa', 'en_ZA'],
    ['Qatar', 'Qatar', 'en_QA'],
    ['Türkiye', 'Turkey', 'en_GB'],
    ['St. Kitts & Nevis', 'Saint Kitts and Nevis', 'en_GB'],
  ])('%j → %s (%s)', (input, name, localeCode) => {
    expect(normalizeCountry(input)).toMatchObject({ name, localeCode });
  });

  it('searches Dubai within the UAE', () => {
    expect(normalizeCountry('Dubai')).toEqual({
      name: 'United Arab Emirates',
      code: 'AE',
      localeCode: 'en_AE',
      searchBaseUrl: 'https://www.careerjet.ae/search/jobs',
      location: 'Dubai',
    });
  });

  it('uses the national language for the location on non-English sites', () => {
    expect(normalizeCountry('germany')?.location).toBe('Deutschland');
    expect(normalizeCountry('spain')?.location).toBe('España');
  });

  it.each(['Greece', 'Malta', 'Cyprus', 'Saudi Arabia', 'KSA'])(
    'searches %j on the fallback UK site by name',
    (input) => {
      const info = normalizeCountry(input);
      expect(info?.localeCode).toBe('en_GB');
      expect(info?.searchBaseUrl).toBe('https://www.careerjet.co.uk/search/jobs');
      expect(info?.location).toBe(info?.name);
      expect(info?.name).not.toBe('United Kingdom');
    },
  );

  it.each(['', '   ', '3', 'asdfgh', 'germny', 'Narnia', 'jobs', 'I want to move', '🇬🇧', 'x'.repeat(200)])(
    '%j → null',
    (input) => {
      expect(normalizeCountry(input)).toBeNull();
    },
  );

  it.each(LANGUAGES)('offers only examples it understands, named in %s', (language) => {
    const examples = countryExamples(language);
    expect(examples.length).toBeGreaterThan(2);
    for (const example of examples) expect(normalizeCountry(example)).not.toBeNull();
    if (language !== 'en') expect(examples).not.toContain('Germany');
  });

  it.each([
    ['Германия', 'Germany'],
    ['в Германию', 'Germany'],
    ['Великобритания', 'United Kingdom'],
    ['США', 'United States'],
    ['ОАЭ', 'United Arab Emirates'],
    ['Португалия', 'Portugal'],
    ['ألمانيا', 'Germany'],
    ['في ألمانيا', 'Germany'],
    ['الإمارات', 'United Arab Emirates'],
    ['المانيا', 'Germany'],
    ['آلمان', 'Germany'],
    ['کانادا', 'Canada'],
    ['كانادا', 'Canada'],
    ['德国', 'Germany'],
    ['去德国', 'Germany'],
    ['阿联酋', 'United Arab Emirates'],
    ['जर्मनी', 'Germany'],
    ['अमेरिका', 'United States'],
    ['Almanya', 'Germany'],
    ['İngiltere', 'United Kingdom'],
    ['ABD', 'United States'],
    ['Allemagne', 'Germany'],
    ['Royaume-Uni', 'United Kingdom'],
    ['Alemania', 'Germany'],
    ['EE. UU.', 'United States'],
    ['Emirados Árabes Unidos', 'United Arab Emirates'],
    ['Alemanha', 'Germany'],
  ])('%j, typed in its own language, → %s', (input, name) => {
    expect(normalizeCountry(input)?.name).toBe(name);
  });

  it.each([
    ['Дубай', 'Dubai'],
    ['دبي', 'Dubai'],
    ['迪拜', 'Dubai'],
    ['Londres', 'London'],
  ])('keeps the city named in another language as the location: %j → %s', (input, location) => {
    expect(normalizeCountry(input)?.location).toBe(location);
  });
});

describe('placeName', () => {
  it.each([
    ['uk', 'the United Kingdom'],
    ['usa', 'the United States'],
    ['holland', 'the Netherlands'],
    ['germany', 'Germany'],
    ['dubai', 'Dubai'],
    ['malta', 'Malta'],
  ])('%j → %j', (input, expected) => {
    const info = normalizeCountry(input);
    expect(info && placeName(info)).toBe(expected);
  });

  it.each([
    ['uk', 'ru', 'Великобритания'],
    ['germany', 'ar', 'ألمانيا'],
    ['Germany', 'zh-Hans', '德国'],
    ['Dubai', 'ru', 'ОАЭ'],
    ['holland', 'tr', 'Hollanda'],
    ['usa', 'es', 'Estados Unidos'],
  ])('%j in %s → %j, with no English word', (input, language, expected) => {
    const info = normalizeCountry(input);
    expect(info && placeName(info, language)).toBe(expected);
  });
});
