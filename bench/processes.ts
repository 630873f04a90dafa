// Child processes for the benchmark: the server under test (or the ceiling server), started as
// `node --import tsx <script>` so the child's pid is the server itself; readiness by polling; peak
// RSS sampled from /proc; every child is killed when the benchmark exits or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

const live = new Set<ChildProcess>();

/** Kills every child still running (used on exit and on SIGINT). */
export function killAllChildren(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const child of live) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** A port that was free a moment ago on 127.0.0.1 (listen on 0, close, reuse). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface MemorySample {
  /** Peak resident set (VmHWM, the kernel's high-water mark) in MB. */
  hwmMb: number;
  /** Highest VmRSS seen by the 100 ms sampler, MB. */
  sampledPeakMb: number;
  currentMb: number;
}

function readProcStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(text)?.[1];
    const hwm = /VmHWM:\s+(\d+)/.exec(text)?.[1];
    return { rssKb: Number(rss ?? 0), hwmKb: Number(hwm ?? 0) };
  } catch {
    return null;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function readCpuSeconds(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/**
 * Time the process's threads spent on a CPU and waiting in the run queue for one (ns), summed over
 * its threads, from /proc/<pid>/task/<tid>/schedstat. On a shared machine the wait shows how much
 * other load slowed the process down.
 */
export function readSchedstat(pid: number | 'self'): { cpuNs: number; waitNs: number } {
  let cpuNs = 0;
  let waitNs = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/);
        cpuNs += Number(run ?? 0);
        waitNs += Number(wait ?? 0);
      } catch {
        // thread ended
      }
    }
  } catch {
    return { cpuNs: NaN, waitNs: NaN };
  }
  return { cpuNs, waitNs };
}

export interface ServerChild {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly logFile: string;
  memory(): MemorySample;
  /** CPU time (user + system) the process has used so far, seconds. */
  cpuSeconds(): number;
  /** On-CPU and run-queue wait time so far, summed over threads (ns). */
  schedstat(): { cpuNs: number; waitNs: number };
  /** Sends a signal to the process. */
  signal(sig: NodeJS.Signals): void;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGTERM, wait for a clean exit (bounded), then SIGKILL. Returns the exit code (null if killed). */
  stop(timeoutMs?: number): Promise<number | null>;
  /** The last lines of the child's output. */
  tail(lines?: number): string;
}

export interface StartOptions {
  /** Script relative to the repository root, e.g. src/main.ts. */
  script: string;
  env: Record<string, string>;
  port: number;
  logFile: string;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** A module imported after tsx, before the script (e.g. ./bench/sql-trace.ts). */
  preload?: string;
  /** Run the script without tsx (compiled JavaScript). */
  plainNode?: boolean;
  /** Path polled until it answers 200. */
  readyPath?: string;
  readyTimeoutMs?: number;
}

/** The environment every child gets: only what a node process needs, plus `env` (nothing inherited). */
function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const v = process.env[key];
    if (v !== undefined) base[key] = v;
  }
  return { ...base, ...env };
}

export async function startChild(o: StartOptions): Promise<ServerChild> {
  const fd = openSync(o.logFile, 'a');
  const loader = o.plainNode ? [] : ['--import', 'tsx'];
  const args = [...(o.nodeArgs ?? []), ...loader, ...(o.preload ? ['--import', o.preload] : []), o.script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ ...o.env, PORT: String(o.port) }),
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  live.add(child);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      live.delete(child);
      resolve(code);
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${o.script}`);

  let sampledPeakKb = 0;
  let lastHwmKb = 0;
  let currentKb = 0;
  const sample = (): void => {
    const s = readProcStatus(pid);
    if (s === null) return;
    currentKb = s.rssKb;
    if (s.rssKb > sampledPeakKb) sampledPeakKb = s.rssKb;
    if (s.hwmKb > lastHwmKb) lastHwmKb = s.hwmKb;
  };
  const sampler = setInterval(sample, 100);
  sampler.unref();

  const tail = (lines = 30): string => {
    try {
      return readFileSync(o.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };

  const url = `http://127.0.0.1:${o.port}`;
  const handle: ServerChild = {
    pid,
    port: o.port,
    url,
    logFile: o.logFile,
    memory() {
      sample();
      return { hwmMb: lastHwmKb / 1024, sampledPeakMb: sampledPeakKb / 1024, currentMb: currentKb / 1024 };
    },
    cpuSeconds: () => readCpuSeconds(pid),
    schedstat: () => readSchedstat(pid),
    signal: (sig) => {
      if (exitCode === undefined) child.kill(sig);
    },
    alive: () => exitCode === undefined,
    async stop(timeoutMs = 15_000) {
      sample();
      clearInterval(sampler);
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = sleep(timeoutMs).then(() => 'timeout' as const);
      const result = await Promise.race([exited, timer]);
      if (result === 'timeout') {
        child.kill('SIGKILL');
        await exited;
        return null;
      }
      return result;
    },
    tail,
  };

  // Readiness: poll until the health route answers 200, or fail with the child's output.
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  const readyPath = o.readyPath ?? '/webhook/health';
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`${o.script} exited with code ${exitCode} before it was ready:\n${tail()}`);
    try {
      const res = await request(`${url}${readyPath}`, { method: 'GET', headersTimeout: 2_000, bodyTimeout: 2_000 });
      await res.body.dump();
      if (res.statusCode === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.stop(2_000);
      throw new Error(`${o.script} was not ready within ${o.readyTimeoutMs ?? 60_000} ms:\n${tail()}`);
    }
    await sleep(100);
  }
  return handle;
}
