// What the user's message means before we look at the step they are in.
import {
  CATEGORIES,
  HOME_ROW_ID,
  MAIN_MENU,
  categoryKeyFromId,
  menuOptionFromId,
  type CategoryKey,
  type MenuOption,
} from './menus.js';
import type { UserInput } from './types.js';

export type Intent =
  | { kind: 'home' }
  | { kind: 'unsupported' }
  /** A tap on a main-menu row: valid from any step. */
  | { kind: 'option'; option: MenuOption }
  /** A tap on a category row: valid from any step. */
  | { kind: 'category'; key: CategoryKey }
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

/** "1".."6", or an option's label typed out ("check eligibility"). */
export function parseMenuOption(text: string): MenuOption | null {
  const t = withoutTrailingMark(normalise(text));
  const found = MAIN_MENU.find(
    (o) => t === String(o.n) || t === o.label.toLowerCase() || t === o.rowTitle.toLowerCase(),
  );
  return found?.n ?? null;
}

/** "A".."D", or a category's name typed out ("uae residency"). */
export function parseCategory(text: string): CategoryKey | null {
  const t = withoutTrailingMark(normalise(text));
  const found = CATEGORIES.find((c) => t === c.key.toLowerCase() || t === c.category.toLowerCase());
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
      if (key !== null) return { kind: 'category', key };
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
