// Checking what people type as their name and e-mail address.
import { LINE_BREAKS, withoutBidiControls } from '../lib/plain-text.js';

export const NAME_MAX = 100;
const EMAIL_MAX = 254;
// Pragmatic: one @, no spaces, a dot in the domain, a TLD of two letters or more.
const EMAIL = /^[^\s\u0085@<>(),;:"]+@(?:[^\s\u0085@<>(),;:".]+\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+)$/i;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: 'empty' | 'invalid' };

/**
 * The name as typed (trimmed, without bidirectional controls); it must contain a letter, fit on one
 * line and be of sensible length.
 */
export function checkName(text: string): NameCheck {
  const name = withoutBidiControls(text).trim();
  if (name === '') return { ok: false, reason: 'empty' };
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
