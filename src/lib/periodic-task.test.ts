import { describe, expect, it } from 'vitest';
import { PeriodicTask } from './periodic-task.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicTask', () => {
  it('runs first after firstMs, then everyMs after each run ends, never two at once', async () => {
    const starts: number[] = [];
    let inFlight = 0;
    let overlapped = false;
    const t0 = performance.now();
    const task = new PeriodicTask(
      async () => {
        starts.push(performance.now() - t0);
        inFlight++;
        if (inFlight > 1) overlapped = true;
        await sleep(40); // longer than everyMs: a fixed interval would overlap
        inFlight--;
      },
      { firstMs: 30, everyMs: 10 },
    );
    task.start();
    task.start(); // a second start is ignored
    await sleep(25);
    expect(starts).toEqual([]);
    await sleep(200);
    await task.stop();
    expect(overlapped).toBe(false);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts[0]).toBeGreaterThanOrEqual(29);
    // Each run starts at least the run's 40 ms + everyMs after the previous one started.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(49);
  });

  it('stop() waits for the run in progress and nothing runs after it', async () => {
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask(
      async () => {
        runs++;
        await sleep(50);
        finished++;
      },
      { firstMs: 0, everyMs: 0 },
    );
    task.start();
    await sleep(10);
    await task.stop();
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(60);
    expect(runs).toBe(after);
  });
});
