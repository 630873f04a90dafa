import { InvalidArgumentError } from 'commander';
import { UsageError } from './cli-errors.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `30m`, `24h`, `7d`, `2w`; a bare number means hours. Null when it is not a duration. */
export function parseDurationMs(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw]?)$/i.exec(text.trim());
  if (!m?.[1]) return null;
  const ms = Number(m[1]) * (UNIT_MS[(m[2] || 'h').toLowerCase()] ?? 0);
  return ms > 0 ? ms : null;
}

/** Commander option parser for durations. */
export function durationOption(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === null) throw new InvalidArgumentError('expected a duration such as 30m, 24h or 7d');
  return ms;
}

/** Commander option parser for positive whole numbers. */
export function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** Commander option parser for whole numbers in a range (the same range the API's schema has). */
export function wholeNumber(min: number, max: number): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/**
 * A point in time as operators write it: `2024-02-01` (midnight UTC), a full ISO time, or a duration
 * meaning "that long ago" (`7d`). Returns epoch ms.
 */
export function parseSince(text: string, now: number, option = '--since'): number {
  const ago = parseDurationMs(text);
  if (ago !== null) return now - ago;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text.trim()) : NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`${option}: "${text}" is not a date (2024-02-01, 2024-02-01T10:00:00Z) or a duration (7d)`);
  return ms;
}
