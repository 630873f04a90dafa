// The console's sign-in rules over HTTP (app.inject, a clock moved by hand): the failed-login limits
// per account and per address, the idle timeout, and the Secure cookie in production. The browser
// side of signing in is in console-auth.browser.test.ts.
import { afterEach, expect, it } from 'vitest';
import { addOperator, resetOperatorPassword, setOperatorDisabled } from '../src/ops/operators.js';
import { ADMIN, PASSWORD, VIEWER } from './helpers/console-browser.js';
import { ManualClock, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const MINUTE = 60_000;
const HOME = '203.0.113.7';

interface Attempt {
  status: number;
  body: string;
  /** Set-Cookie headers of the answer, by cookie name. */
  cookies: Map<string, string>;
}

function cookiesOf(headers: Record<string, unknown>): Map<string, string> {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return new Map(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}
const valueOf = (setCookie: string | undefined) => setCookie?.slice(setCookie.indexOf('=') + 1).split(';')[0] ?? '';

/** GET the login form (for its double-submit token), then POST e-mail and password, as a browser does. */
async function signIn(bot: TestBot, email: string, password: string, o: { ip?: string; cookie?: string } = {}) {
  const remoteAddress = o.ip ?? HOME;
  const form = await bot.runtime.app.inject({ method: 'GET', url: '/console/login', remoteAddress });
  const loginCsrf = valueOf(cookiesOf(form.headers).get('nexora_login_csrf'));
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const res = await bot.runtime.app.inject({
    method: 'POST',
    url: '/console/login',
    remoteAddress,
    headers: { cookie: [`nexora_login_csrf=${loginCsrf}`, o.cookie].filter(Boolean).join('; ') },
    payload: { email, password, _csrf: token },
  });
  return { status: res.statusCode, body: res.body, cookies: cookiesOf(res.headers) } satisfies Attempt;
}

describeEachDb('console sign-in limits and session timeout', (kind) => {
  let bot: TestBot;
  let clock: ManualClock;
  const start = async (env: Record<string, string> = {}) => {
    clock = new ManualClock();
    bot = await startTestBot(kind, env, { clock, startWorkers: false, seed: false });
    for (const [email, role] of [
      [ADMIN, 'admin'],
      [VIEWER, 'viewer'],
    ] as const)
      await addOperator(bot.runtime.deps.db, { email, display_name: email, role, password: PASSWORD }, clock.now());
  };
  afterEach(async () => bot.stop());

  it('locks an account after 5 failures, even for the right password, and unlocks once they leave the 15-minute window', async () => {
    await start();
    for (let i = 0; i < 5; i++) {
      const wrong = await signIn(bot, ADMIN, `wrong password ${i}`);
      expect(wrong.status).toBe(401);
      clock.advance(MINUTE);
    }
    const locked = await signIn(bot, ADMIN, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('Too many failed attempts');
    expect(locked.cookies.has('nexora_console')).toBe(false);
    // The lock is the account's, wherever the attempt comes from.
    expect((await signIn(bot, ADMIN, PASSWORD, { ip: '198.51.100.20' })).status).toBe(429);
    // Another account from the same address is not affected.
    expect((await signIn(bot, VIEWER, PASSWORD)).status).toBe(303);

    // The first failure was at t=0; at t=15 min it leaves the window and 4 remain: below the limit.
    clock.advance(11 * MINUTE);
    const open = await signIn(bot, ADMIN, PASSWORD);
    expect(open.status).toBe(303);
    expect(open.cookies.get('nexora_console')).toBeDefined();
    // A success clears the account's failures: one new mistake does not lock it again.
    expect((await signIn(bot, ADMIN, 'one more typo')).status).toBe(401);
    expect((await signIn(bot, ADMIN, PASSWORD)).status).toBe(303);
  });

  it('refuses an address after 20 failures over any accounts, while other addresses still sign in', async () => {
    await start();
    for (let i = 0; i < 20; i++) {
      expect((await signIn(bot, `nobody${i}@nexora.test`, 'guess guess guess')).status).toBe(401);
    }
    const fromThere = await signIn(bot, ADMIN, PASSWORD);
    expect(fromThere.status).toBe(429);
    expect((await signIn(bot, ADMIN, PASSWORD, { ip: '198.51.100.20' })).status).toBe(303);
    clock.advance(15 * MINUTE + 1);
    expect((await signIn(bot, ADMIN, PASSWORD)).status).toBe(303);
  });

  it('lets a browser that signed in before past the account lock an attacker keeps up, and only for that account', async () => {
    await start();
    const first = await signIn(bot, ADMIN, PASSWORD);
    const device = first.cookies.get('nexora_device');
    expect((device ?? '').toLowerCase()).toContain('path=/console/login');
    expect((device ?? '').toLowerCase()).toContain('httponly');
    const trusted = `nexora_device=${valueOf(device)}`;

    // Someone elsewhere guesses the admin's password, one guess every 3 minutes, for an hour and more.
    const attacker = { ip: '198.51.100.66' };
    for (let i = 0; i < 25; i++) {
      clock.advance(3 * MINUTE);
      await signIn(bot, ADMIN, `guess ${i}`, attacker);
    }
    expect((await signIn(bot, ADMIN, PASSWORD, attacker)).status).toBe(429);
    // From a new browser the real operator is held too...
    expect((await signIn(bot, ADMIN, PASSWORD)).status).toBe(429);
    // ...but not from the browser they signed in with before (a day later: the cookie lives 90 days).
    clock.advance(24 * 60 * MINUTE);
    for (let i = 0; i < 5; i++) await signIn(bot, ADMIN, `guess ${i}`, attacker);
    const known = await signIn(bot, ADMIN, PASSWORD, { cookie: trusted });
    expect(known.status).toBe(303);
    expect(known.cookies.has('nexora_console')).toBe(true);
    // Signing in there does not hand the guesser new tries: the untrusted lock stays.
    expect((await signIn(bot, ADMIN, PASSWORD, attacker)).status).toBe(429);

    // The cookie is bound to its account and to our key: it opens no lock of another account, and a
    // changed signature or account is an untrusted client.
    for (let i = 0; i < 5; i++) await signIn(bot, VIEWER, `guess ${i}`, attacker);
    expect((await signIn(bot, VIEWER, PASSWORD, { cookie: trusted })).status).toBe(429);
    const forged = trusted.slice(0, -3) + (trusted.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await signIn(bot, ADMIN, PASSWORD, { cookie: forged })).status).toBe(429);

    // The device has its own limit: 5 wrong passwords from it, and it counts as untrusted (locked).
    const renewed = `nexora_device=${valueOf(known.cookies.get('nexora_device'))}`;
    for (let i = 0; i < 5; i++) expect((await signIn(bot, ADMIN, `typo ${i}`, { cookie: renewed })).status).toBe(401);
    expect((await signIn(bot, ADMIN, PASSWORD, { cookie: renewed })).status).toBe(429);
  });

  it('a password reset or re-enabling the operator clears the failures that locked the account', async () => {
    await start();
    for (let i = 0; i < 5; i++) await signIn(bot, ADMIN, `wrong ${i}`);
    for (let i = 0; i < 5; i++) await signIn(bot, VIEWER, `wrong ${i}`);
    expect((await signIn(bot, ADMIN, PASSWORD)).status).toBe(429);
    expect((await signIn(bot, VIEWER, PASSWORD)).status).toBe(429);

    const fresh = 'a brand new passphrase 42';
    await resetOperatorPassword(bot.runtime.deps.db, ADMIN, fresh);
    expect((await signIn(bot, ADMIN, PASSWORD)).status).toBe(401);
    expect((await signIn(bot, ADMIN, fresh)).status).toBe(303);

    await setOperatorDisabled(bot.runtime.deps.db, VIEWER, true);
    expect((await signIn(bot, VIEWER, PASSWORD, { ip: '198.51.100.9' })).status).toBe(429);
    await setOperatorDisabled(bot.runtime.deps.db, VIEWER, false);
    expect((await signIn(bot, VIEWER, PASSWORD)).status).toBe(303);
  });

  it('ends a session idle for 31 minutes: the next page sends the operator to the login page', async () => {
    await start();
    const ok = await signIn(bot, ADMIN, PASSWORD);
    const cookie = `nexora_console=${valueOf(ok.cookies.get('nexora_console'))}`;
    const get = () => bot.runtime.app.inject({ method: 'GET', url: '/console/leads', headers: { cookie } });

    clock.advance(29 * MINUTE);
    expect((await get()).statusCode).toBe(200);
    // Activity moves the idle clock: 29 more minutes after that page are still within 30.
    clock.advance(29 * MINUTE);
    expect((await get()).statusCode).toBe(200);
    clock.advance(31 * MINUTE);
    const late = await get();
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe('/console/login');
    const rows = await bot.runtime.deps.db.selectFrom('console_sessions').select('id_hash').execute();
    expect(rows).toEqual([]);
    // htmx requests get a 401 with words instead of a redirect.
    const partial = await bot.runtime.app.inject({
      method: 'GET',
      url: '/console/leads',
      headers: { cookie, 'hx-request': 'true' },
    });
    expect(partial.statusCode).toBe(401);
    expect(partial.body).toContain('sign in again');
  });

  it('sets the session cookie Secure, HttpOnly and SameSite=Lax in production, and not Secure in development', async () => {
    await start({ NODE_ENV: 'production' });
    const prod = await signIn(bot, ADMIN, PASSWORD);
    expect(prod.status).toBe(303);
    const attrs = (c: string | undefined) => (c ?? '').split(';').map((a) => a.trim().toLowerCase());
    expect(attrs(prod.cookies.get('nexora_console'))).toEqual(
      expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/console']),
    );
    await bot.stop();

    await start({ NODE_ENV: 'development' });
    const dev = await signIn(bot, ADMIN, PASSWORD);
    expect(dev.status).toBe(303);
    expect(attrs(dev.cookies.get('nexora_console'))).toEqual(expect.arrayContaining(['httponly', 'samesite=lax']));
    expect(attrs(dev.cookies.get('nexora_console'))).not.toContain('secure');
  });
});
