/**
 * Phones as people write them (`+971 50 123 4567`, `00971501234567`, `971501234567`) → the
 * digits-only `wa_id` form we store. Returns null for anything that cannot be a phone number.
 * A business-scoped user id (e.g. `US.1234567890123456789`) is passed through unchanged.
 */
export function normalizePhone(input: string): string | null {
  const s = input.trim();
  if (/^[A-Z]{2}\.\d{6,30}$/.test(s)) return s;
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
