// The report: the table, the targets with PASS/FAIL, which code and machine were measured.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { f0, f1, rows, type Row } from './context.js';
import type { RateCheck } from './driver/rate-check.js';
import { opts, RATE } from './flags.js';
import { ROOT } from './processes.js';

export function table(): string {
  const header = [
    'scenario',
    'db',
    'users',
    'ack/s',
    'replies/s',
    'ratio',
    'rep/CPU-s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'ack p99',
    'RSS MB',
    'lost',
    'dup',
  ];
  const body = rows.map((r) => [
    r.scenario,
    r.db,
    String(r.users),
    f0(r.ackPerSec),
    f0(r.repliesPerSec),
    r.ratio === null ? '-' : `${(r.ratio * 100).toFixed(0)}%`,
    f0(r.perCpuSec),
    f1(r.latency.p50),
    f1(r.latency.p95),
    f1(r.latency.p99),
    f1(r.latency.max),
    f1(r.ackP99),
    f0(r.rssMb),
    String(r.lost),
    String(r.dup),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const out = [line(header), sep, ...body.map(line)];
  const notes = rows.filter((r) => r.notes.length > 0).map((r) => `- ${r.scenario} (${r.db}): ${r.notes.join('; ')}`);
  return [...out, '', ...notes].join('\n');
}

export interface Target {
  what: string;
  pass: boolean | null;
  got: string;
}

export function targets(): Target[] {
  const t: Target[] = [];
  const find = (s: string, db: string) => rows.find((r) => r.scenario === s && r.db === db);
  const burst = find('burst', 'sqlite');
  if (burst) {
    t.push({
      what: `burst sqlite: replies/s ≥ 60% of the ceiling`,
      pass: burst.ratio === null ? null : burst.ratio >= 0.6,
      got: burst.ratio === null ? 'no ceiling' : `${(burst.ratio * 100).toFixed(0)}%${cpuRatioNote(burst)}`,
    });
    t.push({
      what: 'burst sqlite: zero lost, zero duplicate replies',
      pass: burst.lost === 0 && burst.dup === 0,
      got: `lost ${burst.lost}, dup ${burst.dup}`,
    });
    t.push({ what: 'burst sqlite: webhook ack p99 < 50 ms', pass: burst.ackP99 < 50, got: `${f1(burst.ackP99)} ms` });
    t.push({ what: 'burst sqlite: server peak RSS < 200 MB', pass: burst.rssMb < 200, got: `${f0(burst.rssMb)} MB` });
  }
  const pgBurst = find('burst', 'postgres');
  if (pgBurst) {
    t.push({
      what: 'burst postgres: replies/s ≥ 40% of the ceiling',
      pass: pgBurst.ratio === null ? null : pgBurst.ratio >= 0.4,
      got: pgBurst.ratio === null ? 'no ceiling' : `${(pgBurst.ratio * 100).toFixed(0)}%${cpuRatioNote(pgBurst)}`,
    });
    t.push({
      what: 'burst postgres: zero lost, zero duplicate replies',
      pass: pgBurst.lost === 0 && pgBurst.dup === 0,
      got: `lost ${pgBurst.lost}, dup ${pgBurst.dup}`,
    });
    t.push({
      what: 'burst postgres: server peak RSS < 200 MB',
      pass: pgBurst.rssMb < 200,
      got: `${f0(pgBurst.rssMb)} MB`,
    });
  }
  const conv = find('conversation', 'sqlite');
  if (conv)
    t.push({
      what: `conversation sqlite (${conv.users} users): reply latency p99 < 50 ms`,
      pass: conv.latency.p99 < 50,
      got: `${f1(conv.latency.p99)} ms`,
    });
  for (const db of ['sqlite', 'postgres']) {
    const h = find('history', db);
    const vs = h?.detail.vsEmptyBurst as number | undefined;
    const vsCpu = h?.detail.vsEmptyBurstPerCpu as number | undefined;
    if (h)
      t.push({
        what: `history ${db}: burst with ${opts.historyRows.toLocaleString('en-US')} rows within 20% of the empty DB`,
        pass: vs === undefined ? null : vs >= 0.8,
        got:
          vs === undefined
            ? 'no empty-DB burst to compare'
            : `${(vs * 100).toFixed(0)}% (per server CPU-second: ${vsCpu === undefined ? '-' : `${(vsCpu * 100).toFixed(0)}%`})`,
      });
    const r = find('rate', db);
    const c = r?.detail.rate as RateCheck | undefined;
    if (r && c) {
      const w = c.windows;
      t.push({
        what: `rate ${db}: sender holds ${RATE}/s ±5% (every full 1-s window), backlog drained in order`,
        pass:
          w.min >= RATE * 0.95 &&
          w.max <= RATE * 1.05 &&
          c.multiInOrder === c.multiUsers &&
          r.lost === 0 &&
          r.dup === 0,
        got: `mean ${f1(w.mean)}, min ${w.min}, max ${w.max}; in order ${c.multiInOrder}/${c.multiUsers}; lost ${r.lost}, dup ${r.dup}`,
      });
    }
  }
  for (const db of ['sqlite', 'postgres']) {
    const th = find('throttle', db);
    const d = th?.detail.throttle as { capacity: number; refusedShare: number; all: { overall: number } } | undefined;
    if (th && d) {
      const delivered = d.all.overall / d.capacity;
      t.push({
        what: `throttle ${db}: against a Graph API admitting N=${d.capacity}/s, deliver ≥ 95% of N with ≤ 3% of sends refused, nothing lost or doubled`,
        pass: delivered >= 0.95 && d.refusedShare <= 0.03 && th.lost === 0 && th.dup === 0,
        got: `${(delivered * 100).toFixed(1)}% of N, ${(d.refusedShare * 100).toFixed(1)}% refused; lost ${th.lost}, dup ${th.dup}`,
      });
    }
    const po = find('partial-outage', db);
    if (po)
      t.push({
        what: `partial-outage ${db}: 30% of sends fail with 5xx; first-reply p50 < 1 s, p90 < 5 s, nothing lost or doubled`,
        pass: po.latency.p50 < 1_000 && po.latency.p90 < 5_000 && po.lost === 0 && po.dup === 0,
        got: `p50 ${f0(po.latency.p50)} ms, p90 ${f0(po.latency.p90)} ms; lost ${po.lost}, dup ${po.dup}`,
      });
  }
  for (const r of rows.filter((x) => x.scenario.startsWith('console ')))
    t.push({
      what: `${r.scenario} ${r.db} (${r.users.toLocaleString('en-US')} users): render p95 < 200 ms`,
      pass: r.latency.p95 < 200,
      got: `p95 ${f1(r.latency.p95)} ms (p50 ${f1(r.latency.p50)}, ${r.latency.n} requests)`,
    });
  for (const r of rows) {
    if (r.scenario === 'burst' || r.scenario === 'ceiling') continue;
    if (r.lost > 0 || r.dup > 0)
      t.push({
        what: `${r.scenario} ${r.db}: zero lost, zero duplicate replies`,
        pass: false,
        got: `lost ${r.lost}, dup ${r.dup}`,
      });
  }
  return t;
}

function cpuRatioNote(r: Row): string {
  const c = r.detail.cpuRatio as number | undefined;
  return c === undefined ? '' : ` (per server CPU-second: ${(c * 100).toFixed(0)}% of the ceiling's)`;
}

/** sha256 over src/ (paths and contents): which code was measured, without asking git. */
export function srcFingerprint(): { sha256: string; files: number } {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(p);
    }
  };
  walk(join(ROOT, 'src'));
  files.sort();
  const h = createHash('sha256');
  for (const f of files) h.update(f.slice(ROOT.length)).update('\0').update(readFileSync(f)).update('\0');
  return { sha256: h.digest('hex').slice(0, 16), files: files.length };
}

export function machine(pgVersion: string | null) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    postgres: pgVersion,
  };
}
