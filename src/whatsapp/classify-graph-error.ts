// One send attempt's HTTP result → what the sender must do (SendOutcome). Keyed on Meta's
// `error.code` first (titles and HTTP statuses are not stable), HTTP status only as a fallback.
import type { SendOutcome } from './types.js';
import { parseRetryAfter } from '../lib/retry-after.js';
import { truncateText } from './truncate-text.js';

type Failure = Extract<SendOutcome, { ok: false }>;
type Rule = Pick<Failure, 'scope' | 'retryable'> & {
  defaultRetryAfterMs?: number;
  /** Never sooner than this, whatever Retry-After says. */
  minRetryAfterMs?: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const THROUGHPUT: Rule = { scope: 'throughput', retryable: true };
const OUTAGE: Rule = { scope: 'outage', retryable: true };
const RECIPIENT_RETRY: Rule = { scope: 'recipient', retryable: true };
const TOKEN: Rule = { scope: 'token', retryable: false };
const FINAL: Rule = { scope: 'message', retryable: false };

/** Meta error codes whose handling we know (reference §6). */
const RULES = new Map<number, Rule>([
  // Throughput limits: the shared send rate adapts (130429), or everyone pauses (80007, 4).
  [130429, THROUGHPUT],
  [80007, THROUGHPUT],
  [4, THROUGHPUT],
  // Outages: the message retries on its own schedule; many users failing opens the breaker.
  [131016, OUTAGE],
  [2, OUTAGE],
  [133004, OUTAGE],
  [131057, { ...OUTAGE, defaultRetryAfterMs: 60_000 }], // number in maintenance, ~1 min: Meta's own advice
  // Marketing-message cap per user: only this message waits, at least a day (reference §6).
  [131049, { ...RECIPIENT_RETRY, defaultRetryAfterMs: DAY_MS, minRetryAfterMs: DAY_MS }],
  // Pair rate limit: only this user's queue waits (Meta: back off 4^X s).
  [131056, RECIPIENT_RETRY],
  // "Unknown send failure": retry a few times, but don't stall every user for one odd message.
  [131000, RECIPIENT_RETRY],
  // Credentials: pause all sending until someone fixes the token.
  [190, TOKEN],
  [0, TOKEN],
  // Everything below fails this message for good; retrying the same payload cannot help.
  // 131062: this message may not go to a BSUID recipient (authentication templates, for one).
  ...[
    131047, 131026, 131050, 131051, 131052, 131053, 100, 131008, 131009, 131021, 131042, 10, 131005, 131048, 131062,
  ].map((code): [number, Rule] => [code, FINAL]),
  // Policy block / locked account could justify a global stop, but they also arrive for single
  // messages; 'message' keeps other users flowing and the failure is recorded for an operator.
  [368, FINAL],
  [131031, FINAL],
]);

function ruleForCode(code: number): Rule | undefined {
  const known = RULES.get(code);
  if (known !== undefined) return known;
  if (code >= 132000 && code <= 132999) return FINAL; // template problems
  if (code >= 200 && code <= 299) return FINAL; // permission errors
  return undefined;
}

function ruleForHttpStatus(status: number): Rule {
  if (status === 401) return TOKEN;
  if (status === 429) return THROUGHPUT;
  if (status === 408 || status >= 500) return OUTAGE;
  return FINAL; // unknown 4xx (and the odd 1xx/3xx): the request itself is wrong
}

interface GraphErrorInfo {
  code: number | null;
  title: string;
}

export function classifyGraphResponse(
  httpStatus: number,
  body: unknown,
  retryAfterHeader: string | undefined,
  now: Date = new Date(),
): SendOutcome {
  const json = asJson(body);
  if (httpStatus >= 200 && httpStatus < 300) return { ok: true, wamid: wamidOf(json) };
  const error = errorInfo(httpStatus, json, body);
  const rule = (error.code !== null ? ruleForCode(error.code) : undefined) ?? ruleForHttpStatus(httpStatus);
  const asked = rule.retryable ? (parseRetryAfter(retryAfterHeader, now) ?? rule.defaultRetryAfterMs ?? null) : null;
  const retryAfterMs =
    asked !== null && rule.minRetryAfterMs !== undefined ? Math.max(asked, rule.minRetryAfterMs) : asked;
  return {
    ok: false,
    scope: rule.scope,
    retryable: rule.retryable,
    code: error.code,
    title: error.title,
    retryAfterMs,
    httpStatus,
  };
}

/** Connection refused/reset, DNS, TLS, timeouts: treat as an outage. */
export function classifyNetworkError(err: unknown): SendOutcome {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return {
    ok: false,
    scope: 'outage',
    retryable: true,
    code: null,
    title: clip(`network error${code !== undefined ? ` ${code}` : ''}: ${message}`),
    retryAfterMs: null,
    httpStatus: null,
  };
}

/** The send returns messages[0].id; mark-read returns {success:true} (no id → null). */
function wamidOf(json: unknown): string | null {
  const messages = field(json, 'messages');
  const first = Array.isArray(messages) ? (messages[0] as unknown) : undefined;
  const id = field(first, 'id');
  return typeof id === 'string' && id !== '' ? id : null;
}

function errorInfo(httpStatus: number, json: unknown, body: unknown): GraphErrorInfo {
  const error = field(json, 'error');
  const rawCode = field(error, 'code');
  const code =
    typeof rawCode === 'number' && Number.isInteger(rawCode)
      ? rawCode
      : typeof rawCode === 'string' && /^\d+$/.test(rawCode)
        ? Number(rawCode)
        : null;
  const message = field(error, 'message');
  const details = field(field(error, 'error_data'), 'details');
  if (typeof message === 'string' && message !== '') {
    return { code, title: clip(typeof details === 'string' && details !== '' ? `${message}: ${details}` : message) };
  }
  const raw = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  const text = typeof raw === 'string' ? raw.trim() : '';
  return { code, title: clip(`HTTP ${httpStatus}${text !== '' ? `: ${text}` : ''}`) };
}

function asJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  if (typeof text !== 'string') return body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // HTML error page, proxy text: classified by HTTP status alone
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function clip(text: string): string {
  return truncateText(text, 300);
}
