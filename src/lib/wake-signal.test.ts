import { describe, expect, it } from 'vitest';
import { WakeSignal } from './wake-signal.js';

describe('WakeSignal', () => {
  it('wakes a waiter, and remembers a wake that came while nobody waited', async () => {
    const s = new WakeSignal();
    const woken = s.wait(60_000);
    s.wake();
    await woken;
    s.wake();
    const t0 = Date.now();
    await s.wait(60_000);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('never leaves an earlier waiter asleep when a second one starts waiting', async () => {
    const s = new WakeSignal();
    let firstDone = false;
    const first = s.wait(60_000).then(() => (firstDone = true));
    const second = s.wait(60_000);
    await first;
    expect(firstDone).toBe(true);
    s.wake();
    await second;
  });
});
