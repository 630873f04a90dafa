import { describe, expect, it } from 'vitest';
import { MEDIA_DOWNLOAD_RETRY } from './media-download.js';
import { DEFAULT_MAX_ATTEMPTS, retryDecision } from './notification-worker.js';

const HOUR = 3_600_000;
const retry = { status: 'retry' as const };
const half = () => 0.5;

/** Runs failed attempts back to back, each at the time the previous one scheduled, until one is final. */
function runUntilFinal(horizon: typeof MEDIA_DOWNLOAD_RETRY | undefined) {
  const createdAt = 1_000_000;
  let now = createdAt;
  for (let attempts = 1; ; attempts++) {
    const next = retryDecision({ attempts, created_at: createdAt }, retry, now, {
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      horizon,
      random: half,
    });
    if (next.final) return { attempts, lastTryAfterMs: now - createdAt };
    now += next.delayMs;
  }
}

describe('when a failed notification is tried again', () => {
  it('gives an e-mail or CRM delivery its fixed number of attempts, minutes apart', () => {
    const r = runUntilFinal(undefined);
    expect(r.attempts).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(r.lastTryAfterMs).toBeLessThan(10 * 60_000);
  });

  it("keeps fetching a client's file for as long as Meta keeps the media id, at most half an hour apart", () => {
    const r = runUntilFinal(MEDIA_DOWNLOAD_RETRY);
    // The last try falls within the horizon, and within one backed-off delay of its end.
    expect(r.lastTryAfterMs).toBeLessThanOrEqual(MEDIA_DOWNLOAD_RETRY.horizonMs);
    expect(r.lastTryAfterMs).toBeGreaterThan(MEDIA_DOWNLOAD_RETRY.horizonMs - MEDIA_DOWNLOAD_RETRY.maxDelayMs);
    expect(MEDIA_DOWNLOAD_RETRY.horizonMs).toBeLessThan(7 * 24 * HOUR);
    // Once backed off, one try every 15–30 minutes (full jitter): hundreds over the week, not thousands.
    const { horizonMs, maxDelayMs } = MEDIA_DOWNLOAD_RETRY;
    expect(r.attempts).toBeGreaterThanOrEqual(Math.floor(horizonMs / maxDelayMs));
    expect(r.attempts).toBeLessThanOrEqual(Math.ceil(horizonMs / (maxDelayMs / 2)));
  });

  it('gives up at once on a permanent failure, and honours a longer Retry-After', () => {
    const row = { attempts: 1, created_at: 0 };
    const opts = { maxAttempts: 8, horizon: MEDIA_DOWNLOAD_RETRY, random: half };
    expect(retryDecision(row, { status: 'failed' }, 0, opts)).toEqual({ final: true });
    expect(retryDecision(row, { status: 'retry', retryAfterMs: 90_000 }, 0, opts)).toEqual({
      final: false,
      delayMs: 90_000,
    });
    // A Retry-After past the horizon ends it: the media id will be gone by then.
    expect(retryDecision(row, { status: 'retry', retryAfterMs: 8 * 24 * HOUR }, 0, opts)).toEqual({ final: true });
  });
});
