import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * Failed logins, counted in the database (so every instance sees them) over a sliding window.
 * Per account: after 5 failures in 15 minutes that account refuses passwords until the oldest of
 * them leaves the window — at most 15 minutes, never indefinitely, so an attacker can only slow the
 * real operator down, not lock them out for good (and an admin can reset the password meanwhile).
 * Per address: 20 failures in 15 minutes, which stops one address trying many accounts.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `addr:${ip}`;

async function failuresSince(db: Kysely<Database>, key: string, since: number): Promise<number> {
  const r = await db
    .selectFrom('console_login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** True when this attempt must be refused before its password is even checked. */
export async function loginBlocked(db: Kysely<Database>, email: string, ip: string, now: number): Promise<boolean> {
  const since = now - LOGIN_WINDOW_MS;
  const [acct, addr] = await Promise.all([
    failuresSince(db, accountKey(email), since),
    failuresSince(db, addressKey(ip), since),
  ]);
  return acct >= MAX_FAILURES_PER_ACCOUNT || addr >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordLoginFailure(db: Kysely<Database>, email: string, ip: string, now: number): Promise<void> {
  await db
    .insertInto('console_login_failures')
    .values([
      { key: accountKey(email), at: now },
      { key: addressKey(ip), at: now },
    ])
    .execute();
  // Old rows are never needed again.
  await db
    .deleteFrom('console_login_failures')
    .where('at', '<=', now - LOGIN_WINDOW_MS)
    .execute();
}

/** A successful login clears its account's failures (not the address's: one good account must not launder others). */
export async function clearAccountFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('console_login_failures').where('key', '=', accountKey(email)).execute();
}
