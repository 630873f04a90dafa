import { isIPv6 } from 'node:net';

interface Entry {
  failures: number;
  windowEndsAt: number;
}

export interface LimiterOptions {
  maxFailures: number;
  windowMs: number;
  /** Addresses tracked at once; beyond it, new failing addresses share one overflow entry. */
  maxTracked: number;
  /** Clients remembered for a valid token (never put in the overflow entry); the oldest go first. */
  maxTrusted: number;
  /** How long a valid token keeps its client out of the overflow entry. */
  trustMs: number;
}

const DEFAULTS: LimiterOptions = {
  maxFailures: 10,
  windowMs: 60_000,
  maxTracked: 10_000,
  maxTrusted: 1_000,
  trustMs: 30 * 24 * 3_600_000,
};
const OVERFLOW = '*';

/**
 * Counts failed admin logins per client and blocks a client after `maxFailures` within `windowMs`,
 * until its window ends. Only failures count, so an admin using the API heavily is never
 * throttled. A blocked client is refused whatever token it sends: otherwise a blocked guesser
 * would still learn which guess was right.
 *
 * A client is an IPv4 address or an IPv6 /64 (one subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would give one attacker 2^64 identities).
 *
 * Memory is bounded by `maxTracked`. When full, expired entries go first, then the oldest entries
 * that are not blocked; blocked entries are never dropped for room, so failing from many other
 * addresses cannot unblock one. If every tracked entry is blocked (an attack from more addresses
 * than tracked), further new clients share one overflow entry and are blocked together — except
 * clients that presented the right token in the last `trustMs` (30 days): they are never put in the
 * overflow entry, but always get an entry of their own, beyond `maxTracked` if need be (at most
 * `maxTrusted` more; only the token adds to them, so a guesser cannot). So a crowd of guessers at
 * other addresses cannot lock the operator out, and the operator's own address is still limited
 * like any other: 10 wrong tokens block it.
 *
 * Why not @fastify/rate-limit: its per-request checker counts every call it sees, and cannot answer
 * "is this client blocked?" without counting, which is exactly the question asked before the token
 * is checked.
 */
export class AuthFailureLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly trusted = new Map<string, number>();
  private readonly opts: LimiterOptions;

  constructor(opts: Partial<LimiterOptions> = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Milliseconds until the client may try again, or 0 when it is not blocked. */
  blockedForMs(address: string, now: number): number {
    const key = clientKey(address);
    const own = this.blockedFor(key, now);
    if (own > 0 || this.entries.has(key) || this.isTrusted(key, now)) return own;
    return this.blockedFor(OVERFLOW, now);
  }

  recordFailure(address: string, now: number): void {
    const key = clientKey(address);
    const e = this.entries.get(key);
    if (e && e.windowEndsAt > now) {
      e.failures++;
      return;
    }
    this.entries.delete(key);
    if (this.entries.size >= this.opts.maxTracked) this.makeRoom(now);
    const target = this.entries.size < this.opts.maxTracked || this.isTrusted(key, now) ? key : OVERFLOW;
    const existing = this.entries.get(target);
    if (existing && existing.windowEndsAt > now) existing.failures++;
    else this.entries.set(target, { failures: 1, windowEndsAt: now + this.opts.windowMs });
  }

  /** A valid token from this client: it stays out of the shared overflow entry for `trustMs`. */
  recordSuccess(address: string, now: number): void {
    const key = clientKey(address);
    this.trusted.delete(key);
    if (this.trusted.size >= this.opts.maxTrusted) this.trusted.delete(this.trusted.keys().next().value as string);
    this.trusted.set(key, now + this.opts.trustMs);
  }

  get tracked(): number {
    return this.entries.size;
  }

  private blockedFor(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    if (e.windowEndsAt <= now) {
      this.entries.delete(key);
      return 0;
    }
    return e.failures >= this.opts.maxFailures ? e.windowEndsAt - now : 0;
  }

  private isTrusted(key: string, now: number): boolean {
    const until = this.trusted.get(key);
    return until !== undefined && until > now;
  }

  /** Expired entries first, then the oldest unblocked one (Maps iterate in insertion order). */
  private makeRoom(now: number): void {
    for (const [key, e] of this.entries) if (e.windowEndsAt <= now) this.entries.delete(key);
    if (this.entries.size < this.opts.maxTracked) return;
    for (const [key, e] of this.entries) {
      if (key !== OVERFLOW && e.failures < this.opts.maxFailures) {
        this.entries.delete(key);
        return;
      }
    }
  }
}

/** IPv4 (also when IPv4-mapped) as is; IPv6 reduced to its /64 prefix. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded (an embedded IPv4 tail counts as two). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').flatMap(ipv4Tail));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

function ipv4Tail(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
