// A CRM on loopback, written the way src/notify/README.md tells a receiver to be: it checks
// X-Signature-256 over the raw bytes itself (its own HMAC code, not the sender's), answers 401 to
// a bad signature, and processes each Idempotency-Key once, answering a repeat with 200.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { waitUntil } from './fake-smtp.js';
import { listenOnLoopback } from './loopback.js';

export interface CrmPost {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  signatureValid: boolean;
  /** What the receiver answered (or would have: a delayed answer may go to a closed socket). */
  status: number;
}

/** An HTTP status, optionally answered late (to outlast the sender's timeout). */
export type CrmAnswer = number | { status: number; delayMs: number };

export interface CrmReceiver {
  url: string;
  readonly posts: CrmPost[];
  /** Events processed, by idempotency key: a repeat is acknowledged but not processed again. */
  readonly processed: Map<string, unknown>;
  /** Answers for the next posts, in order; then `otherwise`. */
  script(...answers: CrmAnswer[]): void;
  otherwise: CrmAnswer;
  waitFor(pred: (crm: CrmReceiver) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function verify(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', secret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startCrmReceiver(secret: string): Promise<CrmReceiver> {
  const events = new EventEmitter();
  const scripted: CrmAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const answer = (res: ServerResponse, post: CrmPost, planned: CrmAnswer): void => {
    const delayMs = typeof planned === 'number' ? 0 : planned.delayMs;
    const timer = setTimeout(() => {
      timers.delete(timer);
      res.writeHead(post.status, { 'content-type': 'text/plain' }).end(post.status < 300 ? 'ok' : 'not ok');
    }, delayMs);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signatureValid = verify(raw, req.headers['x-signature-256'], secret);
      const planned = scripted.shift() ?? crm.otherwise;
      const status = signatureValid ? (typeof planned === 'number' ? planned : planned.status) : 401;
      const key = req.headers['idempotency-key'];
      // Processing happens when the receiver decides to answer 2xx, before the answer is written:
      // a sender that gives up waiting has still delivered the event.
      if (status < 300 && typeof key === 'string' && !crm.processed.has(key))
        crm.processed.set(key, JSON.parse(raw.toString('utf8')));
      const post = { headers: req.headers, raw, signatureValid, status };
      crm.posts.push(post);
      events.emit('change');
      answer(res, post, planned);
    });
  });
  const { port, close } = await listenOnLoopback(server);

  const crm: CrmReceiver = {
    url: `http://127.0.0.1:${port}/hooks/lead`,
    posts: [],
    processed: new Map(),
    script: (...answers) => void scripted.push(...answers),
    otherwise: 200,
    waitFor: (pred, timeoutMs = 10_000) => waitUntil(events, () => pred(crm), timeoutMs, 'CRM receiver'),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await close();
    },
  };
  return crm;
}
