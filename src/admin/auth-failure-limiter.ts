/**
 * Counts failed admin logins per client address and blocks an address after `maxFailures` within
 * `windowMs`, until its window ends. Only failures count, so an admin using the API heavily is never
 * throttled. A blocked address is refused whatever token it sends: otherwise a blocked guesser
 * would still learn which guess was right.
 *
 * Why not @fastify/rate-limit: its per-request checker counts every call it sees, and cannot answer
 * "is this address blocked?" without counting, which is exactly the question asked before the token
 * is checked. Memory is bounded: at most `maxTracked` addresses, oldest dropped first.
 */
export class AuthFailureLimiter {
  private readonly entries = new Map<string, { failures: number; windowEndsAt: number }>();

  constructor(
    private readonly opts: { maxFailures: number; windowMs: number; maxTracked: number } = {
      maxFailures: 10,
      windowMs: 60_000,
      maxTracked: 10_000,
    },
  ) {}

  /** Milliseconds until the address may try again, or 0 when it is not blocked. */
  blockedForMs(address: string, now: number): number {
    const e = this.entries.get(address);
    if (!e) return 0;
    if (e.windowEndsAt <= now) {
      this.entries.delete(address);
      return 0;
    }
    return e.failures >= this.opts.maxFailures ? e.windowEndsAt - now : 0;
  }

  recordFailure(address: string, now: number): void {
    const e = this.entries.get(address);
    if (e && e.windowEndsAt > now) {
      e.failures++;
      return;
    }
    this.entries.delete(address);
    if (this.entries.size >= this.opts.maxTracked) this.evict(now);
    this.entries.set(address, { failures: 1, windowEndsAt: now + this.opts.windowMs });
  }

  get tracked(): number {
    return this.entries.size;
  }

  /** Expired windows first; if none, the oldest entry (Maps iterate in insertion order). */
  private evict(now: number): void {
    for (const [address, e] of this.entries) if (e.windowEndsAt <= now) this.entries.delete(address);
    if (this.entries.size >= this.opts.maxTracked) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
