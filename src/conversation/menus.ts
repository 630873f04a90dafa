// Menus built from the catalogue's words and the program catalogue's categories. Row ids are
// stable: the pipeline and old messages in the user's chat refer to them.
import { categoriesOf, type Category } from './categories.js';
import { ROW_TITLE_MAX, truncate } from './limits.js';
import type { ListRow, Program, Reply, Text } from './types.js';

export const MENU_OPTIONS = [1, 2, 3, 4, 5, 6, 7] as const;
export type MenuOption = (typeof MENU_OPTIONS)[number];

export const MENU_ROW_PREFIX = 'menu:';
export const CATEGORY_ROW_PREFIX = 'cat:';
/** A row that takes the user back to the main menu. */
export const HOME_ROW_ID = 'nav:menu';
/** "Chat with a consultant now": the button offered after a lead is saved (the pipeline hands the conversation over). */
export const HANDOFF_CHOICE_ID = 'handoff:request';
/** The main menu's 🌐 row, which opens the language list. */
export const LANGUAGE_MENU_ROW_ID = 'nav:language';
/** A row of the language list: "lang:ru". */
export const LANGUAGE_ROW_PREFIX = 'lang:';

const KEYCAPS = ['0️⃣', '1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣', '6️⃣', '7️⃣', '8️⃣', '9️⃣'];

/** The seed's wording of an option, used in the numbered text. */
export function optionLabel(t: Text, n: MenuOption): string {
  return t.t(`menu.option${n}.label`);
}

/** ≤ 24 characters (list row title). */
export function optionRowTitle(t: Text, n: MenuOption): string {
  return t.t(`menu.option${n}.row`);
}

export function menuOptionFromId(id: string): MenuOption | null {
  if (!id.startsWith(MENU_ROW_PREFIX)) return null;
  const n = Number(id.slice(MENU_ROW_PREFIX.length));
  return MENU_OPTIONS.find((o) => o === n) ?? null;
}

/** The category letter of a "cat:B" row id. */
export function categoryKeyFromId(id: string): string | null {
  return id.startsWith(CATEGORY_ROW_PREFIX) ? id.slice(CATEGORY_ROW_PREFIX.length) : null;
}

/** The seed's numbered main menu text, preceded by `intro`. */
export function mainMenuText(t: Text, intro: string): string {
  const lines = MENU_OPTIONS.map((n) => `${KEYCAPS[n] ?? `${n}.`} ${optionLabel(t, n)}`);
  return [intro, t.t('menu.chooseOption'), lines.join('\n'), t.t('menu.replyWithNumber')].join('\n\n');
}

/** The main menu as a list; `body` defaults to the full numbered welcome text. */
export function mainMenuReply(t: Text, body: string = mainMenuText(t, t.t('menu.welcome'))): Reply {
  return {
    kind: 'list',
    body,
    footer: t.t('menu.footer'),
    button: t.t('menu.button'),
    sections: [
      {
        title: t.t('menu.sectionTitle'),
        rows: [
          ...MENU_OPTIONS.map((n) => ({
            id: `${MENU_ROW_PREFIX}${n}`,
            title: optionRowTitle(t, n),
            description: t.t(`menu.option${n}.description`),
          })),
          // Detection only guesses: the language can be changed from the first menu on.
          { id: LANGUAGE_MENU_ROW_ID, title: t.t('menu.languageRow'), description: t.t('menu.languageRowDescription') },
        ],
      },
    ],
  };
}

/** The short menu sent after a flow finishes: the rows carry the numbers; `extraRows` ("more") come first. */
export function followUpMenuReply(t: Text, extraRows: readonly ListRow[] = []): Reply {
  const menu = mainMenuReply(t, t.t('menu.anythingElse'));
  if (extraRows.length === 0 || menu.kind !== 'list') return menu;
  const [section, ...others] = menu.sections;
  if (section === undefined) return menu;
  return { ...menu, sections: [{ ...section, rows: [...extraRows, ...section.rows] }, ...others] };
}

/** The eligibility answer's "more programs" row: "more:eligible:5" shows the programs from the sixth on. */
export const ELIGIBLE_MORE_ROW_PREFIX = 'more:eligible:';

export function eligibleOffsetFromId(id: string): number | null {
  if (!id.startsWith(ELIGIBLE_MORE_ROW_PREFIX)) return null;
  const n = Number(id.slice(ELIGIBLE_MORE_ROW_PREFIX.length));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function categoryLetters(t: Text, categories: readonly Category[]): string {
  return t.orList(categories.map((c) => c.key));
}

export function categoryListReply(t: Text, programs: readonly Program[], intro?: string): Reply {
  const categories = categoriesOf(programs);
  const lines = categories.map((c) => `${c.key}. ${c.name}`);
  const prompt = t.t('explore.prompt', { letters: categoryLetters(t, categories) });
  const text = [t.t('explore.title'), ...lines, prompt].join('\n');
  return {
    kind: 'list',
    body: intro === undefined ? text : `${intro}\n\n${text}`,
    footer: t.t('nav.backToMenuHint'),
    button: t.t('explore.button'),
    sections: [
      {
        title: t.t('explore.sectionTitle'),
        rows: [
          ...categories.map((c) => ({
            id: `${CATEGORY_ROW_PREFIX}${c.key}`,
            title: truncate(c.name, ROW_TITLE_MAX),
            description: t.t('explore.rowDescription', { count: c.count, amount: t.usd(c.from) }),
          })),
          { id: HOME_ROW_ID, title: t.t('nav.mainMenuRow'), description: t.t('nav.mainMenuRowDescription') },
        ],
      },
    ],
  };
}
