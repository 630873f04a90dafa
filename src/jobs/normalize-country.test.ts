import { describe, expect, it } from 'vitest';
import { COUNTRY_EXAMPLES, normalizeCountry, placeName } from './normalize-country.js';

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

  it('offers only examples it understands', () => {
    expect(COUNTRY_EXAMPLES.length).toBeGreaterThan(2);
    for (const example of COUNTRY_EXAMPLES) expect(normalizeCountry(example)).not.toBeNull();
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
});
