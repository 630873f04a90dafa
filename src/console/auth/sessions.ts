import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, OperatorRow } from '../../store/schema.js';

/** A session idle this long is gone: the next request goes to the login page. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface ConsoleSession {
  idHash: string;
  csrfToken: string;
  operator: OperatorRow;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Starts a session; returns the cookie value (random, 256 bits). Only its hash is stored. */
export async function createSession(db: Kysely<Database>, operatorId: number, now: number): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db
    .insertInto('console_sessions')
    .values({
      id_hash: sha256(id),
      operator_id: operatorId,
      csrf_token: randomBytes(32).toString('base64url'),
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  return id;
}

/** The live session of this cookie, or null (unknown, idle too long, or its operator disabled). */
export async function findSession(db: Kysely<Database>, cookie: string, now: number): Promise<ConsoleSession | null> {
  const idHash = sha256(cookie);
  const s = await db.selectFrom('console_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!s) return null;
  if (now - Number(s.last_seen_at) > IDLE_TIMEOUT_MS) {
    await db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  const operator = await db
    .selectFrom('console_operators')
    .selectAll()
    .where('id', '=', s.operator_id)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  if (!operator) return null;
  if (now - Number(s.last_seen_at) > TOUCH_EVERY_MS) {
    await db.updateTable('console_sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return { idHash, csrfToken: s.csrf_token, operator };
}

/**
 * Whether the session of this hash is still live (known, not idle too long, its operator enabled),
 * without counting as activity: a page left open does not keep its session alive by itself.
 */
export async function sessionStillLive(db: Kysely<Database>, idHash: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('console_sessions as s')
    .innerJoin('console_operators as o', 'o.id', 's.operator_id')
    .select('s.last_seen_at')
    .where('s.id_hash', '=', idHash)
    .where('o.disabled', '=', 0)
    .executeTakeFirst();
  return row !== undefined && now - Number(row.last_seen_at) <= IDLE_TIMEOUT_MS;
}

export async function endSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
}
