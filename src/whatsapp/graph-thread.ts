// The Graph API client on a thread of its own. Under load every reply costs the main thread two
// HTTP exchanges with Meta (the mark-read and the reply); the main thread also serves the webhook
// and runs every database statement, so moving the HTTP client's work (undici, sockets, parsing)
// to another thread lets a second core carry it. The interface is the same GraphClient: a send
// resolves with its SendOutcome, never throws.
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { classifyNetworkError } from './classify-graph-error.js';
import { graphEndpoint, type GraphClient, type GraphClientOptions } from './graph-client.js';
import type { GraphMessageBody, SendOutcome } from './types.js';

/**
 * The compiled worker script in production. Under tsx (development, tests) the worker is
 * TypeScript: a small bootstrap registers tsx's loader in the thread, then imports it.
 */
function workerScript(): { script: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { script: new URL('./graph-worker.js', import.meta.url), eval: false };
  const url = new URL('./graph-worker.ts', import.meta.url).href;
  return {
    script: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`,
    eval: true,
  };
}

export function createThreadedGraphClient(opts: GraphClientOptions, log?: Pick<Logger, 'error'>): GraphClient {
  // Checked here too, so a bad config fails at start and not in the thread.
  const { messagesUrl } = graphEndpoint(opts);
  const pending = new Map<number, (o: SendOutcome) => void>();
  let next = 0;
  let worker: Worker | null = null;
  let closing: Promise<void> | null = null;

  function start(): Worker {
    const { script, eval: isEval } = workerScript();
    // A small young generation: the thread holds only the requests in flight (bounded by the
    // sender), and V8's default would add tens of MB to the resident size for nothing.
    const w = new Worker(script, { eval: isEval, workerData: opts, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    w.on('message', (m: { id: number; outcome: SendOutcome }) => {
      const resolve = pending.get(m.id);
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      resolve?.(m.outcome);
    });
    // A thread that dies (a bug, out of memory) fails its requests as network errors, which the
    // sender retries (a request Meta had already accepted is then sent twice: the same window as a
    // connection lost after sending, see ARCHITECTURE.md); the next send starts a new thread.
    const fail = (err: unknown) => {
      if (worker !== w) return; // 'exit' follows 'error': once is enough
      worker = null;
      if (!closing)
        log?.error({ err, inFlight: pending.size }, 'Graph client thread stopped; its sends in flight are retried');
      for (const resolve of pending.values()) resolve(classifyNetworkError(err));
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`Graph client thread exited (${code})`)));
    // Idle, the thread must not keep the process alive; with requests in flight it must, or a
    // shutdown could end the process before their outcomes are recorded (they would be sent again).
    w.unref();
    return w;
  }

  return {
    messagesUrl,
    send(body: GraphMessageBody | string): Promise<SendOutcome> {
      if (closing) return Promise.resolve(classifyNetworkError(new Error('Graph client closed')));
      worker ??= start();
      const id = ++next;
      const w = worker;
      return new Promise((resolve) => {
        if (pending.size === 0) w.ref();
        pending.set(id, resolve);
        w.postMessage({ id, body });
      });
    },
    close(): Promise<void> {
      closing ??= (async () => {
        const w = worker;
        if (!w) return;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ close: true });
        await exited;
      })();
      return closing;
    },
  };
}
