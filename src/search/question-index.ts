// Free-text questions matched against the program catalogue and the FAQ with MiniSearch (fuzzy, with
// prefixes), one index per language built from data once per catalogue, never per message. It lives
// outside conversation/ (which only knows the QuestionIndex interface): the pipeline builds the index
// and passes it in the step context.
import MiniSearch, { type SearchResult } from 'minisearch';
import { FAQ, type FaqEntry } from '../content/faq/index.js';
import { GENERIC_NAME_WORDS, STOP_WORDS } from '../content/faq/stop-words.js';
import type { Program, QuestionIndex } from '../conversation/types.js';
import { LANGUAGES } from '../i18n/languages.js';
import { COUNTRY_ALIASES } from '../content/country-words.js';
import { normalizeCountry } from '../jobs/normalize-country.js';

interface Doc {
  id: string;
  /** A program's country and the distinctive words of its name: a hit here names the program. */
  names: string;
  words: string;
  text: string;
}

/** Calibrated on the table of src/search/question-index.test.ts: below it, the menu. */
const MIN_SCORE = 3;
const GENERIC = new Set(GENERIC_NAME_WORDS);
const HAN = /\p{Script=Han}/u;
const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });
const SPLIT = /[\n\r\p{Z}\p{P}]+/u;

/**
 * Words: Chinese has no spaces, so text with Han characters is split by Intl.Segmenter's dictionary
 * ("葡萄牙黄金签证多少钱" → 葡萄牙 / 黄金 / 签证 / 多少钱); other scripts at spaces and punctuation.
 */
function tokenize(text: string): string[] {
  if (!HAN.test(text)) return text.split(SPLIT).filter((w) => w !== '');
  return [...SEGMENTER.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/**
 * Lower-cased, accents and vowel marks dropped ("cuánto" = "cuanto", "أ" = "ا"), Arabic and Persian
 * yeh and kaf made one letter, stop words out.
 */
function normaliseTerm(term: string): string {
  return term
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/\u0640/g, '') // tatweel
    .normalize('NFC');
}

const STOP = new Set(Object.values(STOP_WORDS).flat().map(normaliseTerm));

function processTerm(term: string): string | null {
  const t = normaliseTerm(term);
  return t === '' || STOP.has(t) ? null : t;
}

/** "Portugal" → its name in each of our languages ("Португалия", "البرتغال", "葡萄牙") and everyday names. */
function countryNames(country: string): string[] {
  const code = normalizeCountry(country)?.code;
  if (code === undefined) return [];
  const names = LANGUAGES.map((l) => new Intl.DisplayNames([l], { type: 'region' }).of(code) ?? '');
  const aliases = Object.values(COUNTRY_ALIASES).flatMap((byAlias) =>
    Object.entries(byAlias).flatMap(([alias, c]) => (c === code ? [alias] : [])),
  );
  return [...new Set([...names, ...aliases])];
}

function programDoc(p: Program, i: number, language: string): Doc {
  const nameWords = p.name.split(/\s+/).filter((w) => !GENERIC.has(w.toLowerCase()));
  const own = p.translations?.[language]?.description ?? '';
  return {
    id: `p:${i}`,
    names: [p.country, ...countryNames(p.country), ...nameWords].join(' '),
    words: p.category,
    text: `${p.description} ${own}`,
  };
}

/**
 * The language's own entries, then English's for the ids it lacks. An own entry is also found by
 * English's words (a Russian speaker typing "family members" gets the Russian answer).
 */
function faqFor(language: string, faq: Readonly<Record<string, readonly FaqEntry[]>>): FaqEntry[] {
  const english = faq.en ?? [];
  const own = (language === 'en' ? [] : (faq[language] ?? [])).map((e) => {
    const en = english.find((x) => x.id === e.id);
    return en === undefined ? e : { ...e, words: `${e.words} ${en.words}` };
  });
  const ids = new Set(own.map((e) => e.id));
  return [...own, ...english.filter((e) => !ids.has(e.id))];
}

export function buildQuestionIndex(
  programs: readonly Program[],
  faq: Readonly<Record<string, readonly FaqEntry[]>> = FAQ,
): QuestionIndex {
  const byLanguage = new Map<string, { search: MiniSearch<Doc>; entries: Map<string, FaqEntry> }>();

  function indexFor(language: string) {
    let index = byLanguage.get(language);
    if (index === undefined) {
      const entries = new Map(faqFor(language, faq).map((e) => [`f:${e.id}`, e]));
      const search = new MiniSearch<Doc>({
        fields: ['names', 'words', 'text'],
        processTerm,
        tokenize,
        searchOptions: { boost: { names: 3, words: 2 }, fuzzy: 0.2, prefix: (t) => t.length >= 4, combineWith: 'OR' },
      });
      search.addAll([
        ...programs.map((p, i) => programDoc(p, i, language)),
        ...[...entries].map(([id, e]) => ({ id, names: '', words: e.words, text: e.question })),
      ]);
      index = { search, entries };
      byLanguage.set(language, index);
    }
    return index;
  }

  return {
    find(question, language) {
      const { search, entries } = indexFor(language);
      const results = search.search(question).filter((r) => r.score >= MIN_SCORE);
      // A question that names a program ("Portugal", "EB-5") gets that program's card.
      const named = results.find((r) => String(r.id).startsWith('p:') && namesHit(r));
      if (named !== undefined) return { kind: 'program', program: programs[Number(String(named.id).slice(2))]! };
      const best = results[0];
      if (best === undefined) return null;
      const entry = entries.get(String(best.id));
      return entry === undefined ? null : { kind: 'faq', entry };
    },
  };
}

const BUILT = new WeakMap<readonly Program[], QuestionIndex>();

/** The index of this catalogue, built on first use and kept while the catalogue is the same list. */
export function questionIndexFor(programs: readonly Program[]): QuestionIndex {
  let index = BUILT.get(programs);
  if (index === undefined) {
    index = buildQuestionIndex(programs);
    BUILT.set(programs, index);
  }
  return index;
}

function namesHit(r: SearchResult): boolean {
  return Object.values(r.match).some((fields) => fields.includes('names'));
}
