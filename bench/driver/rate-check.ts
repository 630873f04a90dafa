// The rate scenario's check: sends per sliding 1-s window, per-user order, FIFO displacement.
import type { LeanFakeGraph } from '../fake-graph.js';
import { slidingWindowRates, type WindowRates } from '../stats.js';
import type { LoadPlan, LoadResult } from './load.js';
import { MULTI_EXPECTED_TYPES } from './plans.js';

/** The top-level `type` of each body a recipient received. */
export function replyTypes(bodies: readonly string[]): string[] {
  return bodies.map((b) => {
    try {
      return String((JSON.parse(b) as { type?: unknown }).type);
    } catch {
      return '?';
    }
  });
}

export interface RateCheck {
  windows: WindowRates;
  multiUsers: number;
  multiInOrder: number;
  /** Single users: the largest distance between a user's place in the post order and in the reply order. */
  maxDisplacement: number;
  /** Sends in each whole second from the first send (and in each 100 ms of the first two seconds). */
  perSecond: number[];
  first2sPer100ms: number[];
  /** Sends in each 100 ms from the first send, the whole run. */
  per100ms: number[];
  /** The most displaced single users: place in the post order vs in the reply order, and when (ms from the first post) each was posted, acknowledged and answered. */
  mostDisplaced: { user: number; posted: number; replied: number; postMs: number; ackMs: number; replyMs: number }[];
}

export function checkRate(
  graph: LeanFakeGraph,
  plan: LoadPlan & { multiFrom: number },
  timing: LoadResult['timing'],
): RateCheck {
  const windows = slidingWindowRates(graph.sendTimes);
  let multiInOrder = 0;
  for (let u = plan.multiFrom; u < plan.phones.length; u++) {
    const bodies = graph.recipients.get(plan.phones[u]!)?.bodies ?? [];
    if (replyTypes(bodies).join(',') === MULTI_EXPECTED_TYPES.join(',')) multiInOrder++;
  }
  // FIFO across users (single users only): rank by the post's start vs rank by the reply's arrival.
  const firsts: { u: number; at: number }[] = [];
  for (let u = 0; u < plan.multiFrom; u++) {
    const at = graph.recipients.get(plan.phones[u]!)?.arrivals[0];
    if (at !== undefined) firsts.push({ u, at });
  }
  const postRank = new Map<number, number>();
  [...firsts].sort((a, b) => timing.postAt[a.u]! - timing.postAt[b.u]!).forEach((f, rank) => postRank.set(f.u, rank));
  firsts.sort((a, b) => a.at - b.at);
  let maxDisplacement = 0;
  const displaced: RateCheck['mostDisplaced'] = [];
  const rel = (v: number): number => Math.round(v - timing.t0);
  firsts.forEach((f, rank) => {
    const posted = postRank.get(f.u) ?? f.u;
    maxDisplacement = Math.max(maxDisplacement, Math.abs(posted - rank));
    displaced.push({
      user: f.u,
      posted,
      replied: rank,
      postMs: rel(timing.postAt[f.u]!),
      ackMs: rel(timing.ackAt[f.u]!),
      replyMs: rel(f.at),
    });
  });
  const mostDisplaced = displaced
    .sort((a, b) => Math.abs(b.posted - b.replied) - Math.abs(a.posted - a.replied))
    .slice(0, 10);
  const times = [...graph.sendTimes].sort((a, b) => a - b);
  const perSecond: number[] = [];
  const per100ms: number[] = [];
  const t0 = times[0] ?? 0;
  for (const t of times) {
    const s = Math.floor((t - t0) / 1000);
    perSecond[s] = (perSecond[s] ?? 0) + 1;
    const d = Math.floor((t - t0) / 100);
    per100ms[d] = (per100ms[d] ?? 0) + 1;
  }
  for (let i = 0; i < perSecond.length; i++) perSecond[i] ??= 0;
  for (let i = 0; i < per100ms.length; i++) per100ms[i] ??= 0;
  const first2sPer100ms = Array.from({ length: 20 }, (_, i) => per100ms[i] ?? 0);
  return {
    windows,
    multiUsers: plan.phones.length - plan.multiFrom,
    multiInOrder,
    maxDisplacement,
    perSecond,
    first2sPer100ms,
    per100ms,
    mostDisplaced,
  };
}
