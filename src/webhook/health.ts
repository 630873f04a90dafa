import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { getSendingState, type SendingState } from '../ops/sending-state.js';
import { tokenFingerprint } from '../pipeline/outbound-sender.js';
import { readState, STATE_TOKEN_INVALID, type TokenInvalidState } from '../store/service-state.js';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  database: 'ok' | 'unreachable';
  mode: 'sandbox' | 'live';
  sending: 'ok' | 'paused' | 'token_invalid' | 'unknown';
  /** The circuit breaker and the adaptive send rate (absent when the database did not answer). */
  sendState?: SendingState;
  reasons: string[];
  time: string;
}

const DB_CHECK_TIMEOUT_MS = 2_000;

/** The database check and the sending state, shared by /webhook/health and /ready. */
export async function checkHealth(deps: Deps): Promise<HealthReport> {
  const now = deps.clock.now();
  const reasons: string[] = [];
  const report: HealthReport = {
    status: 'ok',
    database: 'ok',
    mode: deps.config.sandbox ? 'sandbox' : 'live',
    sending: 'ok',
    reasons,
    time: new Date(now).toISOString(),
  };
  try {
    await withTimeout(sql`select 1`.execute(deps.db), DB_CHECK_TIMEOUT_MS);
  } catch (err) {
    report.database = 'unreachable';
    report.status = 'unavailable';
    report.sending = 'unknown';
    reasons.push(`database unreachable: ${(err as Error).message}`);
    return report;
  }
  const token = await readState<TokenInvalidState>(deps.db, STATE_TOKEN_INVALID);
  if (token && token.fingerprint === tokenFingerprint(deps.config.whatsapp.token)) {
    report.sending = 'token_invalid';
    report.status = 'degraded';
    reasons.push(
      `WhatsApp rejected the access token (code ${token.code ?? 'n/a'}: ${token.title}); sending is paused until WHATSAPP_TOKEN is replaced and the service restarted`,
    );
  }
  const state = await getSendingState(deps.db, deps.config.whatsapp.sendRatePerSecond, now);
  report.sendState = state;
  if (report.sending === 'ok' && state.pausedUntil !== null) {
    report.sending = 'paused';
    report.status = 'degraded';
    reasons.push(`sending paused by Meta's Retry-After or rate limit until ${state.pausedUntil}`);
  }
  if (report.sending === 'ok' && state.breaker.state !== 'closed') {
    report.sending = 'paused';
    report.status = 'degraded';
    reasons.push(
      `send breaker ${state.breaker.state === 'open' ? `open until ${state.breaker.until}` : 'half-open (probing)'}: ${state.breaker.reason}`,
    );
  }
  return report;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
