// What every scenario shares: progress output, the result rows and problems, the run's mutable
// state (ceiling figures, profile summaries, whether to keep the logs), and cleanup on any exit.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { dropLeftoverSchemas, type BenchDatabase } from './databases.js';
import type { LoadResult } from './driver/load.js';
import { opts } from './flags.js';
import { killAllChildren } from './processes.js';
import type { ProfileSummary, SqlSummary } from './profile-summary.js';
import type { Percentiles } from './stats.js';

/** The run's mutable state, written by the scenarios and read by the report. */
export const state = {
  /** The server's entry point: src/main.ts, or the compiled main.js with --compiled. */
  serverScript: 'src/main.ts',
  keepLogs: false,
  ceilingRepliesPerSec: null as number | null,
  ceilingPort: -1,
  ceilingPerCpuSec: null as number | null,
  profileSummary: null as ProfileSummary | null,
  sqlSummary: null as SqlSummary | null,
  profiledRun: null as Record<string, unknown> | null,
  /** The console scenario's query plans, one block per database. */
  consolePlans: [] as string[],
};

export const f0 = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : '-');
export const f1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '-');

// ------------------------------------------------------------------------------------------------
// Output helpers
// ------------------------------------------------------------------------------------------------

const tty = process.stderr.isTTY === true;
let lastPlain = 0;
export function progress(line: string): void {
  if (tty) {
    const width = process.stderr.columns;
    process.stderr.write(`\r\x1b[K${line.slice(0, width - 1)}`);
  } else if (Date.now() - lastPlain > 5_000) {
    lastPlain = Date.now();
    process.stderr.write(`  … ${line}\n`);
  }
}
export function say(line: string): void {
  if (tty) process.stderr.write('\r\x1b[K');
  process.stderr.write(`${line}\n`);
}

// ------------------------------------------------------------------------------------------------
// Cleanup: children, schemas and temp dirs on any exit; a global time bound.
// ------------------------------------------------------------------------------------------------

export const liveDatabases = new Set<BenchDatabase>();
export const runDir = mkdtempSync(join(os.tmpdir(), 'nexora-bench-run-'));

process.on('exit', () => {
  killAllChildren('SIGKILL');
  for (const db of liveDatabases) if (db.kind === 'sqlite') rmSync(dirname(db.where), { recursive: true, force: true });
  if (!state.keepLogs) rmSync(runDir, { recursive: true, force: true });
});
let interrupted = false;
export async function abort(reason: string, code: number): Promise<never> {
  if (interrupted) process.exit(code);
  interrupted = true;
  say(`\n${reason}: stopping children and cleaning up…`);
  killAllChildren('SIGKILL');
  const bounded = new Promise((r) => setTimeout(r, 5_000).unref());
  await Promise.race([dropLeftoverSchemas(), bounded]);
  process.exit(code);
}
process.on('SIGINT', () => void abort('interrupted', 130));
process.on('SIGTERM', () => void abort('terminated', 143));
setTimeout(() => void abort(`time limit of ${opts.maxMinutes} minutes reached`, 1), opts.maxMinutes * 60_000).unref();

// ------------------------------------------------------------------------------------------------
// Results
// ------------------------------------------------------------------------------------------------

export interface Row {
  scenario: string;
  db: string;
  users: number;
  ackPerSec: number;
  repliesPerSec: number;
  ratio: number | null;
  /** Replies per second of server CPU time: throughput with the machine's other load taken out. */
  perCpuSec: number;
  latency: Percentiles;
  ackP99: number;
  rssMb: number;
  lost: number;
  dup: number;
  notes: string[];
  detail: Record<string, unknown>;
}

export const rows: Row[] = [];
export const problems: string[] = [];

export function loadRow(scenario: string, db: string, r: LoadResult, rssMb: number, extra: Partial<Row> = {}): Row {
  const notes: string[] = [];
  if (r.ackErrors > 0) notes.push(`${r.ackErrors} webhook errors (${r.errorSamples.join('; ')})`);
  if (r.short > 0) notes.push(`${r.short} users short of replies`);
  if (r.drainTimedOut) notes.push('drain timed out');
  return {
    scenario,
    db,
    users: r.users,
    ackPerSec: r.ackPerSec,
    repliesPerSec: r.repliesPerSec,
    ratio: state.ceilingRepliesPerSec ? r.repliesPerSec / state.ceilingRepliesPerSec : null,
    perCpuSec: NaN,
    latency: r.e2e,
    ackP99: r.ack.p99,
    rssMb,
    lost: r.lost,
    dup: r.dup,
    notes,
    detail: { ...r, timing: undefined },
    ...extra,
  };
}
