import { AppError } from '../errors.js';
import { maskPhone, normalizePhone } from '../lib/phone.js';

/**
 * A phone as an operator typed it → the stored `wa_id` form. Bad input is an AppError, so the CLI
 * and the API report it the same way (one line / 400). The input is not echoed: error messages
 * reach the logs (app.ts logs AppErrors at info), where phones must not appear.
 */
export function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone)
    throw new AppError(
      'BAD_REQUEST',
      'bad phone format (expected e.g. +971 50 123 4567, 00971501234567 or 971501234567)',
    );
  return phone;
}

/** NOT_FOUND for a person with no rows; the phone masked to its last four digits, as in logs. */
export function unknownUser(phone: string): AppError {
  return new AppError('NOT_FOUND', `unknown user: nothing is stored for ${maskPhone(phone)}`);
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
