// Small numeric helpers for the benchmark: percentiles and sliding-window rates.

export interface Percentiles {
  n: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of `values` (milliseconds); NaN everywhere when empty. */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const n = values.length;
  if (n === 0) return { n: 0, p50: NaN, p90: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return { n, p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: sorted[n - 1]!, mean: sum / n };
}

export interface WindowRates {
  windows: number;
  mean: number;
  min: number;
  max: number;
  /** (count - 1) / (last - first): the average rate over the whole run. */
  overall: number;
}

/**
 * Counts events in every 1 s window [t, t + 1000) for t from first + skipMs to last - 1000, stepping
 * `stepMs`: full windows only, the first second (the ramp) left out.
 */
export function slidingWindowRates(times: number[], skipMs = 1000, stepMs = 50): WindowRates {
  const sorted = [...times].sort((a, b) => a - b);
  const n = sorted.length;
  if (n < 2) return { windows: 0, mean: NaN, min: NaN, max: NaN, overall: NaN };
  const first = sorted[0]!;
  const last = sorted[n - 1]!;
  const overall = ((n - 1) / (last - first)) * 1000;
  const counts: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let t = first + skipMs; t + 1000 <= last; t += stepMs) {
    while (lo < n && sorted[lo]! < t) lo++;
    while (hi < n && sorted[hi]! < t + 1000) hi++;
    counts.push(hi - lo);
  }
  if (counts.length === 0) return { windows: 0, mean: NaN, min: NaN, max: NaN, overall };
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  return { windows: counts.length, mean, min: Math.min(...counts), max: Math.max(...counts), overall };
}

export const round = (v: number, digits = 1): number =>
  Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : NaN;
