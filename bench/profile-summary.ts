// Summarises a V8 .cpuprofile (node --cpu-prof): self time summed by function and source location,
// top N. Also runnable on its own: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlTraceFile } from './sql-trace.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  selfMs: number;
  percent: number;
  functionName: string;
  location: string;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time that is V8's (idle), (program) and (garbage collector) buckets. */
  idleMs: number;
  gcMs: number;
  top: ProfileEntry[];
  /** Self time summed by package / area (node_modules/<pkg>, src/<dir>, node:internal, …). */
  byArea: { area: string; selfMs: number; percent: number }[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function shortUrl(url: string): string {
  if (url === '') return '';
  let path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path.startsWith(ROOT)) path = relative(ROOT, path);
  return path;
}

function areaOf(frame: CallFrame): string {
  const url = shortUrl(frame.url);
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native/builtin)';
  if (url.startsWith('node:')) return 'node: core';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `node_modules/${rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const parts = url.split('/');
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}`;
  return parts.slice(0, 2).join('/');
}

export function summariseProfile(file: string, topN = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) byId.set(n.id, n);
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; attribute sample i the gap to the next one.
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    const id = samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const grouped = new Map<string, { us: number; name: string; loc: string }>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let gc = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    total += us;
    if (f.functionName === '(idle)' || f.functionName === '(program)') idle += us;
    if (f.functionName === '(garbage collector)') gc += us;
    const loc = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName}|${loc}`;
    const g = grouped.get(key) ?? { us: 0, name: f.functionName || '(anonymous)', loc };
    g.us += us;
    grouped.set(key, g);
    const area = areaOf(f);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const pct = (us: number): number => (total > 0 ? (us / total) * 100 : 0);
  const top = [...grouped.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, topN)
    .map((g) => ({ selfMs: g.us / 1000, percent: pct(g.us), functionName: g.name, location: g.loc }));
  const byArea = [...areas.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([area, us]) => ({ area, selfMs: us / 1000, percent: pct(us) }));
  return { file, totalMs: total / 1000, idleMs: idle / 1000, gcMs: gc / 1000, top, byArea };
}

/** The profile of the main thread among those written to `dir` after `since` (the one with the most samples). */
export function findProfile(dir: string, since: number): string | null {
  let best: { file: string; size: number } | null = null;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  for (const name of names) {
    if (!name.endsWith('.cpuprofile')) continue;
    const file = join(dir, name);
    const st = statSync(file);
    if (st.mtimeMs < since) continue;
    if (best === null || st.size > best.size) best = { file, size: st.size };
  }
  return best?.file ?? null;
}

export function formatProfile(s: ProfileSummary): string {
  const lines: string[] = [];
  const busy = s.totalMs - s.idleMs;
  lines.push(
    `CPU profile ${shortUrl(s.file)}: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (idle/program ${(s.idleMs / 1000).toFixed(1)} s, GC ${(s.gcMs / 1000).toFixed(1)} s)`,
  );
  lines.push('Top self time by function:');
  lines.push(`  ${'self ms'.padStart(9)} ${'%'.padStart(6)}  function  (location)`);
  for (const e of s.top) {
    lines.push(
      `  ${e.selfMs.toFixed(0).padStart(9)} ${e.percent.toFixed(1).padStart(6)}  ${e.functionName}${e.location ? `  (${e.location})` : ''}`,
    );
  }
  lines.push('Self time by area:');
  for (const a of s.byArea)
    lines.push(`  ${a.selfMs.toFixed(0).padStart(9)} ${a.percent.toFixed(1).padStart(6)}  ${a.area}`);
  return lines.join('\n');
}

export interface SqlSummary {
  file: string;
  totalWallMs: number;
  totalPrepareMs: number;
  top: { sql: string; calls: number; wallMs: number; meanMs: number; prepares: number; prepareMs: number }[];
}

export function summariseSqlTrace(file: string, topN = 15): SqlSummary {
  const t = JSON.parse(readFileSync(file, 'utf8')) as SqlTraceFile;
  let wall = 0;
  let prep = 0;
  for (const s of t.statements) {
    wall += s.wallMs;
    prep += s.prepareMs;
  }
  return {
    file,
    totalWallMs: wall,
    totalPrepareMs: prep,
    top: t.statements.slice(0, topN).map((s) => ({
      sql: s.sql,
      calls: s.calls,
      wallMs: s.wallMs,
      meanMs: s.calls > 0 ? s.wallMs / s.calls : 0,
      prepares: s.prepares,
      prepareMs: s.prepareMs,
    })),
  };
}

export function formatSqlTrace(s: SqlSummary): string {
  const lines: string[] = [];
  lines.push(
    `SQLite statements during the measured burst (${shortUrl(s.file)}): executing ${(s.totalWallMs / 1000).toFixed(1)} s, preparing ${(s.totalPrepareMs / 1000).toFixed(1)} s (wall time on the server's main thread)`,
  );
  lines.push(
    `  ${'calls'.padStart(7)} ${'total ms'.padStart(9)} ${'mean ms'.padStart(8)} ${'prepares'.padStart(8)} ${'prep ms'.padStart(8)}  statement`,
  );
  for (const e of s.top) {
    lines.push(
      `  ${String(e.calls).padStart(7)} ${e.wallMs.toFixed(0).padStart(9)} ${e.meanMs.toFixed(3).padStart(8)} ${String(e.prepares).padStart(8)} ${e.prepareMs.toFixed(0).padStart(8)}  ${e.sql.slice(0, 170)}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(formatProfile(summariseProfile(file, Number(process.argv[3] ?? 25))));
}
