// A template quick-reply button that means "stop": the payload we give it, and the labels that say so.
import { STOP_WORDS } from '../content/opt-out-words.js';

/**
 * The payload the template sender gives every quick-reply button labelled with a STOP word
 * (templates.ts). A tap on it, or on a template button whose label contains a STOP word ("Stop
 * promotions", Meta's marketing opt-out button, or its words in any of our ten languages), opts out
 * (pipeline/opt-out.ts).
 */
export const OPT_OUT_BUTTON_PAYLOAD = 'nexora:opt_out';

/**
 * Lower case, words split on spaces and punctuation but not hyphens ("Opt-out!" → " opt-out ",
 * "Non-stop" stays one word), padded so a phrase matches whole words only.
 */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}-]+/gu, ' ')
    .trim()} `;
}

const STOP_PHRASES = [...new Set(Object.values(STOP_WORDS).flat())].map(words);
/** Scripts written without spaces: there a STOP word counts anywhere in the label ("停止推广"). */
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana} ]+$/u;

/**
 * A template quick-reply label that says stop: it contains a STOP word of any language as whole
 * words ("Stop promotions", "Отписаться от рассылки"). Only for template buttons, whose labels the
 * business wrote; typed text must be exactly a STOP word ("stop calling me later" is a sentence).
 */
export function isStopLabel(label: string): boolean {
  const padded = words(label);
  return STOP_PHRASES.some((phrase) =>
    UNSPACED.test(phrase) ? padded.includes(phrase.trim()) : padded.includes(phrase),
  );
}
