import type { Kysely } from 'kysely';
import { STEPS, type SessionData, type SessionState, type Step } from '../conversation/types.js';
import { lockingClause } from './dialect.js';
import type { Database, SessionRow } from './schema.js';
import { sql } from 'kysely';

/**
 * Locks these users' sessions for the rest of the transaction, creating them for new users (a row
 * we insert is ours until commit). A user missing from the result is held by another transaction
 * (PostgreSQL: SKIP LOCKED), so the caller moves on. The lock is what keeps one user's messages
 * strictly one at a time across every worker and instance. Pass the phones sorted: two callers
 * creating the same new sessions then wait for each other in one order, never in a cycle.
 */
export async function claimSessions(
  trx: Kysely<Database>,
  phones: readonly string[],
  now: number,
): Promise<Map<string, SessionRow>> {
  const out = new Map<string, SessionRow>();
  if (phones.length === 0) return out;
  const { rows } =
    await sql<SessionRow>`select * from whatsapp_sessions where phone in (${sql.join(phones)})${lockingClause(trx, 'skip')}`.execute(
      trx,
    );
  for (const r of rows) out.set(r.phone, r);
  const missing = phones.filter((p) => !out.has(p));
  if (missing.length === 0) return out;
  const created = await trx
    .insertInto('whatsapp_sessions')
    .values(
      missing.map((phone) => ({
        phone,
        current_step: 'main_menu',
        metadata: '{}',
        created_at: now,
        updated_at: now,
        last_activity: null,
        is_active: 1,
        bsuid: null,
        profile_name: null,
        username: null,
        last_inbound_at: null,
        country_of_interest: null,
        opted_out: 0,
        language: null,
      })),
    )
    .onConflict((oc) => oc.column('phone').doNothing())
    .returningAll()
    .execute();
  for (const r of created) out.set(r.phone, r);
  return out;
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
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed;
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
