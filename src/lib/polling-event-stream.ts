// A server-sent-events stream fed by a short poll: `changed` whenever `version()` moves (a poll of
// the database sees a change written by any instance, on SQLite or PostgreSQL), a keep-alive comment
// through proxies, and `signed-out`, then the end, once `stillAllowed()` says the viewer may no longer
// watch (a session that ended, timed out or whose operator was disabled must not keep streaming).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface PollingStreamOptions {
  /** A fingerprint of what the viewer watches; any change is announced. */
  version: () => Promise<string>;
  /** Asked every `recheckMs`; false ends the stream with `signed-out`. */
  stillAllowed: () => Promise<boolean>;
  pollMs: number;
  recheckMs: number;
  keepaliveMs: number;
  onError: (err: unknown) => void;
}

export function pollingEventStream(req: IncomingMessage, res: ServerResponse, o: PollingStreamOptions): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 1000\n\n');
  let last: string | null = null;
  let busy = false;
  let closed = false;
  let checkedAt = performance.now();
  const stop = () => {
    closed = true;
    clearInterval(timer);
    clearInterval(keepalive);
  };
  const poll = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      if (performance.now() - checkedAt >= o.recheckMs) {
        checkedAt = performance.now();
        if (!(await o.stillAllowed())) {
          stop();
          res.end('event: signed-out\ndata: the session has ended\n\n');
          return;
        }
      }
      const v = await o.version();
      if (res.writableEnded || res.destroyed) return; // the viewer left while we polled
      if (last !== null && v !== last) res.write(`event: changed\ndata: ${v}\n\n`);
      last = v;
    } catch (err) {
      o.onError(err);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), o.pollMs);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), o.keepaliveMs);
  req.on('close', stop);
  void poll();
}
