// Small zod pieces shared by the webhook parsers.
import { z } from 'zod';

/** Meta sends epoch seconds as a string; some tools send a number. Both become a Date. */
export const epochSecondsSchema = z
  .union([z.string().regex(/^\d+$/, 'expected epoch seconds'), z.number().int().nonnegative()])
  .transform((value) => new Date(Number(value) * 1000))
  .refine((date) => !Number.isNaN(date.getTime()), 'timestamp out of range');

/** A string field we read when present; any other type makes the item invalid. */
export const optionalText = z.string().min(1).optional();

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
