/**
 * Phones as people write them (`+971 50 123 4567`, `00971501234567`, `971501234567`) → the
 * digits-only `wa_id` form we store. Returns null for anything that cannot be a phone number.
 * A business-scoped user id (e.g. `US.1234567890123456789`) is passed through unchanged.
 */
export function normalizePhone(input: string): string | null {
  const s = input.trim();
  if (isBsuid(s)) return s;
  if (!/^[+\d\s().-]+$/.test(s)) return null;
  let digits = s.replace(/\D/g, '');
  if (!s.startsWith('+') && digits.startsWith('00')) digits = digits.slice(2);
  if (digits.length < 7 || digits.length > 15 || digits.startsWith('0')) return null;
  return digits;
}

/** For logs at info level: only the last four digits survive. */
export function maskPhone(phone: string): string {
  if (phone.length <= 4) return '****';
  return `${'*'.repeat(Math.min(8, phone.length - 4))}${phone.slice(-4)}`;
}

/**
 * A business-scoped user id as Meta documents it: the user's ISO 3166 alpha-2 country code, a
 * period, then up to 128 letters and digits (`US.13491208655302741918`); a parent BSUID of linked
 * portfolios adds `ENT.` (`US.ENT.11815799212886844830`). Stored and sent back exactly as received.
 */
export const BSUID_PATTERN = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** The longest user key we store: a parent BSUID (2 + 1 + 4 + 128 characters). */
export const USER_KEY_MAX = 135;

export function isBsuid(value: string): boolean {
  return BSUID_PATTERN.test(value);
}

/** A user key as people read it: `+971501234567` for a phone, a BSUID exactly as it is (never `+US.…`). */
export function displayUserKey(key: string): string {
  return isBsuid(key) ? key : `+${key.replace(/^\+/, '')}`;
}

/**
 * A wa_id as Meta sends it in `from` / `contacts[].wa_id`: the phone number's digits, no `+`.
 * The same bounds as normalizePhone (7 to 15 digits, E.164's longest, no leading 0), so every
 * stored user key is one the admin API and the CLI accept: a 16-digit `from` used to become a user
 * nobody could look up or delete ("bad phone format").
 */
export function isWaId(value: string): boolean {
  return /^[1-9]\d{6,14}$/.test(value);
}
