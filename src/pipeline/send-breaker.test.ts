import { describe, expect, it } from 'vitest';
import { BREAKER_MIN_FAILING_USERS, BREAKER_WINDOW_MS, OutageWindow } from './send-breaker.js';

const T0 = 1_900_000_000_000;

/** A seeded generator, so every run sees the same faults. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * Sends as the outbound sender does: each user's replies in order, the next one right after a
 * success, a failed one retried a second later (holding its user's queue meanwhile). Returns the
 * first verdict that would open the breaker, or null.
 */
function simulate(opts: { users: number; replies: number; failShare: number; seed: number }): string | null {
  const random = seeded(opts.seed);
  const window = new OutageWindow();
  const left = new Map<string, number>();
  const dueAt = new Map<string, number>();
  for (let u = 0; u < opts.users; u++) {
    left.set(`user${u}`, opts.replies);
    dueAt.set(`user${u}`, T0);
  }
  for (let now = T0; left.size > 0 && now < T0 + 120_000; now += 10) {
    for (const [user, n] of left) {
      if ((dueAt.get(user) ?? 0) > now) continue;
      const failed = random() < opts.failShare;
      window.note(user, failed, now);
      if (failed) {
        const verdict = window.verdict(now);
        if (verdict !== null) return verdict;
        dueAt.set(user, now + 1_000);
      } else if (n === 1) left.delete(user);
      else left.set(user, n - 1);
    }
  }
  return null;
}

describe('OutageWindow', () => {
  it('stays closed while 30% of sends fail at random, though most users have a failure as their latest', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(simulate({ users: 20, replies: 3, failShare: 0.3, seed })).toBeNull();
    }
  });

  it('opens when most sends across many users fail, and says how many', () => {
    const verdict = simulate({ users: 20, replies: 3, failShare: 1, seed: 7 });
    expect(verdict).toMatch(/^100% of the sends to \d+ users in 10 s failed$/);
  });

  it('opens on a mostly failing API (80%) too', () => {
    expect(simulate({ users: 30, replies: 3, failShare: 0.8, seed: 3 })).not.toBeNull();
  });

  it('never opens for one recipient, however often it fails, nor for fewer failing users than the minimum', () => {
    const w = new OutageWindow();
    for (let i = 0; i < 500; i++) w.note('poisoned', true, T0 + i);
    expect(w.verdict(T0 + 500)).toBeNull();
    // With the poisoned one, one failing user short of the minimum.
    for (let u = 2; u < BREAKER_MIN_FAILING_USERS; u++) w.note(`user${u}`, true, T0 + 600);
    expect(w.verdict(T0 + 600)).toBeNull();
    w.note('user-last', true, T0 + 700);
    expect(w.verdict(T0 + 700)).not.toBeNull();
  });

  it('weighs each recipient once: a poisoned recipient retried many times does not outvote healthy ones', () => {
    const w = new OutageWindow();
    for (let u = 0; u < BREAKER_MIN_FAILING_USERS; u++) {
      for (let i = 0; i < 50; i++) w.note(`poisoned${u}`, true, T0 + i);
    }
    for (let u = 0; u < 10; u++) w.note(`healthy${u}`, false, T0 + 60);
    // 5 of 15 users fail all their sends: a third, under the ratio, whatever the attempt counts.
    expect(w.verdict(T0 + 60)).toBeNull();
  });

  it('forgets attempts older than the window', () => {
    const w = new OutageWindow();
    for (let u = 0; u < 10; u++) w.note(`user${u}`, true, T0);
    expect(w.verdict(T0 + 1)).not.toBeNull();
    expect(w.verdict(T0 + BREAKER_WINDOW_MS + 1)).toBeNull();
    w.clear();
    expect(w.verdict(T0 + BREAKER_WINDOW_MS + 2)).toBeNull();
  });
});
