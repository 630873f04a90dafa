// The product's translators: content's catalogues rendered by i18n's one renderer, one per language,
// built once. The pipeline hands the user's translator to the conversation in its context.
import { CATALOGUES, ENGLISH, type MessageKey } from './content/catalogues.js';
import { LANGUAGES, toLanguage, type Language } from './i18n/languages.js';
import { createTranslator, type Translator } from './i18n/translator.js';

export type { MessageKey } from './content/catalogues.js';
export type Messages = Translator<MessageKey>;

const translators = new Map<Language, Messages>(
  LANGUAGES.map((l) => [l, createTranslator<MessageKey>(l, CATALOGUES[l] ?? {}, ENGLISH)]),
);

/** The translator for a stored or detected tag; unknown or malformed tags get English. */
export function messagesFor(tag: string | null | undefined): Messages {
  return translators.get(toLanguage(tag)) ?? createTranslator<MessageKey>('en', ENGLISH, ENGLISH);
}
