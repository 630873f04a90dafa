import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * Failed console sign-ins, counted in the database (so every instance sees them) over a sliding
 * window, with OWASP's device cookies ("Slow down online guessing attacks with device cookies"):
 * - a browser that signed in to an account before carries a signed device cookie for that account;
 *   it is held only by its own failures (5 in 15 minutes), never by the account's or the address's,
 *   so an attacker guessing elsewhere cannot lock the real operator out of their usual browser;
 * - every other attempt (an untrusted client) is refused after 5 untrusted failures for the account,
 *   or 20 from the address, in 15 minutes. A device that used up its own 5 counts as untrusted.
 * A password reset or re-enabling clears the account's failures (ops/operators.ts).
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_DEVICE = 5;
/** A device cookie is trusted this long after the sign-in that issued it (each sign-in renews it). */
export const DEVICE_TRUST_MS = 90 * 86_400_000;
/** The HMAC key of the device cookies: random, made once, shared by every instance through the database. */
export const STATE_DEVICE_KEY = 'console_device_key';

const normal = (email: string) => email.trim().toLowerCase();
export const accountKey = (email: string) => `acct:${normal(email)}`;
const addressKey = (ip: string) => `addr:${ip}`;
const deviceKey = (nonce: string) => `dev:${nonce}`;

async function failuresSince(db: Kysely<Database>, key: string, since: number): Promise<number> {
  const r = await db
    .selectFrom('console_login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const keys = new WeakMap<Kysely<Database>, Promise<Buffer>>();

/** The device-cookie key: the first instance to need it stores a random one; every instance reads that one. */
function deviceSigningKey(db: Kysely<Database>): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db
        .insertInto('service_state')
        .values({ key: STATE_DEVICE_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')), updated_at: 0 })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db
        .selectFrom('service_state')
        .select('value')
        .where('key', '=', STATE_DEVICE_KEY)
        .executeTakeFirstOrThrow();
      return Buffer.from(JSON.parse(row.value) as string, 'base64url');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const sign = (key: Buffer, email: string, nonce: string, issuedAt: number) =>
  createHmac('sha256', key)
    .update(`${normal(email)}\n${nonce}\n${issuedAt}`)
    .digest('base64url');

/** A new device cookie value for this account: `<nonce>.<issued at>.<HMAC of e-mail, nonce and time>`. */
export async function issueDeviceCookie(db: Kysely<Database>, email: string, now: number): Promise<string> {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${now}.${sign(await deviceSigningKey(db), email, nonce, now)}`;
}

/** The cookie's nonce when it was issued to this very account, is signed by us and is recent; else null. */
async function deviceOf(
  db: Kysely<Database>,
  email: string,
  cookie: string | undefined,
  now: number,
): Promise<string | null> {
  const [nonce, at, mac, extra] = (cookie ?? '').split('.');
  if (!nonce || !at || !mac || extra !== undefined || !/^\d{1,15}$/.test(at)) return null;
  const issuedAt = Number(at);
  if (now - issuedAt > DEVICE_TRUST_MS || issuedAt > now + 60_000) return null;
  const expected = Buffer.from(sign(await deviceSigningKey(db), email, nonce, issuedAt));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? nonce : null;
}

export interface LoginGate {
  /** Refuse before the password is even checked. */
  blocked: boolean;
  /** The trusted device's nonce, or null for an untrusted client. */
  device: string | null;
}

/** Whether this attempt may check a password, and whether it comes from a trusted device. */
export async function loginGate(
  db: Kysely<Database>,
  email: string,
  ip: string,
  deviceCookie: string | undefined,
  now: number,
): Promise<LoginGate> {
  const since = now - LOGIN_WINDOW_MS;
  const device = await deviceOf(db, email, deviceCookie, now);
  if (device !== null && (await failuresSince(db, deviceKey(device), since)) < MAX_FAILURES_PER_DEVICE) {
    return { blocked: false, device };
  }
  const [acct, addr] = await Promise.all([
    failuresSince(db, accountKey(email), since),
    failuresSince(db, addressKey(ip), since),
  ]);
  return { blocked: acct >= MAX_FAILURES_PER_ACCOUNT || addr >= MAX_FAILURES_PER_ADDRESS, device: null };
}

/** Counts a wrong password against the trusted device alone, or against the account and the address. */
export async function recordLoginFailure(
  db: Kysely<Database>,
  gate: Pick<LoginGate, 'device'>,
  email: string,
  ip: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('console_login_failures')
    .values(
      gate.device !== null
        ? [{ key: deviceKey(gate.device), at: now }]
        : [
            { key: accountKey(email), at: now },
            { key: addressKey(ip), at: now },
          ],
    )
    .execute();
  // Old rows are never needed again.
  await db
    .deleteFrom('console_login_failures')
    .where('at', '<=', now - LOGIN_WINDOW_MS)
    .execute();
}

/**
 * After a good password: a trusted device clears its own failures; an untrusted client clears the
 * account's (never the address's: one good account must not launder others). A sign-in on a trusted
 * device leaves the untrusted lock alone, so the owner signing in does not hand a guesser new tries.
 */
export async function clearFailuresAfterSignIn(
  db: Kysely<Database>,
  gate: Pick<LoginGate, 'device'>,
  email: string,
): Promise<void> {
  const key = gate.device !== null ? deviceKey(gate.device) : accountKey(email);
  await db.deleteFrom('console_login_failures').where('key', '=', key).execute();
}
