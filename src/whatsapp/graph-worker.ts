// The Graph API client's own thread (see graph-thread.ts): requests come in as { id, body }
// messages, outcomes go back as { id, outcome }. A `close` message waits for the requests in
// flight, closes the sockets and ends the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createGraphClient, type GraphClientOptions } from './graph-client.js';
import type { GraphMessageBody } from './types.js';

const port = parentPort;
if (!port) throw new Error('graph-worker.ts runs only as a worker thread');
const client = createGraphClient(workerData as GraphClientOptions);

const inFlight = new Set<Promise<void>>();

port.on('message', (msg: { id: number; body: GraphMessageBody | string } | { close: true }) => {
  if ('close' in msg) {
    // Every outcome is posted back before the thread ends.
    void Promise.all(inFlight)
      .then(() => client.close())
      .finally(() => port.close());
    return;
  }
  const done = client.send(msg.body).then((outcome) => port.postMessage({ id: msg.id, outcome }));
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
});
