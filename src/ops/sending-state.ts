import type { Kysely } from 'kysely';
import { readBreaker } from '../pipeline/send-breaker.js';
import { currentSendRate } from '../pipeline/send-rate.js';
import type { Database } from '../store/schema.js';
import { readState, STATE_SEND_PAUSED_UNTIL } from '../store/service-state.js';

/** What the sender is held to right now, shared by every instance (issue 13). */
export interface SendingState {
  breaker: {
    state: 'closed' | 'open' | 'half_open';
    /** ISO time the open breaker lets a probe through; null when closed. */
    until: string | null;
    reason: string | null;
  };
  rate: {
    /** Sends per second every instance together is held to now; null = unlimited. */
    current: number | null;
    /** SEND_RATE_PER_SECOND; null = no ceiling configured. */
    ceiling: number | null;
    /** True while the rate is below the ceiling because Meta throttled (130429). */
    adapted: boolean;
  };
  /** ISO time a Retry-After or an account-level rate limit paused all sending until; null = not paused. */
  pausedUntil: string | null;
}

/** The breaker, the adaptive send rate and any global pause (`/webhook/health`, `/metrics`, the console). */
export async function getSendingState(db: Kysely<Database>, ceiling: number, now: number): Promise<SendingState> {
  const [breaker, rate, paused] = await Promise.all([
    readBreaker(db),
    currentSendRate(db, ceiling, now),
    readState<number>(db, STATE_SEND_PAUSED_UNTIL),
  ]);
  const cap = ceiling > 0 ? ceiling : null;
  const current = Number.isFinite(rate) ? Math.round(rate * 10) / 10 : null;
  return {
    breaker: breaker
      ? { state: breaker.state, until: new Date(breaker.until).toISOString(), reason: breaker.reason }
      : { state: 'closed', until: null, reason: null },
    rate: { current, ceiling: cap, adapted: current !== null && (cap === null || current < cap) },
    pausedUntil: paused !== undefined && paused > now ? new Date(paused).toISOString() : null,
  };
}
