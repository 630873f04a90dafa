// Retry-After (RFC 9110 §10.2.3) is either delta-seconds or an HTTP date. Shared by the WhatsApp
// sender and the CRM webhook, so both read the header the same way.

/** A server asking for more than a day is misconfigured; waiting that long would strand the work. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Milliseconds to wait, or null when the header is absent or unreadable. Never negative, capped at
 * a day. Only whole seconds count as delta-seconds ("1.5", "-5" are junk and ignored), and a date
 * must contain letters, so a number is never misread as a date.
 */
export function parseRetryAfter(header: string | string[] | undefined, now: number | Date = Date.now()): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') return null;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    if (!/[a-z]/i.test(value)) return null;
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - (typeof now === 'number' ? now : now.getTime());
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}
