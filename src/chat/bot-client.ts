// The HTTP calls the chat makes to a running bot: GET / (is it there?), POST /webhook (signed like
// Meta), GET /sandbox/messages (its replies). Failures a user can fix become a ChatError with advice.
import { signBody } from '../whatsapp/verify-signature.js';

export interface SandboxMessage {
  id: number;
  type: string;
  status: string;
  text: string;
  /** The Graph API request body the bot sent (or would have sent). */
  body: unknown;
}

export interface RepliesPage {
  /** The bot still has this user's messages (or a job search) to work through. */
  pending: boolean;
  messages: SandboxMessage[];
}

export class ChatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChatError';
  }
}

export interface BotClientOptions {
  url: string;
  /** APP_SECRET: webhooks are signed with it when set. */
  secret?: string;
  /** ADMIN_TOKEN: lets the chat read replies from a bot that is not in sandbox mode. */
  adminToken?: string;
  requestTimeoutMs?: number;
}

export type BotClient = ReturnType<typeof createBotClient>;

/** The sandbox route answers at most this many messages per call. */
const PAGE_SIZE = 100;

export function createBotClient(opts: BotClientOptions) {
  const base = opts.url.replace(/\/+$/, '');
  const timeoutMs = opts.requestTimeoutMs ?? 5_000;

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new ChatError(`cannot reach the bot at ${base} (${reason(err)})`, { cause: err });
    }
  }

  /** GET /: throws the "start it" advice when nothing answers. Returns the bot's mode. */
  async function checkRunning(): Promise<{ mode: string | undefined }> {
    let res: Response;
    try {
      res = await call('/');
    } catch (err) {
      throw new ChatError(`cannot reach the bot at ${base} — start it with \`npm start\` in another terminal`, {
        cause: err,
      });
    }
    if (!res.ok)
      throw new ChatError(
        `the bot at ${base} answered GET / with HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`,
      );
    const info = (await res.json().catch(() => ({}))) as { mode?: unknown };
    return { mode: typeof info.mode === 'string' ? info.mode : undefined };
  }

  /** POST /webhook with Meta's signature header; returns the bot's answer as is. */
  async function postWebhook(payload: unknown): Promise<{ status: number; body: string }> {
    const raw = JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.secret) headers['x-hub-signature-256'] = signBody(raw, opts.secret);
    const res = await call('/webhook', { method: 'POST', headers, body: raw });
    return { status: res.status, body: await res.text() };
  }

  /** The bot's replies to `phone` with an id above `after`, oldest first. */
  async function fetchReplies(phone: string, after: number): Promise<RepliesPage> {
    const headers: Record<string, string> = opts.adminToken ? { authorization: `Bearer ${opts.adminToken}` } : {};
    const query = new URLSearchParams({ phone, after: String(after) });
    const res = await call(`/sandbox/messages?${query.toString()}`, { headers });
    if (res.status === 401) {
      throw new ChatError(
        opts.adminToken
          ? 'the bot refused ADMIN_TOKEN on /sandbox/messages (401): set the same ADMIN_TOKEN as the bot'
          : "the bot refused /sandbox/messages (401): chat needs the bot in sandbox mode (started without WHATSAPP_TOKEN), or ADMIN_TOKEN set in this environment to the bot's value",
      );
    }
    if (!res.ok)
      throw new ChatError(`GET /sandbox/messages answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return parsePage(await res.json());
  }

  /** The id of the newest reply already stored for `phone`, so old history is not printed again. */
  async function latestReplyId(phone: string): Promise<number> {
    let after = 0;
    for (;;) {
      const page = await fetchReplies(phone, after);
      after = page.messages.at(-1)?.id ?? after;
      if (page.messages.length < PAGE_SIZE) return after;
    }
  }

  return { url: base, checkRunning, postWebhook, fetchReplies, latestReplyId };
}

function parsePage(json: unknown): RepliesPage {
  const page = json as { pending?: unknown; messages?: unknown } | null;
  if (typeof page?.pending !== 'boolean' || !Array.isArray(page.messages)) {
    throw new ChatError(`GET /sandbox/messages answered something unexpected: ${JSON.stringify(json).slice(0, 200)}`);
  }
  return { pending: page.pending, messages: page.messages as SandboxMessage[] };
}

function reason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } } | null | undefined;
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
