import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { isBsuid, normalizePhone } from '../lib/phone.js';
import type { Database } from '../store/schema.js';

/**
 * A phone as an operator typed it → the stored `wa_id` form. Bad input is an AppError, so the CLI
 * and the API report it the same way (one line / 400 VALIDATION_FAILED).
 */
export function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone)
    throw new AppError(
      'VALIDATION_FAILED',
      'bad phone format (expected e.g. +971 50 123 4567, 00971501234567 or 971501234567)',
      { field: 'phone' },
    );
  return phone;
}

/**
 * requirePhone, then the key the person's rows are stored under: a BSUID typed for a user we know by
 * phone (the pair was seen) is that phone, so looking them up by either finds the one history.
 */
export async function requireUserKey(db: Kysely<Database>, input: string): Promise<string> {
  const key = requirePhone(input);
  if (!isBsuid(key)) return key;
  const pair = await db
    .selectFrom('whatsapp_sessions')
    .select('phone')
    .where('bsuid', '=', key)
    .where('phone', '<>', key)
    .limit(1)
    .executeTakeFirst();
  return pair?.phone ?? key;
}

/**
 * NOT_FOUND for a person with no rows. The phone is shown in full: the operator just typed it, and
 * masking is for logs (the error handler logs this error's code, never its message).
 */
export function unknownUser(phone: string): AppError {
  return new AppError('NOT_FOUND', `unknown user: nothing is stored for ${phone}`, { field: 'phone' });
}

export const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

/** Stored JSON text back to a value; a corrupt blob is returned as the text it is. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
