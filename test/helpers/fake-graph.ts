// A real HTTP server on loopback that answers like Meta's Graph API messages endpoint, with a
// small script of faults (HTTP errors with Meta codes, dropped sockets, latency) for tests.
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { listenOnLoopback } from './loopback.js';

export type FakeRequestKind = 'send' | 'read' | 'other';

export interface FakeGraphRequest {
  method: string;
  /** e.g. /v24.0/200000000000002/messages (plus any prefix of the base URL). */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  at: Date;
  kind: FakeRequestKind;
  /** A multipart upload (`POST /{phone-number-id}/media`): its fields and the file as received. */
  upload?: FakeUpload;
  /** Set once answered: the status and JSON sent, or 'dropped'. */
  response?: { status: number; body: unknown } | 'dropped';
}

export interface FakeUpload {
  /** Every text field of the form (messaging_product, type). */
  fields: Record<string, string>;
  file: { filename: string; mimeType: string; bytes: Buffer } | null;
  /** The media id the fake answered with. */
  id?: string;
}

/** A file Meta holds: a client's (for GET /{media-id}) or one the business uploaded. */
export interface FakeMedia {
  bytes: Buffer;
  mimeType: string;
  /** What GET /{media-id} reports; default the bytes' real hex SHA-256 (set it wrong to test a check). */
  sha256?: string;
  /** What GET /{media-id} reports; default the real length (set it to test the size check before download). */
  fileSize?: number;
}

export type FakeResponse = { status: number; body: unknown; headers?: Record<string, string> } | 'drop';
export type FakeHandler = (req: FakeGraphRequest) => FakeResponse | undefined;

interface Match {
  /** Only requests to this recipient ('+' and formatting ignored). */
  to?: string;
  /** Which requests the script applies to; default 'send' so mark-reads do not eat it. */
  kind?: FakeRequestKind | 'any';
  /** How many matching requests it applies to; default 1 (Infinity for "always"). */
  times?: number;
  latencyMs?: number;
}

export interface FakeFault extends Match {
  status?: number;
  code?: number;
  title?: string;
  details?: string;
  retryAfterSec?: number;
  /** Raw body instead of Meta's error JSON (a string is sent as-is, e.g. an HTML proxy page). */
  body?: unknown;
}

export interface FakeGraphOptions {
  /** When set, any other Bearer token gets Meta's 401 / code 190. */
  token?: string;
  /** When set, posts to another phone-number id get Meta's 400 / code 100. */
  phoneNumberId?: string;
  latencyMs?: number;
  /** The business account whose templates GET …/message_templates lists. */
  wabaId?: string;
}

export interface FakeGraph {
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  readonly requests: FakeGraphRequest[];
  /** Message sends only (not mark-read), every attempt. */
  readonly sent: FakeGraphRequest[];
  /** Sends answered with a wamid, in the order Meta "accepted" them. */
  readonly accepted: { wamid: string; to: string; body: unknown }[];
  /** Delay before every answer. */
  latencyMs: number;
  waitFor(pred: (requests: FakeGraphRequest[]) => boolean, timeoutMs?: number): Promise<FakeGraphRequest[]>;
  fail(fault?: FakeFault): void;
  drop(match?: Match): void;
  delay(latencyMs: number, match?: Omit<Match, 'latencyMs'>): void;
  /** A handler consulted before the script; return undefined to fall through. null removes it. */
  respondWith(handler: FakeHandler | null): void;
  /**
   * What `GET /{version}/{WABA_ID}/message_templates` lists (Meta's shape), `templatePageSize` per
   * page with a `paging.next` URL, for the WABA id given in the options (any other id: code 100).
   */
  templates: unknown[];
  templatePageSize: number;
  /** Files by media id: `GET /{version}/{id}` describes one, its `url` serves the bytes (with the token). */
  readonly media: Map<string, FakeMedia>;
  /** How long a download URL works (Meta: 5 minutes); 0 makes every URL expired at once. */
  mediaUrlTtlMs: number;
  /** The next `times` downloads answer 404 as an expired URL does, whatever their age. */
  expireMediaUrls(times?: number): void;
  /** Multipart uploads received, answered or not. */
  readonly uploads: FakeUpload[];
  /** Media downloads served (200), by media id. */
  readonly downloads: string[];
  /** Scripted faults not yet used. */
  pendingScripts(): number;
  /**
   * Capacity mode: a token bucket admitting `perSecond` sends (up to `burst` at once, default one
   * second's worth); sends beyond it get Meta's 400 / 130429. null turns it off.
   */
  capacity(perSecond: number | null, burst?: number): void;
  /** Sends refused by the capacity mode so far. */
  readonly refused: number;
  /** 5xx mode: this share (0…1) of sends, chosen at random, get HTTP 500 with no Meta code. 0 turns it off. */
  failRandomly(share: number, random?: () => number): void;
  /** Poison mode: every send to these recipients gets HTTP 500 (code 131000 unless `code`), for ever. */
  poison(to: string, code?: number): void;
  reset(): void;
  close(): Promise<void>;
}

interface Script extends Match {
  times: number;
  action: 'fail' | 'drop' | 'ok';
  fault?: FakeFault;
}

const TITLES: Record<number, string> = {
  100: 'Invalid parameter',
  190: 'Invalid OAuth access token - Cannot parse access token',
  130429: 'Rate limit hit',
  131000: 'Something went wrong',
  131016: 'Service unavailable',
  131026: 'Message undeliverable',
  131047: 'Re-engagement message',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
};

export function defaultStatusFor(code: number | undefined): number {
  if (code === undefined) return 400;
  if (code === 190 || code === 0) return 401;
  if ([131000, 131016, 2, 133004, 131057, 1].includes(code)) return 500;
  if (code === 10 || code === 368 || code === 131031 || (code >= 200 && code <= 299)) return 403;
  return 400;
}

export function graphErrorBody(code: number, title?: string, details?: string): unknown {
  const text = title ?? TITLES[code] ?? 'Fake Graph error';
  return {
    error: {
      message: `(#${code}) ${text}`,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details: details ?? text },
      fbtrace_id: 'AFakeTrace',
    },
  };
}

const digits = (value: unknown): string => (typeof value === 'string' ? value.replace(/\D/g, '') : '');
const MESSAGES_PATH = /\/v\d+\.\d+\/([^/]+)\/messages$/;
const TEMPLATES_PATH = /\/v\d+\.\d+\/([^/?]+)\/message_templates(?:\?|$)/;
const UPLOAD_PATH = /\/v\d+\.\d+\/([^/?]+)\/media$/;
const MEDIA_INFO_PATH = /\/v\d+\.\d+\/([^/?]+)(?:\?|$)/;
const DOWNLOAD_PATH = /^\/fake-media\/([^/?]+)\?/;

export async function startFakeGraph(opts: FakeGraphOptions = {}): Promise<FakeGraph> {
  const requests: FakeGraphRequest[] = [];
  const sent: FakeGraphRequest[] = [];
  const accepted: FakeGraph['accepted'] = [];
  const scripts: Script[] = [];
  const waiters = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();
  let handler: FakeHandler | null = null;
  let counter = 0;
  let bucket: { perSecond: number; burst: number; tokens: number; at: number } | null = null;
  let refused = 0;
  let failShare = 0;
  let failRandom: () => number = Math.random;
  const poisoned = new Map<string, number>();
  const media = new Map<string, FakeMedia>();
  const uploads: FakeUpload[] = [];
  const downloads: string[] = [];
  let expireNext = 0;
  let uploadCounter = 0;

  /** The capacity, 5xx and poison modes (sends only), or undefined to go on. */
  function modes(req: FakeGraphRequest): FakeResponse | undefined {
    if (req.kind !== 'send') return undefined;
    const code = poisoned.get(digits(field(req.body, 'to')));
    if (code !== undefined) return { status: 500, body: graphErrorBody(code) };
    if (failShare > 0 && failRandom() < failShare) return faultResponse({ status: 500, title: 'Fake outage' });
    if (bucket) {
      const now = performance.now();
      bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.at) / 1000) * bucket.perSecond);
      bucket.at = now;
      if (bucket.tokens < 1) {
        refused++;
        return { status: 400, body: graphErrorBody(130429) };
      }
      bucket.tokens -= 1;
    }
    return undefined;
  }

  const notify = (): void => {
    for (const check of [...waiters]) check();
  };

  function takeScript(req: FakeGraphRequest): Script | undefined {
    const index = scripts.findIndex(
      (s) =>
        (s.kind === 'any' || s.kind === (req.kind === 'other' ? 'send' : req.kind)) &&
        (s.to === undefined || digits(s.to) === digits(field(req.body, 'to'))),
    );
    const script = scripts[index];
    if (script === undefined) return undefined;
    script.times -= 1;
    if (script.times <= 0) scripts.splice(index, 1);
    return script;
  }

  function decide(req: FakeGraphRequest): { response: FakeResponse; latencyMs?: number } {
    if (opts.token !== undefined && req.headers.authorization !== `Bearer ${opts.token}`) {
      return { response: { status: 401, body: graphErrorBody(190) } };
    }
    const custom = handler?.(req) ?? modes(req);
    if (custom !== undefined) return { response: custom };
    const script = takeScript(req);
    const latencyMs = script?.latencyMs;
    const timing = latencyMs !== undefined ? { latencyMs } : {};
    if (script?.action === 'drop') return { response: 'drop', ...timing };
    if (script?.action === 'fail' && script.fault !== undefined)
      return { response: faultResponse(script.fault), ...timing };
    return { response: normalResponse(req), ...timing };
  }

  function templatesResponse(req: FakeGraphRequest, waba: string): FakeResponse {
    if (opts.wabaId !== undefined && waba !== opts.wabaId)
      return {
        status: 400,
        body: graphErrorBody(100, `Unsupported get request. Object with ID '${waba}' does not exist`),
      };
    const url = new URL(req.path, fake.url);
    const from = Number(url.searchParams.get('after') ?? '0');
    const data = fake.templates.slice(from, from + fake.templatePageSize);
    const more = from + fake.templatePageSize < fake.templates.length;
    const next = new URL(url);
    next.searchParams.set('after', String(from + fake.templatePageSize));
    return {
      status: 200,
      body: { data, paging: { cursors: { before: String(from) }, ...(more ? { next: next.toString() } : {}) } },
    };
  }

  /** GET /{media-id}, the download URL it gives, and POST /{phone-number-id}/media; undefined otherwise. */
  function mediaResponse(req: FakeGraphRequest): FakeResponse | undefined {
    const download = req.method === 'GET' ? DOWNLOAD_PATH.exec(req.path)?.[1] : undefined;
    if (download !== undefined) {
      const file = media.get(decodeURIComponent(download));
      const expires = Number(new URL(req.path, fake.url).searchParams.get('ext'));
      if (expireNext > 0 || !(Date.now() < expires) || file === undefined) {
        if (expireNext > 0) expireNext--;
        return { status: 404, body: 'URL signature expired' };
      }
      downloads.push(decodeURIComponent(download));
      return { status: 200, body: file.bytes, headers: { 'content-type': file.mimeType } };
    }
    if (req.upload !== undefined) {
      const phoneId = UPLOAD_PATH.exec(req.path)?.[1];
      if (opts.phoneNumberId !== undefined && phoneId !== opts.phoneNumberId)
        return {
          status: 400,
          body: graphErrorBody(100, `Unsupported post request. Object with ID '${phoneId}' does not exist`),
        };
      const { fields, file } = req.upload;
      if (fields.messaging_product !== 'whatsapp')
        return { status: 400, body: graphErrorBody(100, 'The parameter messaging_product is required.') };
      if (file === null || fields.type === undefined)
        return { status: 400, body: graphErrorBody(100, 'The parameters file and type are required.') };
      uploadCounter += 1;
      const id = `9000000000${String(uploadCounter).padStart(5, '0')}`;
      req.upload.id = id;
      media.set(id, { bytes: file.bytes, mimeType: fields.type });
      return { status: 200, body: { id } };
    }
    const id = req.method === 'GET' ? MEDIA_INFO_PATH.exec(req.path)?.[1] : undefined;
    if (id === undefined || TEMPLATES_PATH.test(req.path)) return undefined;
    const file = media.get(decodeURIComponent(id));
    if (file === undefined)
      return {
        status: 400,
        body: graphErrorBody(100, `Unsupported get request. Object with ID '${id}' does not exist`),
      };
    const url = new URL(`/fake-media/${encodeURIComponent(id)}`, fake.url);
    url.searchParams.set('ext', String(Date.now() + fake.mediaUrlTtlMs));
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        url: url.toString(),
        mime_type: file.mimeType,
        sha256: file.sha256 ?? createHash('sha256').update(file.bytes).digest('hex'),
        file_size: String(file.fileSize ?? file.bytes.length),
        id,
      },
    };
  }

  function normalResponse(req: FakeGraphRequest): FakeResponse {
    const waba = req.method === 'GET' ? TEMPLATES_PATH.exec(req.path)?.[1] : undefined;
    if (waba !== undefined) return templatesResponse(req, waba);
    const file = mediaResponse(req);
    if (file !== undefined) return file;
    const id = MESSAGES_PATH.exec(req.path)?.[1];
    if (req.method !== 'POST' || id === undefined)
      return { status: 400, body: graphErrorBody(100, 'Unsupported post request') };
    if (opts.phoneNumberId !== undefined && id !== opts.phoneNumberId) {
      return {
        status: 400,
        body: graphErrorBody(100, `Unsupported post request. Object with ID '${id}' does not exist`),
      };
    }
    if (field(req.body, 'messaging_product') !== 'whatsapp')
      return { status: 400, body: graphErrorBody(100, 'The parameter messaging_product is required.') };
    if (req.kind === 'read') return { status: 200, body: { success: true } };
    // A phone goes in `to`; a username user's BSUID in `recipient` (Meta answers with its user_id).
    const recipient = field(req.body, 'recipient');
    const to = field(req.body, 'to') ?? recipient;
    if (typeof to !== 'string' || to === '')
      return { status: 400, body: graphErrorBody(100, 'The parameter to is required.') };
    counter += 1;
    const wamid = `wamid.FAKE_OUT_${counter}`;
    accepted.push({ wamid, to, body: req.body });
    const contact = typeof recipient === 'string' ? { input: to, user_id: to } : { input: to, wa_id: digits(to) };
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [contact], messages: [{ id: wamid }] } };
  }

  function answer(req: FakeGraphRequest, res: ServerResponse, response: FakeResponse, latencyMs: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (response === 'drop') {
        req.response = 'dropped';
        res.socket?.destroy();
      } else {
        req.response = { status: response.status, body: response.body };
        const binary = Buffer.isBuffer(response.body);
        const text =
          binary || typeof response.body === 'string'
            ? (response.body as string | Buffer)
            : JSON.stringify(response.body);
        const type = binary
          ? 'application/octet-stream'
          : typeof response.body === 'string'
            ? 'text/html'
            : 'application/json';
        res.writeHead(response.status, { 'content-type': type, ...response.headers }).end(text);
      }
      notify();
    }, latencyMs);
    timers.add(timer);
  }

  async function onRequest(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = incoming.headers['content-type'] ?? '';
    const upload = contentType.startsWith('multipart/form-data') ? await parseUpload(raw, contentType) : undefined;
    const body = upload === undefined ? parseJson(raw.toString('utf8')) : upload.fields;
    const kind: FakeRequestKind =
      field(body, 'status') === 'read'
        ? 'read'
        : field(body, 'to') !== undefined || field(body, 'recipient') !== undefined
          ? 'send'
          : 'other';
    const req: FakeGraphRequest = {
      method: incoming.method ?? 'GET',
      path: incoming.url ?? '/',
      headers: incoming.headers,
      body,
      at: new Date(),
      kind,
      ...(upload !== undefined ? { upload } : {}),
    };
    if (upload !== undefined) uploads.push(upload);
    requests.push(req);
    if (kind === 'send') sent.push(req);
    notify();
    const { response, latencyMs } = decide(req);
    answer(req, res, response, latencyMs ?? fake.latencyMs);
  }

  const server = createServer((incoming, res) => {
    onRequest(incoming, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  const { port, close } = await listenOnLoopback(server);

  const push = (action: Script['action'], match: Match, fault?: FakeFault): void => {
    scripts.push({
      ...match,
      kind: match.kind ?? 'send',
      times: match.times ?? 1,
      action,
      ...(fault ? { fault } : {}),
    });
  };

  const fake: FakeGraph = {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    accepted,
    latencyMs: opts.latencyMs ?? 0,
    templates: [],
    templatePageSize: 100,
    media,
    mediaUrlTtlMs: 5 * 60_000,
    expireMediaUrls(times = 1) {
      expireNext += times;
    },
    uploads,
    downloads,
    waitFor(pred, timeoutMs = 5000) {
      if (pred(requests)) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!pred(requests)) return;
          cleanup();
          resolve(requests);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake graph: condition not met within ${timeoutMs} ms (${requests.length} requests seen)`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    fail: (fault = {}) => push('fail', fault, fault),
    drop: (match = {}) => push('drop', match),
    delay: (latencyMs, match = {}) => push('ok', { ...match, latencyMs }),
    respondWith: (next) => {
      handler = next;
    },
    pendingScripts: () => scripts.reduce((n, s) => n + s.times, 0),
    capacity(perSecond, burst) {
      bucket =
        perSecond === null
          ? null
          : { perSecond, burst: burst ?? perSecond, tokens: burst ?? perSecond, at: performance.now() };
    },
    get refused() {
      return refused;
    },
    failRandomly(share, random = Math.random) {
      failShare = share;
      failRandom = random;
    },
    poison(to, code = 131000) {
      poisoned.set(digits(to), code);
    },
    reset() {
      // The wamid counter is not reset: ids stay unique for the server's lifetime, as Meta's are.
      requests.length = 0;
      sent.length = 0;
      accepted.length = 0;
      scripts.length = 0;
      handler = null;
      bucket = null;
      refused = 0;
      failShare = 0;
      poisoned.clear();
      media.clear();
      uploads.length = 0;
      downloads.length = 0;
      expireNext = 0;
      fake.mediaUrlTtlMs = 5 * 60_000;
      fake.latencyMs = opts.latencyMs ?? 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await close();
    },
  };
  return fake;
}

function faultResponse(fault: FakeFault): FakeResponse {
  const status = fault.status ?? defaultStatusFor(fault.code);
  const headers = fault.retryAfterSec !== undefined ? { 'retry-after': String(fault.retryAfterSec) } : undefined;
  const body =
    fault.body ??
    (fault.code !== undefined
      ? graphErrorBody(fault.code, fault.title, fault.details)
      : {
          error: {
            message: fault.title ?? `Fake HTTP ${status}`,
            type: 'FakeGraphException',
            fbtrace_id: 'AFakeTrace',
          },
        });
  return { status, body, ...(headers ? { headers } : {}) };
}

/** A multipart body read the way a server would (the WHATWG form-data parser of Node's fetch). */
async function parseUpload(raw: Buffer, contentType: string): Promise<FakeUpload> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const fields: Record<string, string> = {};
  let file: FakeUpload['file'] = null;
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else if (name === 'file')
      file = { filename: value.name, mimeType: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
  }
  return { fields, file };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // recorded as-is; the request is answered with code 100
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
