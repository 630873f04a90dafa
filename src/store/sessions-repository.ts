import type { Kysely } from 'kysely';
import { STEPS, type SessionData, type SessionState, type Step } from '../conversation/types.js';
import { lockingClause } from './dialect.js';
import type { Database, SessionRow } from './schema.js';
import { sql } from 'kysely';

/**
 * Locks this user's session for the rest of the transaction, creating it for a new user (a row we
 * insert is ours until commit). Undefined means another transaction holds it.
 */
export async function claimSession(trx: Kysely<Database>, phone: string, now: number): Promise<SessionRow | undefined> {
  const found = await lockSession(trx, phone);
  if (found) return found;
  return trx
    .insertInto('whatsapp_sessions')
    .values({
      phone,
      current_step: 'main_menu',
      metadata: '{}',
      created_at: now,
      updated_at: now,
      last_activity: null,
      is_active: 1,
      bsuid: null,
      profile_name: null,
      last_inbound_at: null,
      country_of_interest: null,
      opted_out: 0,
    })
    .onConflict((oc) => oc.column('phone').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Locks one user's session for the rest of the transaction: the lock is what keeps one user's
 * messages strictly one at a time across every worker and instance. Returns undefined when another
 * transaction holds it (PostgreSQL: SKIP LOCKED), so the caller moves on to another user.
 */
export async function lockSession(trx: Kysely<Database>, phone: string): Promise<SessionRow | undefined> {
  const { rows } = await sql<SessionRow>`select * from whatsapp_sessions where phone = ${phone}${lockingClause(trx, 'skip')}`.execute(
    trx,
  );
  return rows[0];
}

export function findSession(db: Kysely<Database>, phone: string): Promise<SessionRow | undefined> {
  return db.selectFrom('whatsapp_sessions').selectAll().where('phone', '=', phone).executeTakeFirst();
}

function isStep(s: string): s is Step {
  return (STEPS as readonly string[]).includes(s);
}

export function sessionToState(row: SessionRow): SessionState | null {
  if (row.last_activity === null) return null;
  let data: SessionData = {};
  try {
    const parsed: unknown = JSON.parse(row.metadata);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as SessionData;
  } catch {
    // A corrupt metadata blob must not wedge the user: they start from the menu with no data.
    data = {};
  }
  return {
    step: isStep(row.current_step) ? row.current_step : 'main_menu',
    data,
    lastActivityAt: new Date(row.last_activity),
  };
}
