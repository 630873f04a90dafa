// Small zod pieces shared by the webhook parsers.
import { z } from 'zod';
import { isBsuid, isWaId } from '../lib/phone.js';

/** Meta's clock and ours may disagree a little; a timestamp further ahead than this is not Meta's. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Meta sends epoch seconds as a string; some tools send a number. Both become a Date. The schema is
 * built once (a zod schema per item cost a fifth of the server's CPU in the burst benchmark); the
 * clock check against the injected `now` is `futureTimestampError`, run after parsing.
 */
export const epochSeconds = z
  .union([z.string().regex(/^\d+$/, 'expected epoch seconds'), z.number().int().nonnegative()])
  .transform((value) => new Date(Number(value) * 1000))
  .refine((date) => !Number.isNaN(date.getTime()), 'timestamp out of range');

/**
 * A time more than a day ahead of `now` (e.g. `8640000000000`, the year 275760) is refused: stored,
 * it would make the user look active for ever. Worded like `describeIssues`.
 */
export function futureTimestampError(date: Date, now: number): string | null {
  return date.getTime() > now + FUTURE_TOLERANCE_MS ? 'timestamp: timestamp is in the future' : null;
}

/**
 * Identity fields (`from`, `wa_id`, `recipient_id`, `from_user_id`, `user_id`, `recipient_user_id`):
 * absent, null and `""` all mean "not sent" (Meta's own example of a username user has `"from": ""`).
 * A value that is present must have the documented shape, else the item is set aside.
 */
const absentAsUndefined = z
  .union([z.string(), z.null()])
  .optional()
  // NUL cannot be stored on PostgreSQL and is never part of an id: dropped before the shape check.
  .transform((v) => (v === undefined || v === null ? undefined : v.replaceAll('\u0000', '') || undefined));
export const waIdField = absentAsUndefined.refine(
  (v) => v === undefined || isWaId(v),
  'expected a phone number (digits only)',
);
export const bsuidField = absentAsUndefined.refine(
  (v) => v === undefined || isBsuid(v),
  'expected a business-scoped user id (CC.alphanumeric)',
);

/** A string field we only use for display; a wrong type is ignored rather than fatal. */
export const lenientText = z.string().optional().catch(undefined);

/** The outcome of parsing one item (a message, a status) inside a payload. */
export type ItemResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** One line naming the first few problems, for logs and `other[].raw.reason`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
