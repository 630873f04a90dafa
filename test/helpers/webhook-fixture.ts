// The webhook fixtures of test/fixtures/webhooks/ (issue 12), as Meta would send them now.
import { readFileSync } from 'node:fs';

/** A fixture as Meta would send it now: `__NOW__` is the current epoch-seconds string. */
export function fixture(name: string, nowSec = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  const text = readFileSync(new URL(`../fixtures/webhooks/${name}.json`, import.meta.url), 'utf8')
    .replaceAll('"__NOW_NUMBER__"', String(nowSec))
    .replaceAll('"__LATER_NUMBER__"', String(nowSec + 60))
    .replaceAll('__NOW__', String(nowSec));
  return JSON.parse(text) as Record<string, unknown>;
}

/** The first `messages[]` item of a fixture (what ingest stores as the payload). */
export function firstMessage(body: Record<string, unknown>): Record<string, unknown> {
  const value = (body as { entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[] }).entry[0]!
    .changes[0]!.value;
  return value.messages[0]!;
}
