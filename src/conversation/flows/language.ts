// The 🌐 language list: offered on the main menu, opened by "language" (in any of our languages),
// answered by a tap, a number or a language's name. The answer is already in the chosen language.
import { LANGUAGE_NAMES } from '../../content/language-names.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { normalise } from '../intent.js';
import { LANGUAGE_ROW_PREFIX } from '../menus.js';
import { toMainMenu, type Outcome } from '../outcome.js';
import { mainMenuText } from '../menus.js';
import type { Reply, SessionData, StepContext, Text } from '../types.js';

export function languageListReply(t: Text, intro?: string): Reply {
  const prompt = t.t('language.prompt');
  const lines = LANGUAGES.map((l, i) => `${i + 1}. ${LANGUAGE_NAMES[l].native}`);
  return {
    kind: 'list',
    body: [...(intro === undefined ? [] : [intro]), prompt, lines.join('\n')].join('\n\n'),
    footer: t.t('nav.backToMenuHint'),
    button: t.t('language.button'),
    sections: [
      {
        title: t.t('language.sectionTitle'),
        rows: LANGUAGES.map((l) => ({
          id: `${LANGUAGE_ROW_PREFIX}${l}`,
          title: LANGUAGE_NAMES[l].native,
          description: LANGUAGE_NAMES[l].english,
        })),
      },
    ],
  };
}

export function startLanguage(data: SessionData, ctx: StepContext): Outcome {
  return { step: 'choose_language', data, replies: [languageListReply(ctx.text)], effects: [] };
}

/** The list's answer typed out: "3", "русский", "Russian", "ru". */
export function parseLanguage(input: string): Language | null {
  const typed = normalise(input).replace(/[.)]$/, '');
  const n = Number(typed);
  if (Number.isInteger(n) && n >= 1 && n <= LANGUAGES.length) return LANGUAGES[n - 1] ?? null;
  return (
    LANGUAGES.find((l) => {
      const names = LANGUAGE_NAMES[l];
      return [names.native, names.english, l, ...names.aliases].some((w) => normalise(w) === typed);
    }) ?? null
  );
}

export function chooseLanguage(language: Language, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.textIn(language);
  return { ...toMainMenu(t, data, [], mainMenuText(t, t.t('language.changed'))), language };
}

export function handleLanguageText(input: string, data: SessionData, ctx: StepContext): Outcome {
  const language = parseLanguage(input);
  if (language !== null) return chooseLanguage(language, data, ctx);
  return {
    step: 'choose_language',
    data,
    replies: [languageListReply(ctx.text, ctx.text.t('language.invalid'))],
    effects: [],
  };
}
