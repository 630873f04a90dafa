// Checking what people type as their name and e-mail address.
import { QUESTION_STARTS } from '../content/keywords.js';
import { LINE_BREAKS, withoutBidiControls } from '../lib/plain-text.js';

export const NAME_MAX = 100;
const EMAIL_MAX = 254;
// Pragmatic: one @, no spaces, a dot in the domain, a TLD of two letters or more.
const EMAIL = /^[^\s\u0085@<>(),;:"]+@(?:[^\s\u0085@<>(),;:".]+\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+)$/i;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: 'empty' | 'invalid' | 'question' | 'email' };

const QUESTION_MARK = /[?？؟¿]/u;
const QUESTION_WORDS = Object.values(QUESTION_STARTS)
  .flat()
  .map((w) => w.toLowerCase());
const SPACELESS = /^[\p{Script=Han}]/u;

/**
 * A question rather than a name: a question mark, or the way a question starts ("how much…",
 * "сколько…", "多少…") followed by more words. One word alone is left to be a name ("Como" is rare,
 * but "Can" is a Turkish first name: two words are needed for "can I…").
 */
function looksLikeQuestion(name: string): boolean {
  if (QUESTION_MARK.test(name)) return true;
  const t = name.toLowerCase().replace(/\s+/g, ' ');
  return QUESTION_WORDS.some((q) =>
    SPACELESS.test(q) ? t.startsWith(q) && t.length > q.length + 1 : t.startsWith(`${q} `) && t.split(' ').length >= 3,
  );
}

/**
 * The name as typed (trimmed, without bidirectional controls); it must contain a letter, fit on one
 * line and be of sensible length.
 */
export function checkName(text: string): NameCheck {
  const name = withoutBidiControls(text).trim();
  if (name === '') return { ok: false, reason: 'empty' };
  if (name.includes('@') && normaliseEmail(name.split(/\s+/).find((w) => w.includes('@')) ?? '') !== null)
    return { ok: false, reason: 'email' };
  if (looksLikeQuestion(name)) return { ok: false, reason: 'question' };
  if (name.length > NAME_MAX || !/\p{L}/u.test(name) || LINE_BREAKS.test(name)) return { ok: false, reason: 'invalid' };
  return { ok: true, name };
}

/** The address with its domain lower-cased, or null when it does not look like one. */
export function normaliseEmail(text: string): string | null {
  const email = withoutBidiControls(text)
    .trim()
    .replace(/^mailto:/i, '');
  if (email.length > EMAIL_MAX || !EMAIL.test(email) || email.includes('..')) return null;
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}
