// How people name the countries of the job search in each of our languages, beyond the standard
// names (jobs/normalize-country.ts takes those from Intl.DisplayNames for all ten languages, so
// "Германия", "ألمانيا", "德国", "Almanya" and "Alemania" need no entry here). Data, not logic:
// an alias added here is understood at once. Keys are ISO 3166 codes; every language's words count
// for everyone. Matching ignores case, accents and Arabic vowel marks.

/** Everyday names and abbreviations of a whole country: alias → ISO code. */
export const COUNTRY_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ar: {
    الإمارات: 'AE',
    امارات: 'AE',
    بريطانيا: 'GB',
    انجلترا: 'GB',
    إنجلترا: 'GB',
    امريكا: 'US',
    أمريكا: 'US',
    أميركا: 'US',
    السعودية: 'SA',
    هولندا: 'NL',
    قبرص: 'CY',
  },
  fa: {
    امارات: 'AE',
    انگلیس: 'GB',
    انگلستان: 'GB',
    آمریکا: 'US',
    امریکا: 'US',
    عربستان: 'SA',
  },
  ru: {
    эмираты: 'AE',
    'арабские эмираты': 'AE',
    англия: 'GB',
    британия: 'GB',
    сша: 'US',
    америка: 'US',
    штаты: 'US',
    голландия: 'NL',
    'саудовская аравия': 'SA',
    кипр: 'CY',
  },
  'zh-Hans': {
    阿联酋: 'AE',
    英格兰: 'GB',
    美國: 'US',
    沙特: 'SA',
  },
  hi: {
    यूएई: 'AE',
    अमेरिका: 'US',
    अमरीका: 'US',
    यूके: 'GB',
    इंग्लैंड: 'GB',
    ब्रिटेन: 'GB',
    भारत: 'IN',
  },
  tr: {
    bae: 'AE',
    emirlikler: 'AE',
    ingiltere: 'GB',
    abd: 'US',
    amerika: 'US',
    turkiye: 'TR',
  },
  fr: {
    angleterre: 'GB',
    'grande bretagne': 'GB',
    eau: 'AE',
    emirats: 'AE',
    amerique: 'US',
    hollande: 'NL',
  },
  es: {
    eau: 'AE',
    emiratos: 'AE',
    inglaterra: 'GB',
    'gran bretana': 'GB',
    eeuu: 'US',
    'ee uu': 'US',
    holanda: 'NL',
  },
  'pt-BR': {
    emirados: 'AE',
    inglaterra: 'GB',
    'gra bretanha': 'GB',
    eua: 'US',
    holanda: 'NL',
  },
};

/** Cities and parts of a country, searched as the location: alias → [ISO code, CareerJet location]. */
export const REGION_ALIASES: Readonly<Record<string, Readonly<Record<string, readonly [string, string]>>>> = {
  ar: {
    دبي: ['AE', 'Dubai'],
    أبوظبي: ['AE', 'Abu Dhabi'],
    ابوظبي: ['AE', 'Abu Dhabi'],
    لندن: ['GB', 'London'],
    الدوحة: ['QA', 'Doha'],
  },
  fa: { دبی: ['AE', 'Dubai'], ابوظبی: ['AE', 'Abu Dhabi'], لندن: ['GB', 'London'] },
  ru: { дубай: ['AE', 'Dubai'], 'абу даби': ['AE', 'Abu Dhabi'], лондон: ['GB', 'London'], лиссабон: ['PT', 'Lisboa'] },
  'zh-Hans': { 迪拜: ['AE', 'Dubai'], 阿布扎比: ['AE', 'Abu Dhabi'], 伦敦: ['GB', 'London'] },
  hi: { दुबई: ['AE', 'Dubai'], 'अबू धाबी': ['AE', 'Abu Dhabi'], लंदन: ['GB', 'London'] },
  tr: { londra: ['GB', 'London'], lizbon: ['PT', 'Lisboa'] },
  fr: { londres: ['GB', 'London'], lisbonne: ['PT', 'Lisboa'], ecosse: ['GB', 'Scotland'] },
  es: { londres: ['GB', 'London'], escocia: ['GB', 'Scotland'] },
  'pt-BR': { londres: ['GB', 'London'], escocia: ['GB', 'Scotland'] },
};

/** Words before a place that do not change it ("в", "في", "to the"), dropped before matching. */
export const PLACE_PREFIXES: readonly string[] = [
  'in',
  'to',
  'the',
  'в',
  'во',
  'في',
  'الى',
  'در',
  'به',
  '在',
  '去',
  'en',
  'au',
  'aux',
  'a',
  'em',
  'para',
];

/** The countries named as examples when a country is not understood (shown in the user's language). */
export const COUNTRY_EXAMPLE_CODES: readonly string[] = ['GB', 'US', 'CA', 'AE', 'DE', 'PT'];
