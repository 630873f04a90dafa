// The language of a user's first message (or of any message while none is stored): i18n's detector
// over content's greeting, thanks and goodbye words. Loaded by the pipeline only, so the detector's
// n-gram tables (eld, ~1.6 MB) are not read by everything that renders a message.
import { HUMAN_REQUEST_WORDS } from '../content/handoff-words.js';
import { GOODBYE_WORDS, GREETING_WORDS, HOME_WORDS, LANGUAGE_WORDS, THANKS_WORDS } from '../content/keywords.js';
import { createLanguageDetector } from '../i18n/detect-language.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';

// The command words too (menu, language, a person): a lone "consultant" or "menu" is also French, and
// English, first in LANGUAGES, claims a word several languages share, so a command never switches an
// English speaker (detection only proposes; the language list is one tap away).
const WORD_LISTS = [GREETING_WORDS, THANKS_WORDS, GOODBYE_WORDS, HOME_WORDS, LANGUAGE_WORDS, HUMAN_REQUEST_WORDS];
const detector = createLanguageDetector(
  Object.fromEntries(LANGUAGES.map((l) => [l, WORD_LISTS.flatMap((list) => list[l] ?? [])])),
);

/** Null when the message says too little ("1", "👋", "ok"): English for now, and try again next time. */
export function detectLanguage(text: string): Language | null {
  return detector.detect(text);
}
