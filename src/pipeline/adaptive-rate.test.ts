import { describe, expect, it } from 'vitest';
import { CUT_COOLDOWN_MS, CUT_FACTOR, cutRate, rateAt, ThroughputWindow } from './adaptive-rate.js';

const T0 = 1_900_000_000_000;

describe('rateAt', () => {
  it('is the ceiling, or unlimited, before any throttle', () => {
    expect(rateAt(undefined, T0, 80)).toBe(80);
    expect(rateAt(undefined, T0, 0)).toBe(Infinity);
  });

  it('recovers quickly to the last limit, crosses it gently, and never passes the ceiling', () => {
    const state = { rate: 38, since: T0, limit: 40 };
    expect(rateAt(state, T0, 80)).toBe(38);
    const at = (s: number) => rateAt(state, T0 + s * 1000, 80);
    expect(at(1)).toBeGreaterThan(38);
    expect(at(2)).toBeGreaterThanOrEqual(0.98 * 40 - 1e-9); // 38 → 39.2 within about a second
    // Near the limit it probes at 0.5% of it per second: 39.2 after ~1.05 s, then +0.2/s.
    expect(at(10)).toBeCloseTo(39.2 + 0.2 * (10 - Math.log(39.2 / 38) / Math.log(1.03)), 5);
    expect(at(10)).toBeGreaterThan(at(5));
    expect(at(600)).toBe(80);
  });

  it('goes back to unlimited when there is no ceiling and the rate is far above the old limit', () => {
    const state = { rate: 19, since: T0, limit: 20 };
    expect(rateAt(state, T0 + 5_000, 0)).toBeLessThan(21);
    expect(rateAt(state, T0 + 3_600_000, 0)).toBe(Infinity);
  });
});

describe('cutRate', () => {
  it('cuts just below what Meta admitted: the shared rate times the accepted share', () => {
    const next = cutRate(undefined, T0, 80, { accepted: 60, throttled: 20, windowMs: 2000 });
    expect(next).toEqual({ rate: CUT_FACTOR * 60, since: T0, limit: 60 });
  });

  it('at most halves the rate in one cut, and halves it when there is too little evidence', () => {
    expect(cutRate(undefined, T0, 80, { accepted: 1, throttled: 99, windowMs: 2000 })?.limit).toBe(40);
    expect(cutRate(undefined, T0, 80, { accepted: 0, throttled: 1, windowMs: 2000 })?.limit).toBe(40);
  });

  it('estimates the limit from the accepted sends when no rate was set', () => {
    const next = cutRate(undefined, T0, 0, { accepted: 50, throttled: 10, windowMs: 2000 });
    expect(next?.limit).toBe(25);
    expect(cutRate(undefined, T0, 0, { accepted: 0, throttled: 2, windowMs: 2000 })?.limit).toBe(20);
  });

  it('judges the accepted share against the rate the sends were made at, not the rate cut since', () => {
    // Sends made at 73.6/s, 54% accepted: Meta admits about 40/s, whatever the rate is now (44).
    const state = { rate: 44, since: T0, limit: 46 };
    const evidence = { accepted: 54, throttled: 46, windowMs: 2000, sentAtRate: 73.6 };
    const next = cutRate(state, T0 + CUT_COOLDOWN_MS, 80, evidence);
    expect(next?.limit).toBeCloseTo(0.54 * 73.6, 5);
    expect(next?.rate).toBeCloseTo(CUT_FACTOR * 0.54 * 73.6, 5);
    // Without that pace the same share of the rate in force would undershoot to about 24/s.
    const { sentAtRate: _omitted, ...noPace } = evidence;
    expect(cutRate(state, T0 + CUT_COOLDOWN_MS, 80, noPace)?.limit).toBeLessThan(25);
  });

  it('never raises the rate, and never more than halves it, whatever the pace of old sends says', () => {
    const state = { rate: 30, since: T0, limit: 32 };
    const at = T0 + CUT_COOLDOWN_MS;
    const now = rateAt(state, at, 80);
    expect(cutRate(state, at, 80, { accepted: 95, throttled: 5, windowMs: 2000, sentAtRate: 80 })?.limit).toBe(now);
    expect(cutRate(state, at, 80, { accepted: 5, throttled: 95, windowMs: 2000, sentAtRate: 20 })?.limit).toBe(
      0.5 * now,
    );
  });

  it('ignores throttles within the cooldown of the last cut (they answer sends made at the old rate)', () => {
    const state = { rate: 38, since: T0, limit: 40 };
    expect(cutRate(state, T0 + CUT_COOLDOWN_MS - 1, 80, { accepted: 1, throttled: 50, windowMs: 2000 })).toBeNull();
    expect(cutRate(state, T0 + CUT_COOLDOWN_MS, 80, { accepted: 40, throttled: 10, windowMs: 2000 })).not.toBeNull();
  });
});

describe('ThroughputWindow', () => {
  it('counts the last two seconds only', () => {
    const w = new ThroughputWindow();
    w.note(true, T0);
    w.note(false, T0 + 1_000);
    w.note(true, T0 + 2_500);
    expect(w.evidence(T0 + 2_500)).toEqual({ accepted: 1, throttled: 1, windowMs: 2000 });
  });

  it('gives the pace of the sends it counts: the harmonic mean of their rates, unpaced ones left out', () => {
    const w = new ThroughputWindow();
    w.note(true, T0, 80);
    w.note(false, T0 + 10, 80);
    w.note(true, T0 + 20, 40);
    w.note(true, T0 + 30);
    // Three paced sends taking 1/80 + 1/80 + 1/40 s: 60 a second.
    expect(w.evidence(T0 + 30)).toEqual({ accepted: 3, throttled: 1, windowMs: 2000, sentAtRate: 60 });
    const unpaced = new ThroughputWindow();
    unpaced.note(true, T0);
    expect(unpaced.evidence(T0).sentAtRate).toBeUndefined();
  });
});
