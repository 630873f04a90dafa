// What the user's message means before we look at the step they are in.
import { categoriesOf } from './categories.js';
import {
  HOME_ROW_ID,
  MENU_OPTIONS,
  categoryKeyFromId,
  menuOptionFromId,
  optionLabel,
  optionRowTitle,
  type MenuOption,
} from './menus.js';
import type { Program, Text, UserInput } from './types.js';

export type Intent =
  | { kind: 'home' }
  | { kind: 'unsupported' }
  /** A tap on a main-menu row: valid from any step. */
  | { kind: 'option'; option: MenuOption }
  /** A tap on a category row: valid from any step. */
  | { kind: 'category'; key: string }
  /** Free text (trimmed); the step decides what it means. */
  | { kind: 'text'; text: string };

const HOME_WORDS = new Set(['hi', 'hello', 'hey', 'start', 'restart', 'menu', 'main menu', 'back', 'home', 'cancel']);
/** "0" also means "main menu", except where it is an answer (a budget of zero gets its own re-ask). */
const ZERO = '0';

/** Lower-cased, trimmed, inner spaces collapsed, keycap emoji ("2️⃣") turned into digits. */
export function normalise(text: string): string {
  return text
    .replace(/[\ufe0f\u20e3]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Drops one trailing "." or ")" or "!" so "2." and "b)" read as "2" and "b". */
function withoutTrailingMark(text: string): string {
  return text.replace(/^(\S+?)[.)!]$/, '$1');
}

export function isHomeCommand(text: string, zeroIsHome = true): boolean {
  const t = withoutTrailingMark(normalise(text));
  return HOME_WORDS.has(t) || (zeroIsHome && t === ZERO);
}

/** "1".."6", or an option's label typed out ("check eligibility"), in the user's language. */
export function parseMenuOption(text: string, t: Text): MenuOption | null {
  const typed = withoutTrailingMark(normalise(text));
  const found = MENU_OPTIONS.find(
    (n) => typed === String(n) || typed === normalise(optionLabel(t, n)) || typed === normalise(optionRowTitle(t, n)),
  );
  return found ?? null;
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
      return { kind: 'unsupported' };
    case 'choice': {
      if (input.id === HOME_ROW_ID) return { kind: 'home' };
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
  return isHomeCommand(text, zeroIsHome) ? { kind: 'home' } : { kind: 'text', text: text.trim() };
}
