// Free text ("U.K.", "holland", "Dubai", "Германия") → the CareerJet national site to search, or null.
//
// Locales and domains follow the table in CareerJet's official API clients. Search-page paths are
// localised on non-English sites; where the path could not be confirmed it is marked "unverified"
// (open it once before going live). Countries without a national site in that table (Greece,
// Malta, Cyprus, Saudi Arabia, Turkey, the Caribbean CBI countries...) use the UK site (en_GB) with
// the country as the location: English results, and a link a person can refine.

import { COUNTRY_ALIASES, COUNTRY_EXAMPLE_CODES, PLACE_PREFIXES, REGION_ALIASES } from '../content/country-words.js';
import { LANGUAGES } from '../i18n/languages.js';

export interface CountryInfo {
  /** English display name, e.g. "United Kingdom". */
  name: string;
  /** ISO 3166 code, for the name in the user's language; absent for a place outside the table. */
  code?: string;
  /** CareerJet `locale_code`, e.g. "en_GB". */
  localeCode: string;
  /** The national site's public search page; `s` and `l` go in the query. */
  searchBaseUrl: string;
  /** Free-text CareerJet `location`: the country (in the site's language) or the region named. */
  location: string;
}

interface Site {
  localeCode: string;
  searchBaseUrl: string;
}

const SITES = {
  GB: { localeCode: 'en_GB', searchBaseUrl: 'https://www.careerjet.co.uk/search/jobs' },
  US: { localeCode: 'en_US', searchBaseUrl: 'https://www.careerjet.com/search/jobs' },
  CA: { localeCode: 'en_CA', searchBaseUrl: 'https://www.careerjet.ca/search/jobs' },
  AU: { localeCode: 'en_AU', searchBaseUrl: 'https://www.careerjet.com.au/search/jobs' },
  IN: { localeCode: 'en_IN', searchBaseUrl: 'https://www.careerjet.co.in/search/jobs' },
  AE: { localeCode: 'en_AE', searchBaseUrl: 'https://www.careerjet.ae/search/jobs' },
  IE: { localeCode: 'en_IE', searchBaseUrl: 'https://www.careerjet.ie/search/jobs' },
  NZ: { localeCode: 'en_NZ', searchBaseUrl: 'https://www.careerjet.co.nz/search/jobs' },
  SG: { localeCode: 'en_SG', searchBaseUrl: 'https://www.careerjet.sg/search/jobs' },
  ZA: { localeCode: 'en_ZA', searchBaseUrl: 'https://www.careerjet.co.za/search/jobs' },
  QA: { localeCode: 'en_QA', searchBaseUrl: 'https://www.careerjet.com.qa/search/jobs' },
  OM: { localeCode: 'en_OM', searchBaseUrl: 'https://www.careerjet.com.om/search/jobs' },
  DE: { localeCode: 'de_DE', searchBaseUrl: 'https://www.careerjet.de/suchen/stellenangebote' },
  FR: { localeCode: 'fr_FR', searchBaseUrl: 'https://www.optioncarriere.com/recherche/emplois' },
  IT: { localeCode: 'it_IT', searchBaseUrl: 'https://www.careerjet.it/cerca/lavoro' },
  PT: { localeCode: 'pt_PT', searchBaseUrl: 'https://www.careerjet.pt/buscar/empregos' },
  ES: { localeCode: 'es_ES', searchBaseUrl: 'https://www.opcionempleo.com/buscar/empleos' }, // path unverified
  NL: { localeCode: 'nl_NL', searchBaseUrl: 'https://www.careerjet.nl/zoeken/vacatures' }, // path unverified
} satisfies Record<string, Site>;

/** Where a country without its own CareerJet site is searched. */
export const FALLBACK_SITE: Site = SITES.GB;

interface Country {
  name: string;
  /** ISO 3166 code: the name in each language comes from Intl.DisplayNames. */
  code: string;
  site: Site;
  /** The location sent to CareerJet and put in the link, when it differs from `name`. */
  location?: string;
  aliases: string[];
  /** Parts of the country a user may name instead: alias → location. */
  regions?: Record<string, string>;
}

const COUNTRIES: Country[] = [
  {
    name: 'United Kingdom',
    code: 'GB',
    site: SITES.GB,
    aliases: [
      'uk',
      'gb',
      'united kingdom',
      'great britain',
      'britain',
      'united kingdom of great britain and northern ireland',
    ],
    regions: {
      england: 'England',
      scotland: 'Scotland',
      wales: 'Wales',
      'northern ireland': 'Northern Ireland',
      london: 'London',
    },
  },
  {
    name: 'United States',
    code: 'US',
    site: SITES.US,
    location: 'USA',
    aliases: ['us', 'usa', 'united states', 'united states of america', 'america', 'the states', 'states'],
  },
  { name: 'Canada', code: 'CA', site: SITES.CA, aliases: ['canada'] },
  { name: 'Australia', code: 'AU', site: SITES.AU, aliases: ['australia'] },
  { name: 'India', code: 'IN', site: SITES.IN, aliases: ['india'] },
  {
    name: 'United Arab Emirates',
    code: 'AE',
    site: SITES.AE,
    aliases: ['uae', 'united arab emirates', 'emirates', 'the emirates'],
    regions: { dubai: 'Dubai', 'abu dhabi': 'Abu Dhabi', sharjah: 'Sharjah' },
  },
  { name: 'Ireland', code: 'IE', site: SITES.IE, aliases: ['ireland', 'republic of ireland', 'eire'] },
  { name: 'New Zealand', code: 'NZ', site: SITES.NZ, aliases: ['new zealand', 'nz'] },
  { name: 'Singapore', code: 'SG', site: SITES.SG, aliases: ['singapore'] },
  { name: 'South Africa', code: 'ZA', site: SITES.ZA, aliases: ['south africa', 'rsa'] },
  { name: 'Qatar', code: 'QA', site: SITES.QA, aliases: ['qatar'], regions: { doha: 'Doha' } },
  { name: 'Oman', code: 'OM', site: SITES.OM, aliases: ['oman'], regions: { muscat: 'Muscat' } },
  { name: 'Germany', code: 'DE', site: SITES.DE, location: 'Deutschland', aliases: ['germany', 'deutschland'] },
  { name: 'France', code: 'FR', site: SITES.FR, aliases: ['france'] },
  { name: 'Italy', code: 'IT', site: SITES.IT, location: 'Italia', aliases: ['italy', 'italia'] },
  {
    name: 'Portugal',
    code: 'PT',
    site: SITES.PT,
    aliases: ['portugal'],
    regions: { lisbon: 'Lisboa', lisboa: 'Lisboa', porto: 'Porto' },
  },
  { name: 'Spain', code: 'ES', site: SITES.ES, location: 'España', aliases: ['spain', 'espana'] },
  {
    name: 'Netherlands',
    code: 'NL',
    site: SITES.NL,
    location: 'Nederland',
    aliases: ['netherlands', 'the netherlands', 'holland', 'nederland'],
  },
  // No national site in CareerJet's API table: the fallback site, searched for the country by name.
  { name: 'Greece', code: 'GR', site: FALLBACK_SITE, aliases: ['greece', 'hellas'] },
  { name: 'Malta', code: 'MT', site: FALLBACK_SITE, aliases: ['malta'] },
  { name: 'Cyprus', code: 'CY', site: FALLBACK_SITE, aliases: ['cyprus'] },
  {
    name: 'Saudi Arabia',
    code: 'SA',
    site: FALLBACK_SITE,
    aliases: ['saudi arabia', 'saudi', 'ksa', 'kingdom of saudi arabia'],
  },
  { name: 'Turkey', code: 'TR', site: FALLBACK_SITE, aliases: ['turkey', 'turkiye'] },
  { name: 'Bahrain', code: 'BH', site: FALLBACK_SITE, aliases: ['bahrain'] },
  { name: 'Kuwait', code: 'KW', site: FALLBACK_SITE, aliases: ['kuwait'] },
  { name: 'Egypt', code: 'EG', site: FALLBACK_SITE, aliases: ['egypt'] },
  {
    name: 'Saint Kitts and Nevis',
    code: 'KN',
    site: FALLBACK_SITE,
    aliases: ['saint kitts and nevis', 'st kitts and nevis', 'st kitts', 'saint kitts'],
  },
  { name: 'Antigua and Barbuda', code: 'AG', site: FALLBACK_SITE, aliases: ['antigua and barbuda', 'antigua'] },
  { name: 'Dominica', code: 'DM', site: FALLBACK_SITE, aliases: ['dominica'] },
  { name: 'Grenada', code: 'GD', site: FALLBACK_SITE, aliases: ['grenada'] },
  { name: 'Saint Lucia', code: 'LC', site: FALLBACK_SITE, aliases: ['saint lucia', 'st lucia'] },
];

const HAN = /\p{Script=Han}/u;
const INDEX: ReadonlyMap<string, CountryInfo> = buildIndex();
const BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.code, c]));
const REGIONS: ReadonlySet<string> = new Set(
  COUNTRIES.flatMap((c) => Object.values(c.regions ?? {}).map((location) => `${c.name}|${location}`)),
);
/** A leading word and its space; Chinese writes no space ("去德国"). */
const PREFIX = new RegExp(
  `^(?:(?:${PLACE_PREFIXES.map(normalizeKey)
    .filter((w) => !HAN.test(w))
    .map(escapeRegExp)
    .join('|')}) |${PLACE_PREFIXES.map(normalizeKey)
    .filter((w) => HAN.test(w))
    .map(escapeRegExp)
    .join('|')})`,
  'u',
);

/** For the re-ask after an unrecognised answer: a few countries, named in `language`. */
export function countryExamples(language = 'en'): string[] {
  return COUNTRY_EXAMPLE_CODES.flatMap((code) => {
    const c = BY_CODE.get(code);
    return c === undefined ? [] : [displayName(c.name, code, language)];
  });
}

/**
 * "U.K.", "the Netherlands", "Dubai", "España", "Германия", "ألمانيا", "德国" → CountryInfo; anything
 * else → null. Exact names only (in any of our languages): no guessing at typos.
 */
export function normalizeCountry(input: string): CountryInfo | null {
  const key = normalizeKey(input);
  if (!key) return null;
  const found = INDEX.get(key);
  if (found !== undefined) return found;
  // "in the UK", "в Германию", "في ألمانيا", "去德国": one or two leading words that do not change the place.
  const once = key.replace(PREFIX, '').trim();
  const twice = once.replace(PREFIX, '').trim();
  return INDEX.get(once) ?? INDEX.get(twice) ?? INDEX.get(russianNominative(twice)) ?? null;
}

/** "Германию", "Германии" → "германия", "Канаду" → "канада": the case a place takes after "в". */
function russianNominative(key: string): string {
  if (!/^[\p{Script=Cyrillic} ]+$/u.test(key)) return key;
  return key.replace(/[юи]$/u, 'я').replace(/[уе]$/u, 'а');
}

function normalizeKey(input: string): string {
  if (input.length > 80) return '';
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // diacritics and Arabic vowel marks: "España" → "Espana", "إنجلترا" → "انجلترا"
    .replace(/[\u064a\u0649]/g, '\u06cc') // Arabic yeh and Persian yeh are one letter to a reader
    .replace(/\u0643/g, '\u06a9') // Arabic kaf and Persian keheh, likewise
    .toLowerCase()
    .replace(/\./g, '') // "u.k." → "uk"
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ') // other punctuation and emoji
    .trim()
    .replace(/^(?:in|to) /, '')
    .replace(/ please$/, '')
    .trim();
}

function buildIndex(): Map<string, CountryInfo> {
  const index = new Map<string, CountryInfo>();
  const owner = new Map<string, string>();
  // The same word may name the same place in two languages ("Portugal", "londres"); never two places.
  const add = (alias: string, info: CountryInfo): void => {
    const key = normalizeKey(alias);
    if (key === '') return;
    const place = `${info.name}|${info.location}`;
    const had = owner.get(key);
    if (had !== undefined && had !== place) throw new Error(`normalizeCountry: "${alias}" names two places`);
    if (had === undefined) {
      index.set(key, info);
      owner.set(key, place);
    }
  };
  const infoOf = (c: Country, location = c.location ?? c.name): CountryInfo => ({
    name: c.name,
    code: c.code,
    localeCode: c.site.localeCode,
    searchBaseUrl: c.site.searchBaseUrl,
    location,
  });
  for (const c of COUNTRIES) {
    for (const alias of c.aliases) add(alias, infoOf(c));
    for (const [alias, location] of Object.entries(c.regions ?? {})) add(alias, infoOf(c, location));
  }
  // The standard name in each of our languages, then everyday names and cities (content/country-words.ts).
  for (const language of LANGUAGES) {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    for (const c of COUNTRIES) add(names.of(c.code) ?? '', infoOf(c));
  }
  for (const aliases of Object.values(COUNTRY_ALIASES)) {
    for (const [alias, code] of Object.entries(aliases)) add(alias, infoOf(countryOf(code)));
  }
  for (const aliases of Object.values(REGION_ALIASES)) {
    for (const [alias, [code, location]] of Object.entries(aliases)) add(alias, infoOf(countryOf(code), location));
  }
  return index;
}

function countryOf(code: string): Country {
  const c = COUNTRIES.find((x) => x.code === code);
  if (c === undefined) throw new Error(`normalizeCountry: no country ${code} in the table`);
  return c;
}

function displayName(englishName: string, code: string | undefined, language: string): string {
  if (language === 'en' || code === undefined) return englishName;
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(code) ?? englishName;
  } catch {
    return englishName;
  }
}

/** The country's name in `language`: "United Kingdom", "Великобритания", "英国". */
export function countryName(country: CountryInfo, language = 'en'): string {
  return displayName(country.name, country.code, language);
}

/**
 * How to name the place in a sentence in `language`: the country in its standard name there; in
 * English a region the user named ("Dubai"), and "the" before "United Kingdom", "United States" and
 * "Netherlands".
 */
export function placeName(country: CountryInfo, language = 'en'): string {
  // Another language names the country in its own words, even for a city (the location searched stays).
  if (language !== 'en') return countryName(country, language);
  if (REGIONS.has(`${country.name}|${country.location}`)) return country.location;
  return /^(?:United |Netherlands$)/.test(country.name) ? `the ${country.name}` : country.name;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
