// What the user's message means before we look at the step they are in.
import {
  GOODBYE_WORDS,
  GREETING_WORDS,
  HOME_WORDS as HOME_BY_LANGUAGE,
  LANGUAGE_WORDS,
  NO_WORDS,
  OPTION_WORDS,
  THANKS_WORDS,
  YES_WORDS,
} from '../content/keywords.js';
import { isLanguage, type Language } from '../i18n/languages.js';
import { toAsciiDigits } from '../lib/digits.js';
import { categoriesOf } from './categories.js';
import {
  HOME_ROW_ID,
  LANGUAGE_MENU_ROW_ID,
  LANGUAGE_ROW_PREFIX,
  MENU_OPTIONS,
  categoryKeyFromId,
  eligibleOffsetFromId,
  menuOptionFromId,
  optionLabel,
  optionRowTitle,
  type MenuOption,
} from './menus.js';
import type { Program, Text, UserInput } from './types.js';

export type Intent =
  | { kind: 'home' }
  | { kind: 'unsupported'; type: string }
  /** A Flow's answers: valid from any step. */
  | { kind: 'form'; fields: Readonly<Record<string, string>> }
  /** A tap on a main-menu row: valid from any step. */
  | { kind: 'option'; option: MenuOption }
  /** A tap on a category row: valid from any step. */
  | { kind: 'category'; key: string }
  /** "language" (in any of our languages) or the 🌐 row: the language list. */
  | { kind: 'language_menu' }
  /** The eligibility answer's "more programs" row: the programs from `offset` on. */
  | { kind: 'more_eligible'; offset: number }
  /** A tap on a row of the language list. */
  | { kind: 'set_language'; language: Language }
  /** "Thanks", "спасибо", "bye", "tchau"…: a friendly word back, then the menu. */
  | { kind: 'smalltalk'; what: 'thanks' | 'goodbye' }
  /** Free text (trimmed); the step decides what it means. */
  | { kind: 'text'; text: string };

// Every language's words count for everyone (content/keywords.ts): the language may be guessed wrong.
const HOME_WORDS = new Set(
  [...Object.values(HOME_BY_LANGUAGE), ...Object.values(GREETING_WORDS)].flat().map(normalise),
);
const LANGUAGE_MENU_WORDS = new Set(Object.values(LANGUAGE_WORDS).flat().map(normalise));
const THANKS = new Set(Object.values(THANKS_WORDS).flat().map(normalise));
const GOODBYES = new Set(Object.values(GOODBYE_WORDS).flat().map(normalise));
const YES = new Set(Object.values(YES_WORDS).flat().map(answerKey));
const NO = new Set(Object.values(NO_WORDS).flat().map(answerKey));
const OPTION_BY_WORD: ReadonlyMap<string, MenuOption> = new Map(
  Object.values(OPTION_WORDS).flatMap((byOption) =>
    Object.entries(byOption).flatMap(([n, words]) => words.map((w) => [keyword(w), Number(n) as MenuOption] as const)),
  ),
);
/** "0" also means "main menu", except where it is an answer (a budget of zero gets its own re-ask). */
const ZERO = '0';

/** Lower-cased, trimmed, inner spaces collapsed, keycap emoji ("2️⃣") turned into digits. */
export function normalise(text: string): string {
  return toAsciiDigits(text)
    .replace(/[\ufe0f\u20e3]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Drops one trailing "." or ")" or "!" so "2." and "b)" read as "2" and "b". */
function withoutTrailingMark(text: string): string {
  return text.replace(/^(\S+?)[.)!]$/, '$1');
}

/** A whole message that is only a keyword, its trailing punctuation and emoji aside ("Hola!", "меню."). */
function keyword(text: string): string {
  return normalise(text)
    .replace(/[\s.!?。！？؟,،]+$/u, '')
    .replace(/\s*\p{Extended_Pictographic}+$/u, '')
    .trim();
}

export function isHomeCommand(text: string, zeroIsHome = true): boolean {
  const t = withoutTrailingMark(normalise(text));
  return HOME_WORDS.has(t) || HOME_WORDS.has(keyword(text)) || (zeroIsHome && t === ZERO);
}

export function isLanguageCommand(text: string): boolean {
  return LANGUAGE_MENU_WORDS.has(normalise(text)) || LANGUAGE_MENU_WORDS.has(keyword(text));
}

/**
 * A number ("3"), an option's label typed out ("check eligibility") in the user's language, or a
 * word people use for it in any of our languages ("brochure", "брошюра", "كتيب"; content/keywords.ts).
 */
export function parseMenuOption(text: string, t: Text): MenuOption | null {
  const typed = withoutTrailingMark(normalise(text));
  const found = MENU_OPTIONS.find(
    (n) => typed === String(n) || typed === normalise(optionLabel(t, n)) || typed === normalise(optionRowTitle(t, n)),
  );
  return found ?? OPTION_BY_WORD.get(keyword(text)) ?? null;
}

/** Only a number ("3", "3️⃣", "٣"): at steps whose answer is free words, a word is an answer, not an option. */
export function parseMenuNumber(text: string): MenuOption | null {
  const typed = withoutTrailingMark(normalise(text));
  return MENU_OPTIONS.find((n) => typed === String(n)) ?? null;
}

/** "Yes", "да", "نعم", "好的" → 'yes'; "no", "нет, спасибо", "不用了" → 'no'; anything else → null. */
export function parseYesNo(text: string): 'yes' | 'no' | null {
  const typed = answerKey(text);
  return YES.has(typed) ? 'yes' : NO.has(typed) ? 'no' : null;
}

function answerKey(text: string): string {
  return keyword(text)
    .replace(/[,،，]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A category's letter ("b") or its name typed out ("uae residency"), as the catalogue has them. */
export function parseCategory(text: string, programs: readonly Program[]): string | null {
  const typed = withoutTrailingMark(normalise(text));
  const found = categoriesOf(programs).find((c) => typed === c.key.toLowerCase() || typed === normalise(c.name));
  return found?.key ?? null;
}

/** `zeroIsHome` is false at steps where "0" is a possible answer (the budget). */
export function toIntent(input: UserInput, zeroIsHome = true): Intent {
  switch (input.kind) {
    case 'unsupported':
      return { kind: 'unsupported', type: input.type };
    case 'form':
      return { kind: 'form', fields: input.fields };
    case 'choice': {
      if (input.id === HOME_ROW_ID) return { kind: 'home' };
      if (input.id === LANGUAGE_MENU_ROW_ID) return { kind: 'language_menu' };
      if (input.id.startsWith(LANGUAGE_ROW_PREFIX)) {
        const language = input.id.slice(LANGUAGE_ROW_PREFIX.length);
        if (isLanguage(language)) return { kind: 'set_language', language };
      }
      const offset = eligibleOffsetFromId(input.id);
      if (offset !== null) return { kind: 'more_eligible', offset };
      const option = menuOptionFromId(input.id);
      if (option !== null) return { kind: 'option', option };
      const key = categoryKeyFromId(input.id);
      if (key !== null && key !== '') return { kind: 'category', key };
      // An id we do not know (an old message, a template button): read its title as text.
      return textIntent(input.title, zeroIsHome);
    }
    case 'text':
      return textIntent(input.text, zeroIsHome);
  }
}

function textIntent(text: string, zeroIsHome: boolean): Intent {
  if (isHomeCommand(text, zeroIsHome)) return { kind: 'home' };
  if (isLanguageCommand(text)) return { kind: 'language_menu' };
  const word = keyword(text);
  if (THANKS.has(word)) return { kind: 'smalltalk', what: 'thanks' };
  if (GOODBYES.has(word)) return { kind: 'smalltalk', what: 'goodbye' };
  return { kind: 'text', text: text.trim() };
}
