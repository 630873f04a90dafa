// Does a message ask for a person? The words, per language, are data in content/handoff-words.ts
// (matched whole, after lower-casing and dropping punctuation).
import { HUMAN_REQUEST_WORDS } from '../content/handoff-words.js';

export const HUMAN_REQUEST_KEYWORDS: readonly string[] = Object.values(HUMAN_REQUEST_WORDS).flat();

function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

// Chinese is written without spaces: its words are looked for anywhere ("我要转人工客服").
const HAN = /\p{Script=Han}/u;
const PADDED = HUMAN_REQUEST_KEYWORDS.map((k) => (HAN.test(k) ? normalise(k).trim() : normalise(k)));

/** True when the text contains one of the keywords as whole words ("I want to speak to a human!"). */
export function asksForHuman(text: string): boolean {
  const t = normalise(text);
  return PADDED.some((k) => t.includes(k));
}
