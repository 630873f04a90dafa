// Checking what people type as their name and e-mail address.

export const NAME_MAX = 100;
const EMAIL_MAX = 254;
// Pragmatic: one @, no spaces, a dot in the domain, a TLD of two letters or more.
const EMAIL = /^[^\s@<>(),;:"]+@(?:[^\s@<>(),;:".]+\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+)$/i;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: 'empty' | 'invalid' };

/** The name exactly as typed (trimmed); it must contain a letter and be of sensible length. */
export function checkName(text: string): NameCheck {
  const name = text.trim();
  if (name === '') return { ok: false, reason: 'empty' };
  if (name.length > NAME_MAX || !/\p{L}/u.test(name) || /[\r\n]/.test(name)) return { ok: false, reason: 'invalid' };
  return { ok: true, name };
}

/** The address with its domain lower-cased, or null when it does not look like one. */
export function normaliseEmail(text: string): string | null {
  const email = text.trim().replace(/^mailto:/i, '');
  if (email.length > EMAIL_MAX || !EMAIL.test(email) || email.includes('..')) return null;
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}
