import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AggregateLog } from './aggregate-log.js';

function sink() {
  const lines: { obj: Record<string, unknown>; msg: string }[] = [];
  return { lines, warn: (obj: object, msg: string) => void lines.push({ obj: obj as Record<string, unknown>, msg }) };
}

describe('AggregateLog', () => {
  it('writes the first refusal at once and the rest of a burst as one line at the end of the interval', async () => {
    const log = sink();
    let now = 1_000;
    const agg = new AggregateLog('refused', () => now, 40);
    for (let i = 0; i < 200; i++) agg.record(log, i % 2 ? 'a' : 'b', `10.0.0.${i % 7}`, '/x');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]!.obj).toMatchObject({ b: 1, clients: 1, routes: { '/x': 1 } });
    now += 40;
    await sleep(80);
    expect(log.lines).toHaveLength(2);
    expect(log.lines[1]).toMatchObject({ msg: 'refused', obj: { a: 100, b: 99, clients: 7, sinceMs: 40 } });
    await sleep(60);
    expect(log.lines).toHaveLength(2);
  });

  it('writes what is still counted on close, and nothing when nothing is', () => {
    const log = sink();
    const agg = new AggregateLog('refused', () => 0, 60_000);
    agg.close();
    agg.record(log, 'a', 'c1', '/x');
    agg.record(log, 'a', 'c2', '/y');
    agg.close();
    expect(log.lines.map((l) => l.obj)).toEqual([
      { a: 1, clients: 1, routes: { '/x': 1 }, sinceMs: 0 },
      { a: 1, clients: 1, routes: { '/y': 1 }, sinceMs: 0 },
    ]);
    agg.close();
    expect(log.lines).toHaveLength(2);
  });
});
