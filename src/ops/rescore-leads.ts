import type { Kysely } from 'kysely';
import { rescoreAllLeads } from '../leads/rescore-lead.js';
import type { Database } from '../store/schema.js';

export interface RescoreResult {
  leadsScored: number;
  at: string;
}

/**
 * Scores every lead again at `now`. The score's recency part decays with time, but a lead is rescored
 * only when something relevant happens to it; without this a quiet lead keeps the score it had on its
 * last message and the leads table sorts by stale numbers. Run daily by the server (RescoreJob) and
 * by `rescore-leads` in the CLI.
 */
export async function rescoreLeads(db: Kysely<Database>, now: number): Promise<RescoreResult> {
  const leadsScored = await rescoreAllLeads(db, now);
  return { leadsScored, at: new Date(now).toISOString() };
}
