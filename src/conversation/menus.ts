// Menus as data, and the list replies built from them. Row ids are stable: the pipeline and
// old messages in the user's chat refer to them.
import { COPY } from './copy.js';
import type { Reply } from './types.js';

export type MenuOption = 1 | 2 | 3 | 4 | 5 | 6;
export type CategoryKey = 'A' | 'B' | 'C' | 'D';

export interface MenuEntry {
  n: MenuOption;
  /** The seed's wording, used in the numbered text. */
  label: string;
  /** ≤ 24 characters (list row title). */
  rowTitle: string;
  /** ≤ 72 characters (list row description). */
  description: string;
}

export const MAIN_MENU: readonly MenuEntry[] = [
  {
    n: 1,
    label: 'Explore Residency Programs',
    rowTitle: '1. Explore Programs',
    description: 'Explore Residency Programs: the top programs in each region',
  },
  {
    n: 2,
    label: 'Check Eligibility',
    rowTitle: '2. Check Eligibility',
    description: 'See which programs fit your investment budget',
  },
  {
    n: 3,
    label: 'Talk to Consultant',
    rowTitle: '3. Talk to Consultant',
    description: 'Leave your name and e-mail and a consultant will contact you',
  },
  {
    n: 4,
    label: 'Job Search Assistance',
    rowTitle: '4. Job Search Assistance',
    description: 'Find job openings in the country of your choice',
  },
  {
    n: 5,
    label: 'Book Consultation',
    rowTitle: '5. Book Consultation',
    description: 'Get the link to book a consultation',
  },
  {
    n: 6,
    label: 'Download Brochure',
    rowTitle: '6. Download Brochure',
    description: 'Receive the Nexora Investments brochure',
  },
];

/** `category` is matched against Program.category. */
export const CATEGORIES: readonly { key: CategoryKey; category: string; description: string }[] = [
  { key: 'A', category: 'Europe Golden Visa', description: 'Residency in Europe through investment' },
  { key: 'B', category: 'Caribbean Citizenship', description: 'Second citizenship through investment' },
  { key: 'C', category: 'USA EB-5', description: 'US green card through investment' },
  { key: 'D', category: 'UAE Residency', description: 'Long-term UAE residency through investment' },
];

export const MENU_ROW_PREFIX = 'menu:';
export const CATEGORY_ROW_PREFIX = 'cat:';
/** A row that takes the user back to the main menu. */
export const HOME_ROW_ID = 'nav:menu';

const KEYCAPS = ['0️⃣', '1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣', '6️⃣', '7️⃣', '8️⃣', '9️⃣'];

export function menuOptionFromId(id: string): MenuOption | null {
  const n = Number(id.slice(MENU_ROW_PREFIX.length));
  return id.startsWith(MENU_ROW_PREFIX) ? (MAIN_MENU.find((o) => o.n === n)?.n ?? null) : null;
}

export function categoryKeyFromId(id: string): CategoryKey | null {
  const key = id.slice(CATEGORY_ROW_PREFIX.length);
  return id.startsWith(CATEGORY_ROW_PREFIX) ? (CATEGORIES.find((c) => c.key === key)?.key ?? null) : null;
}

export function categoryName(key: CategoryKey): string {
  return CATEGORIES.find((c) => c.key === key)?.category ?? key;
}

/** The seed's numbered main menu text, preceded by `intro`. */
export function mainMenuText(intro: string): string {
  const lines = MAIN_MENU.map((o) => `${KEYCAPS[o.n] ?? `${o.n}.`} ${o.label}`);
  return [intro, COPY.chooseOption, lines.join('\n'), COPY.replyWithNumber].join('\n\n');
}

/** The main menu as a list; `body` defaults to the full numbered welcome text. */
export function mainMenuReply(body: string = mainMenuText(COPY.welcome)): Reply {
  return {
    kind: 'list',
    body,
    footer: "Type 'menu' anytime to start over",
    button: 'Main menu',
    sections: [
      {
        title: 'How can we help?',
        rows: MAIN_MENU.map((o) => ({
          id: `${MENU_ROW_PREFIX}${o.n}`,
          title: o.rowTitle,
          description: o.description,
        })),
      },
    ],
  };
}

/** The short menu sent after a flow finishes: the rows carry the numbers. */
export function followUpMenuReply(): Reply {
  return mainMenuReply(COPY.anythingElse);
}

export function categoryListReply(intro?: string): Reply {
  const lines = CATEGORIES.map((c) => `${c.key}. ${c.category}`);
  const text = [COPY.categoriesTitle, ...lines, COPY.categoriesPrompt].join('\n');
  return {
    kind: 'list',
    body: intro === undefined ? text : `${intro}\n\n${text}`,
    footer: COPY.backToMenuHint,
    button: 'Categories',
    sections: [
      {
        title: 'Residency categories',
        rows: [
          ...CATEGORIES.map((c) => ({
            id: `${CATEGORY_ROW_PREFIX}${c.key}`,
            title: c.category,
            description: c.description,
          })),
          { id: HOME_ROW_ID, title: '⬅️ Main menu', description: 'Back to all options' },
        ],
      },
    ],
  };
}
