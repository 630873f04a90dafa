// The adaptive send rate (issue 13): Meta answers 130429 when the number's throughput is exceeded.
// Instead of stopping and starting, the shared rate is cut just below the rate Meta was admitting
// and then recovers on a curve shaped like TCP CUBIC / the AWS SDKs' adaptive retry mode: quickly
// back to the last known limit, gently across it (that is where the limit was), faster again far
// above it (the limit has been raised). Pure functions of the stored state and the time: every
// instance computes the same rate from the one `service_state` row.

/** The stored state (service_state `send_rate`); absent = no throttle seen: the configured ceiling. */
export interface AdaptiveRateState {
  /** The rate set by the last cut, per second. */
  rate: number;
  /** When that cut happened (epoch ms): the curve's origin. */
  since: number;
  /** What Meta was admitting when it last throttled, per second: where the curve flattens. */
  limit: number;
}

/** A cut lands this far below the admitted rate, so the queue drains without refusals. */
export const CUT_FACTOR = 0.95;
/**
 * Cuts are at least this far apart: a burst of 130429s writes the shared row once. (Answers to sends
 * made before the last cut landed no longer compound it: they are judged at the rate they were sent at.)
 */
export const CUT_COOLDOWN_MS = 250;
export const MIN_RATE_PER_SECOND = 1;

const RECOVER_PER_S = 0.03; // ×1.03 per second below 98% of the limit
const PROBE_PER_S = 0.005; // + 0.5% of the limit per second between 98% and 110% of it
const ABOVE_PER_S = 0.05; // ×1.05 per second beyond 110%
/** With no configured ceiling, a rate this many times the last limit means "no limit" again. */
const UNLIMITED_AFTER = 4;

/**
 * The send rate at `now`, per second: `Infinity` when nothing limits it (no ceiling configured and
 * no recent throttle). `ceiling` is SEND_RATE_PER_SECOND (0 = no ceiling).
 */
export function rateAt(state: AdaptiveRateState | undefined, now: number, ceiling: number): number {
  const cap = ceiling > 0 ? ceiling : Infinity;
  if (!state) return cap;
  let r = Math.max(MIN_RATE_PER_SECOND, state.rate);
  let t = Math.max(0, now - state.since) / 1000;
  const L = Math.max(MIN_RATE_PER_SECOND, state.limit);
  // Phase 1: recover multiplicatively to 98% of the limit.
  const knee = 0.98 * L;
  if (r < knee && t > 0) {
    const need = Math.log(knee / r) / Math.log(1 + RECOVER_PER_S);
    const dt = Math.min(t, need);
    r *= (1 + RECOVER_PER_S) ** dt;
    t -= dt;
  }
  // Phase 2: probe linearly across the limit.
  const top = 1.1 * L;
  if (r < top && t > 0) {
    const step = PROBE_PER_S * L;
    const dt = Math.min(t, (top - r) / step);
    r += step * dt;
    t -= dt;
  }
  // Phase 3: the limit has moved: grow multiplicatively.
  if (t > 0) r *= (1 + ABOVE_PER_S) ** t;
  if (cap === Infinity && r >= UNLIMITED_AFTER * L) return Infinity;
  return Math.min(cap, r);
}

export interface ThrottleEvidence {
  /** Of this instance's recent sends that Meta judged on throughput, how many it accepted… */
  accepted: number;
  /** …and how many it throttled. */
  throttled: number;
  /** Over how long (ms). */
  windowMs: number;
  /**
   * The shared rate those sends were made at (per second; the harmonic mean over the window, which
   * is their pace in time), when one was set. A throttle answers sends made before the last cut took
   * effect as well as after: their accepted share belongs to the rate they were sent at, not to the
   * rate already cut since.
   */
  sentAtRate?: number;
}

/** Fewer recent sends than this say too little about Meta's limit to estimate it from. */
const MIN_EVIDENCE = 10;
/** With no ceiling and too little evidence: Meta's lowest documented throughput (coexistence numbers). */
const UNKNOWN_LIMIT_PER_SECOND = 20;

/**
 * The state after a 130429 at `now`, or null when a cut happened less than CUT_COOLDOWN_MS ago. All
 * instances send at the shared rate, so the share of recent sends Meta accepted, times the rate those
 * sends were made at, estimates what Meta admits. One cut at most halves the rate and never raises it,
 * so a few unlucky answers cannot stall sending.
 */
export function cutRate(
  state: AdaptiveRateState | undefined,
  now: number,
  ceiling: number,
  evidence: ThrottleEvidence,
): AdaptiveRateState | null {
  if (state && now - state.since < CUT_COOLDOWN_MS) return null;
  const current = rateAt(state, now, ceiling);
  const total = evidence.accepted + evidence.throttled;
  const known = total >= MIN_EVIDENCE;
  let admitted: number;
  if (Number.isFinite(current)) {
    const sentAt =
      evidence.sentAtRate !== undefined && Number.isFinite(evidence.sentAtRate) ? evidence.sentAtRate : current;
    const estimate = known ? sentAt * Math.max(0.5, evidence.accepted / total) : 0.5 * current;
    // Never above the rate in force now, and never below half of it: one cut at most halves.
    admitted = Math.max(0.5 * current, Math.min(current, estimate));
  } else admitted = known ? (total / (evidence.windowMs / 1000)) * Math.max(0.5, evidence.accepted / total) : 0;
  const limit = Math.max(MIN_RATE_PER_SECOND, admitted > 0 ? admitted : UNKNOWN_LIMIT_PER_SECOND);
  return { rate: Math.max(MIN_RATE_PER_SECOND, CUT_FACTOR * limit), since: now, limit };
}

const EVIDENCE_MS = 2_000;

/** This instance's sends over the last two seconds that Meta accepted or throttled (the evidence for a cut). */
export class ThroughputWindow {
  private readonly events: { at: number; accepted: boolean; sentAtRate: number }[] = [];

  /** One answer; `sentAtRate` is the shared rate the send was made at (Infinity: none was set). */
  note(accepted: boolean, now: number, sentAtRate = Infinity): void {
    this.events.push({ at: now, accepted, sentAtRate });
    while (this.events.length > 0 && now - this.events[0]!.at > EVIDENCE_MS) this.events.shift();
    if (this.events.length > 10_000) this.events.splice(0, this.events.length - 10_000);
  }

  evidence(now: number): ThrottleEvidence {
    let accepted = 0;
    let throttled = 0;
    let paced = 0;
    let seconds = 0;
    for (const e of this.events) {
      if (now - e.at > EVIDENCE_MS) continue;
      if (e.accepted) accepted++;
      else throttled++;
      if (Number.isFinite(e.sentAtRate) && e.sentAtRate > 0) {
        paced++;
        seconds += 1 / e.sentAtRate;
      }
    }
    return { accepted, throttled, windowMs: EVIDENCE_MS, ...(paced > 0 ? { sentAtRate: paced / seconds } : {}) };
  }
}
