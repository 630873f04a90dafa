// Free text ("U.K.", "holland", "Dubai") → the CareerJet national site to search, or null.
//
// Locales and domains follow the table in CareerJet's official API clients. Search-page paths are
// localised on non-English sites; where the path could not be confirmed it is marked "unverified"
// (open it once before going live). Countries without a national site in that table (Greece,
// Malta, Cyprus, Saudi Arabia, Turkey, the Caribbean CBI countries...) use the UK site (en_GB) with
// the country as the location: English results, and a link a person can refine.

export interface CountryInfo {
  /** English display name, e.g. "United Kingdom". */
  name: string;
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
    site: SITES.US,
    location: 'USA',
    aliases: ['us', 'usa', 'united states', 'united states of america', 'america', 'the states', 'states'],
  },
  { name: 'Canada', site: SITES.CA, aliases: ['canada'] },
  { name: 'Australia', site: SITES.AU, aliases: ['australia'] },
  { name: 'India', site: SITES.IN, aliases: ['india'] },
  {
    name: 'United Arab Emirates',
    site: SITES.AE,
    aliases: ['uae', 'united arab emirates', 'emirates', 'the emirates'],
    regions: { dubai: 'Dubai', 'abu dhabi': 'Abu Dhabi', sharjah: 'Sharjah' },
  },
  { name: 'Ireland', site: SITES.IE, aliases: ['ireland', 'republic of ireland', 'eire'] },
  { name: 'New Zealand', site: SITES.NZ, aliases: ['new zealand', 'nz'] },
  { name: 'Singapore', site: SITES.SG, aliases: ['singapore'] },
  { name: 'South Africa', site: SITES.ZA, aliases: ['south africa', 'rsa'] },
  { name: 'Qatar', site: SITES.QA, aliases: ['qatar'], regions: { doha: 'Doha' } },
  { name: 'Oman', site: SITES.OM, aliases: ['oman'], regions: { muscat: 'Muscat' } },
  { name: 'Germany', site: SITES.DE, location: 'Deutschland', aliases: ['germany', 'deutschland'] },
  { name: 'France', site: SITES.FR, aliases: ['france'] },
  { name: 'Italy', site: SITES.IT, location: 'Italia', aliases: ['italy', 'italia'] },
  {
    name: 'Portugal',
    site: SITES.PT,
    aliases: ['portugal'],
    regions: { lisbon: 'Lisboa', lisboa: 'Lisboa', porto: 'Porto' },
  },
  { name: 'Spain', site: SITES.ES, location: 'España', aliases: ['spain', 'espana'] },
  {
    name: 'Netherlands',
    site: SITES.NL,
    location: 'Nederland',
    aliases: ['netherlands', 'the netherlands', 'holland', 'nederland'],
  },
  // No national site in CareerJet's API table: the fallback site, searched for the country by name.
  { name: 'Greece', site: FALLBACK_SITE, aliases: ['greece', 'hellas'] },
  { name: 'Malta', site: FALLBACK_SITE, aliases: ['malta'] },
  { name: 'Cyprus', site: FALLBACK_SITE, aliases: ['cyprus'] },
  { name: 'Saudi Arabia', site: FALLBACK_SITE, aliases: ['saudi arabia', 'saudi', 'ksa', 'kingdom of saudi arabia'] },
  { name: 'Turkey', site: FALLBACK_SITE, aliases: ['turkey', 'turkiye'] },
  { name: 'Bahrain', site: FALLBACK_SITE, aliases: ['bahrain'] },
  { name: 'Kuwait', site: FALLBACK_SITE, aliases: ['kuwait'] },
  { name: 'Egypt', site: FALLBACK_SITE, aliases: ['egypt'] },
  {
    name: 'Saint Kitts and Nevis',
    site: FALLBACK_SITE,
    aliases: ['saint kitts and nevis', 'st kitts and nevis', 'st kitts', 'saint kitts'],
  },
  { name: 'Antigua and Barbuda', site: FALLBACK_SITE, aliases: ['antigua and barbuda', 'antigua'] },
  { name: 'Dominica', site: FALLBACK_SITE, aliases: ['dominica'] },
  { name: 'Grenada', site: FALLBACK_SITE, aliases: ['grenada'] },
  { name: 'Saint Lucia', site: FALLBACK_SITE, aliases: ['saint lucia', 'st lucia'] },
];

/** For the re-ask after an unrecognised answer. */
export const COUNTRY_EXAMPLES: readonly string[] = [
  'United Kingdom',
  'United States',
  'Canada',
  'UAE',
  'Germany',
  'Portugal',
];

const INDEX: ReadonlyMap<string, CountryInfo> = buildIndex();
const REGIONS: ReadonlySet<string> = new Set(
  COUNTRIES.flatMap((c) => Object.values(c.regions ?? {}).map((location) => `${c.name}|${location}`)),
);

/** "U.K.", "the Netherlands", "Dubai", "España" → CountryInfo; anything else → null. Exact aliases only: no guessing at typos. */
export function normalizeCountry(input: string): CountryInfo | null {
  const key = normalizeKey(input);
  return key ? (INDEX.get(key) ?? INDEX.get(key.replace(/^(?:in|to|the) /, '')) ?? null) : null;
}

function normalizeKey(input: string): string {
  if (input.length > 80) return '';
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // diacritics: "España" → "Espana", "Éire" → "Eire"
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
  const add = (alias: string, info: CountryInfo): void => {
    const key = normalizeKey(alias);
    if (index.has(key)) throw new Error(`normalizeCountry: alias "${alias}" is listed twice`);
    index.set(key, info);
  };
  for (const c of COUNTRIES) {
    const base = { name: c.name, localeCode: c.site.localeCode, searchBaseUrl: c.site.searchBaseUrl };
    for (const alias of c.aliases) add(alias, { ...base, location: c.location ?? c.name });
    for (const [alias, location] of Object.entries(c.regions ?? {})) add(alias, { ...base, location });
  }
  return index;
}

/** How to name the place in a sentence: "the United Kingdom", "Germany", "Dubai" (a region named by the user). */
export function placeName(country: CountryInfo): string {
  if (REGIONS.has(`${country.name}|${country.location}`)) return country.location;
  return /^(?:United |Netherlands$)/.test(country.name) ? `the ${country.name}` : country.name;
}
