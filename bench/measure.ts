// Measuring a load against a running server: the driver's defaults, warm-up, and the CPU share
// of the server and of this process while it ran.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { f0, progress, state, type Row } from './context.js';
import { runConversation } from './driver/conversation.js';
import { runLoad, type LoadPlan, type LoadResult } from './driver/load.js';
import { burstPlan } from './driver/plans.js';
import type { LeanFakeGraph } from './fake-graph.js';
import { opts } from './flags.js';
import { readSchedstat, type ServerChild } from './processes.js';

export const loadDefaults = (graph: LeanFakeGraph, server: ServerChild) => ({
  serverUrl: server.url,
  // Connections are opened before the clock starts (a cold-connection stall is reported apart: --cold).
  ...(opts.cold ? {} : { preconnectPath: server.port === state.ceilingPort ? '/' : '/webhook/health' }),
  graph,
  inFlight: opts.inFlight,
  drainTimeoutMs: opts.drainTimeoutMs,
  quietMs: 1_000,
  progress,
  rssMb: () => server.memory().currentMb,
});

export const tag = (s: string, kind: string): string => `${s}_${kind}_${Date.now().toString(36)}`;

export interface CpuShare {
  /** CPU time used ÷ wall time, first post → last expected reply, in % of one core. */
  server: number;
  driver: number;
  /** Time the process's threads waited in the run queue for a core ÷ wall time, %: other load on the machine. */
  serverWait: number;
  driverWait: number;
  /** 1-minute load average at the end. */
  loadAvg: number;
}

export type Measured = LoadResult & { cpu: CpuShare };

/** Starts measuring the CPU share of the server and of this process; call the result to read it. */
export function cpuProbe(server: ServerChild): () => CpuShare {
  const c0 = server.cpuSeconds();
  const p0 = process.cpuUsage();
  const s0 = server.schedstat();
  const d0 = readSchedstat('self');
  const w0 = performance.now();
  return () => {
    const wall = (performance.now() - w0) / 1000;
    const p = process.cpuUsage(p0);
    const s1 = server.schedstat();
    const d1 = readSchedstat('self');
    return {
      server: ((server.cpuSeconds() - c0) / wall) * 100,
      driver: ((p.user + p.system) / 1e6 / wall) * 100,
      serverWait: ((s1.waitNs - s0.waitNs) / 1e9 / wall) * 100,
      driverWait: ((d1.waitNs - d0.waitNs) / 1e9 / wall) * 100,
      loadAvg: os.loadavg()[0] ?? NaN,
    };
  };
}

/** runLoad, plus the CPU share of the server and of this process (driver + fake Graph) while it ran. */
export async function measuredLoad(
  server: ServerChild,
  graph: LeanFakeGraph,
  plan: LoadPlan,
  statuses: boolean,
  traced = false,
  postsPerSecond?: number,
): Promise<Measured> {
  let probe: (() => CpuShare) | null = null;
  let cpu: CpuShare = { server: NaN, driver: NaN, serverWait: NaN, driverWait: NaN, loadAvg: NaN };
  const r = await runLoad(plan, {
    ...loadDefaults(graph, server),
    statuses,
    ...(postsPerSecond !== undefined ? { postsPerSecond } : {}),
    onStart: () => {
      // The SQL trace preload resets its totals on SIGUSR2 (only ever sent to a traced server).
      if (traced) server.signal('SIGUSR2');
      probe = cpuProbe(server);
    },
    onDrained: () => {
      if (probe) cpu = probe();
    },
  });
  return { ...r, cpu };
}

/**
 * Warms a fresh server up (JIT, connection pools, SQLite page cache) with `users` users saying "hi"
 * (and, for the conversation, two users running the whole script), then forgets what the fake
 * Graph API saw. Not measured.
 */
export async function warmUp(
  server: ServerChild,
  graph: LeanFakeGraph,
  users: number,
  conversation = false,
): Promise<void> {
  if (users <= 0) return;
  await runLoad(burstPlan('warm-up', users, '4919', tag('warm', 'up')), {
    ...loadDefaults(graph, server),
    statuses: false,
    quietMs: 300,
  });
  if (conversation) {
    await runConversation({
      serverUrl: server.url,
      graph,
      users: 2,
      prefix: '4918',
      tag: tag('warmconv', 'up'),
      stepTimeoutMs: 15_000,
      thinkMs: 0,
      quietMs: 300,
      progress,
    });
  }
  graph.reset();
}

/** Fills the row's replies per server CPU-second (and its ratio to the ceiling's, in the notes). */
export function withCpu(row: Row, cpu: CpuShare, repliesPerSec = row.repliesPerSec): Row {
  row.perCpuSec = cpu.server > 0 ? repliesPerSec / (cpu.server / 100) : NaN;
  row.detail.cpu = cpu;
  if (state.ceilingPerCpuSec && row.scenario !== 'ceiling' && Number.isFinite(row.perCpuSec)) {
    row.detail.cpuRatio = row.perCpuSec / state.ceilingPerCpuSec;
  }
  row.notes.push(cpuNote(cpu));
  return row;
}

export const cpuNote = (c: CpuShare): string =>
  `CPU (% of one core): server ${f0(c.server)}% (+${f0(c.serverWait)}% waiting for a core), driver+fake Graph ${f0(c.driver)}% (+${f0(c.driverWait)}% waiting); load avg ${c.loadAvg.toFixed(1)}`;
