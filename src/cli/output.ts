import Table from 'cli-table3';
import type { ProgressFn } from '../ops/export-user.js';

type Cell = string | number | boolean | null | undefined;

export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  writeOut(JSON.stringify(value, null, 2));
}

const show = (v: Cell): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/** Rows under a header, for people. */
export function printTable(head: string[], rows: Cell[][]): void {
  const table = new Table({ head, style: { head: [], border: [], compact: true }, wordWrap: true });
  for (const r of rows) table.push(r.map(show));
  writeOut(table.toString());
}

/** One record as "field │ value" lines; a title line above when given. */
export function printRecord(title: string | null, record: Record<string, Cell>): void {
  if (title) writeOut(title);
  const table = new Table({ style: { head: [], border: [], compact: true }, wordWrap: true });
  for (const [k, v] of Object.entries(record)) table.push({ [k]: show(v) });
  writeOut(table.toString());
}

/** `2024-02-11T10:20:30.000Z` → `2024-02-11 10:20:30` (UTC), the form tables show. */
export const shortTime = (isoText: string | null | undefined): string | null =>
  isoText ? isoText.replace('T', ' ').replace(/(\.\d{3})?Z$/, '') : null;

/**
 * Progress of batched work on stderr: a live line on a terminal; otherwise (logs, pipes) one line per
 * batch, and only for work that takes more than one batch, so small jobs stay quiet.
 */
export function progressReporter(label: string): ProgressFn & { end(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  const fn = ((p) => {
    if (!tty && !shown && p.done >= p.total) return;
    shown = true;
    const line = `${label}: ${p.step} ${p.done}/${p.total}`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  }) as ProgressFn & { end(): void };
  fn.end = () => {
    if (tty && shown) process.stderr.write('\n');
  };
  return fn;
}
