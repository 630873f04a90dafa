/**
 * Exponential backoff with full jitter: attempt 1 waits up to baseMs, attempt 2 up to 2×baseMs …,
 * capped. `random` is injectable so tests are deterministic.
 */
export function backoffDelayMs(
  attempt: number,
  opts: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = opts.baseMs ?? 1_000;
  const max = opts.maxMs ?? 5 * 60_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const r = (opts.random ?? Math.random)();
  // Never less than half the ceiling, so a retry storm still spreads out.
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
