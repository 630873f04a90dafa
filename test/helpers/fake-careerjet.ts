// A fake CareerJet search API on loopback, answering with the shapes in
// CareerJet's API reference: JOBS (with entities and HTML in the fields, as the real one
// sends), JOBS without jobs, ERROR, an HTTP 500, or any of them late.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { waitUntil } from './fake-smtp.js';
import { listenOnLoopback } from './loopback.js';

export type CareerjetMode = 'jobs' | 'none' | 'error' | 'http500';

export interface CareerjetRequest {
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeCareerjet {
  /** CAREERJET_API_URL for this server. */
  url: string;
  mode: CareerjetMode;
  /** Delay before answering, in ms. */
  delayMs: number;
  /** While true, requests wait (then `delayMs`) until `release()`: a test decides when CareerJet answers. */
  held: boolean;
  release(): void;
  readonly requests: CareerjetRequest[];
  waitFor(pred: (cj: FakeCareerjet) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const job = (n: number, title: string, company: string, locations: string) => ({
  title,
  company,
  date: `Tue, 0${n} Mar 2025 08:00:00 GMT`,
  description: `Join our &lt;team&gt; number ${n}&hellip;`,
  locations,
  salary: n % 2 === 0 ? '' : '£35,000 - £42,000 per year',
  site: `www.employer${n}.example`,
  url: `https://jobviewtrack.com/en-gb/job-${n}a2b3c/abcdef${n}?affid=test`,
});

/** Five jobs, more than the bot shows, so the cut to three is visible. */
export const JOBS = [
  job(1, 'Senior <b>Nurse</b> &amp; Midwife', 'St Mary&#39;s Trust', 'London'),
  job(2, 'Software Engineer', 'Acme &quot;Cloud&quot; Ltd', 'Manchester, Greater Manchester'),
  job(3, 'Care Assistant', '', 'Leeds'),
  job(4, 'Chef de Partie', 'The Ivy', 'Bristol'),
  job(5, 'Electrician', 'Sparks Ltd', 'Glasgow'),
];

function body(mode: CareerjetMode): unknown {
  switch (mode) {
    case 'jobs':
      return { type: 'JOBS', hits: 1234, pages: 412, response_time: 0.042, jobs: JOBS };
    case 'none':
      return { type: 'JOBS', hits: 0, pages: 0, response_time: 0.01, jobs: [] };
    case 'error':
      return { type: 'ERROR', error: 'Invalid affiliate id' };
    case 'http500':
      return '<html><body>Internal Server Error</body></html>';
  }
}

export async function startFakeCareerjet(mode: CareerjetMode = 'jobs'): Promise<FakeCareerjet> {
  const events = new EventEmitter();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    fake.requests.push({ params: new URL(req.url ?? '/', 'http://fake').searchParams, headers: req.headers });
    events.emit('change');
    const { mode: current, delayMs } = fake;
    const answer = () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const payload = body(current);
        if (current === 'http500') res.writeHead(500, { 'content-type': 'text/html' }).end(payload as string);
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      }, delayMs);
      timers.add(timer);
    };
    if (fake.held) waiting.push(answer);
    else answer();
  });
  const waiting: (() => void)[] = [];
  const { port, close } = await listenOnLoopback(server);

  const fake: FakeCareerjet = {
    url: `http://127.0.0.1:${port}/search`,
    mode,
    delayMs: 0,
    held: false,
    release() {
      fake.held = false;
      for (const answer of waiting.splice(0)) answer();
    },
    requests: [],
    waitFor: (pred, timeoutMs = 10_000) => waitUntil(events, () => pred(fake), timeoutMs, 'fake CareerJet'),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      waiting.length = 0;
      await close();
    },
  };
  return fake;
}
