// Guesses a language of ours from a user's first message, without I/O. In order:
//  1. the script: Cyrillic → ru, Han → zh-Hans, Devanagari → hi, Arabic script → fa when a letter
//     only Persian uses is there (پ چ ژ گ and Persian ک ی), else ar (or fa by the table / detector);
//  2. the greeting table (data, passed in): "hola", "salam", "namaste", "oi"… whole, or as the first
//     word or two — short greetings are where detectors fail (measured in README.md here);
//  3. letters only one of our Latin languages uses (ı ğ → tr, ñ ¿ ¡ → es, ã õ → pt-BR, œ → fr);
//  4. eld, restricted to our languages of that script, only when it calls its guess reliable.
// Null when nothing says enough ("1", "👋", "ok"): the caller keeps English and tries again later.
import { eld } from 'eld/extrasmall';
import type { Language } from './languages.js';

export type GreetingTable = Readonly<Record<string, readonly string[]>>;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const HAN = /\p{Script=Han}/u;
const DEVANAGARI = /\p{Script=Devanagari}/u;
const ARABIC = /\p{Script=Arabic}/u;
const LATIN = /\p{Script=Latin}/u;
/** پ چ ژ گ, Persian kaf and yeh (Arabic writes ك and ي). */
const PERSIAN_ONLY = /[\u067e\u0686\u0698\u06af\u06a9\u06cc]/u;

const LATIN_LETTER_HINTS: readonly [RegExp, Language][] = [
  [/[ığ]/u, 'tr'],
  [/[ñ¿¡]/u, 'es'],
  [/[ãõ]/u, 'pt-BR'],
  [/[œ]/u, 'fr'],
];

// One instance per script group, each restricted to our languages of that script.
const latinDetector = eld.newInstance();
latinDetector.setLanguageSubset(['en', 'tr', 'fr', 'es', 'pt']);
const arabicDetector = eld.newInstance();
arabicDetector.setLanguageSubset(['ar', 'fa']);
const FROM_ELD: Readonly<Record<string, Language>> = {
  en: 'en',
  tr: 'tr',
  fr: 'fr',
  es: 'es',
  pt: 'pt-BR',
  ar: 'ar',
  fa: 'fa',
};

/** Lower case, no emoji, no punctuation, single spaces. */
function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      // Zero-width (non-)joiners and the emoji variation selector join nothing we match on.
      .replace(/\u200c|\u200d|\ufe0f/gu, '')
      .replace(/[\p{P}\p{S}]+/gu, ' ')
      .split(/\s+/)
      .filter((w) => w !== '')
  );
}

export interface LanguageDetector {
  detect(text: string): Language | null;
}

export function createLanguageDetector(greetings: GreetingTable): LanguageDetector {
  const byGreeting = new Map<string, Language>();
  for (const [language, list] of Object.entries(greetings)) {
    for (const g of list) {
      const key = words(g).join(' ');
      // The first language to claim a word keeps it; the table is ordered on purpose.
      if (key !== '' && !byGreeting.has(key)) byGreeting.set(key, language as Language);
    }
  }

  function greeting(ws: readonly string[]): Language | null {
    for (const n of [ws.length, 3, 2, 1]) {
      if (n > ws.length || n < 1) continue;
      const found = byGreeting.get(ws.slice(0, n).join(' '));
      if (found !== undefined) return found;
    }
    return null;
  }

  function byDetector(detector: typeof eld, text: string): Language | null {
    const result = detector.detect(text);
    return result.language !== '' && result.isReliable() ? (FROM_ELD[result.language] ?? null) : null;
  }

  return {
    detect(text) {
      if (CYRILLIC.test(text)) return 'ru';
      if (HAN.test(text)) return 'zh-Hans';
      if (DEVANAGARI.test(text)) return 'hi';
      const ws = words(text);
      if (ARABIC.test(text)) {
        if (PERSIAN_ONLY.test(text)) return 'fa';
        const arabicWords = ws.filter((w) => ARABIC.test(w));
        return greeting(arabicWords) ?? byDetector(arabicDetector, arabicWords.join(' ')) ?? 'ar';
      }
      if (!LATIN.test(text)) return null;
      const greeted = greeting(ws);
      if (greeted !== null) return greeted;
      for (const [letters, language] of LATIN_LETTER_HINTS) if (letters.test(text.toLowerCase())) return language;
      return byDetector(latinDetector, ws.join(' '));
    },
  };
}
