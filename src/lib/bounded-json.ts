/**
 * Deeper than any payload Meta sends (about six levels), far shallower than what overflows
 * JSON.stringify's stack (a few thousand).
 */
export const MAX_STORED_DEPTH = 32;
const TOO_DEEP = '[nested too deep]';

/**
 * JSON text of a value parsed from a webhook, which cannot throw however deeply it nests: levels
 * past `maxDepth` are replaced by a marker. JSON.parse accepts any depth, JSON.stringify recurses
 * and overflows the stack at a few thousand, which would fail the whole webhook on every
 * redelivery. Values within the depth are serialised unchanged.
 */
export function boundedJson(value: unknown, maxDepth = MAX_STORED_DEPTH): string {
  return JSON.stringify(withinDepth(value, maxDepth));
}

function withinDepth(value: unknown, depthLeft: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depthLeft === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => withinDepth(v, depthLeft - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withinDepth(v, depthLeft - 1);
  return out;
}
