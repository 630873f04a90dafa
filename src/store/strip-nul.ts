/**
 * PostgreSQL text cannot hold U+0000 (the statement fails), and no person means it in a chat
 * message, a name or an id. Every string bound to a statement, on both databases, loses it here,
 * at the driver: one place covers every column, every statement (Kysely-built or fixed SQL text)
 * and every lookup, so a stored value and the key it is looked up by always agree. JSON payloads
 * keep it escaped as `\u0000`, which is no NUL byte.
 */
export function stripNulParams<T>(params: T): T {
  if (!Array.isArray(params) || !params.some(hasNul)) return params;
  return params.map(stripValue) as T;
}

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  return Array.isArray(v) && v.some(hasNul);
}

function stripValue(v: unknown): unknown {
  if (typeof v === 'string') return v.includes('\u0000') ? v.replaceAll('\u0000', '') : v;
  // unnest(?::text[]) binds arrays of strings.
  return Array.isArray(v) ? v.map(stripValue) : v;
}
