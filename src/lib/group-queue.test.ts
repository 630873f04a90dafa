import { describe, expect, it } from 'vitest';
import { GroupQueue } from './group-queue.js';

describe('GroupQueue', () => {
  it('writes what arrives together as one group, and what arrives during a write as the next', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((r) => (release = r));
    const q = new GroupQueue<number, number>({
      maxConcurrent: 1,
      maxGroup: 100,
      write: async (group) => {
        groups.push(group);
        if (groups.length === 1) await firstWrite;
        return group.map((n) => n * 10);
      },
    });
    const first = [1, 2, 3].map((n) => q.push(n));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((n) => q.push(n));
    await new Promise((r) => setTimeout(r, 20));
    expect(groups).toEqual([[1, 2, 3]]); // the second group waits for the first write
    release();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('gives every item the group error, or retries each alone so only the bad one fails', async () => {
    const write = async (group: number[]) => {
      if (group.includes(13)) throw new Error('unlucky');
      return group;
    };
    const plain = new GroupQueue<number, number>({ maxConcurrent: 1, maxGroup: 10, write });
    const r1 = await Promise.allSettled([12, 13, 14].map((n) => plain.push(n)));
    expect(r1.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const isolating = new GroupQueue<number, number>({
      maxConcurrent: 1,
      maxGroup: 10,
      write,
      retryAlone: async (n) => (await write([n]))[0]!,
    });
    const r2 = await Promise.allSettled([12, 13, 14].map((n) => isolating.push(n)));
    expect(r2.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('splits a long queue into groups of at most maxGroup', async () => {
    const sizes: number[] = [];
    const q = new GroupQueue<number, number>({
      maxConcurrent: 2,
      maxGroup: 4,
      write: async (g) => (sizes.push(g.length), g),
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => q.push(i)));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });
});
