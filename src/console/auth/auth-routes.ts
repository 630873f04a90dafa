import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { AggregateLog } from '../../lib/aggregate-log.js';
import {
  clearFailuresAfterSignIn,
  DEVICE_TRUST_MS,
  issueDeviceCookie,
  loginGate,
  recordLoginFailure,
} from '../../ops/login-limiter.js';
import { verifyOperatorPassword } from '../../ops/operators.js';
import { csrfMatches, sessionOf } from './guard.js';
import { createSession, endSession } from './sessions.js';

export const SESSION_COOKIE = 'nexora_console';
/** Before a session exists, the login form is protected by a double-submit token in its own cookie. */
const LOGIN_CSRF_COOKIE = 'nexora_login_csrf';
/** Marks a browser that signed in to an account before (ops/login-limiter.ts): only the login form reads it. */
export const DEVICE_COOKIE = 'nexora_device';
/**
 * The sign-in form is public, so its body is bounded well below the app's 1 MB: an e-mail, a
 * password of at most 1,024 characters (percent-encoded, up to 12 bytes each) and a token fit.
 */
export const LOGIN_BODY_LIMIT = 16 * 1024;

interface LoginBody {
  email?: string;
  password?: string;
  _csrf?: string;
}

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  // Refused sign-ins are logged in aggregate (the first at once, then counts at most once a minute):
  // a guesser cannot write a log line per attempt, and the account tried is never named.
  const refusedSignIns = new AggregateLog('console: sign-ins refused', () => deps.clock.now());
  app.addHook('onClose', async () => refusedSignIns.close());
  const secure = deps.config.env === 'production';
  const cookieOpts = { path: '/console', httpOnly: true, sameSite: 'lax' as const, secure };
  const deviceCookieOpts = {
    path: '/console/login',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure,
    maxAge: DEVICE_TRUST_MS / 1000,
  };

  const loginPage = (email: string, error: string | null) => {
    const token = randomBytes(24).toString('base64url');
    return { token, data: { title: 'Sign in', csrf: token, email, error, session: null } };
  };

  app.get('/console/login', async (_req, reply) => {
    const { token, data } = loginPage('', null);
    return reply.setCookie(LOGIN_CSRF_COOKIE, token, cookieOpts).view('login.eta', data);
  });

  app.post<{ Body: LoginBody | undefined }>('/console/login', { bodyLimit: LOGIN_BODY_LIMIT }, async (req, reply) => {
    // No body at all (no Content-Type) is a form without fields, refused below, not a 500.
    const body: LoginBody = req.body ?? {};
    const email = String(body.email ?? '').trim();
    const password = String(body.password ?? '');
    const again = (code: number, error: string) => {
      const { token, data } = loginPage(email, error);
      return reply.code(code).setCookie(LOGIN_CSRF_COOKIE, token, cookieOpts).view('login.eta', data);
    };
    const expected = req.cookies[LOGIN_CSRF_COOKIE];
    if (!expected || !csrfMatches(expected, body._csrf)) {
      return again(403, 'The sign-in form had expired. Please try again.');
    }
    if (!email || !password) return again(400, 'Enter your e-mail address and your password.');
    const now = deps.clock.now();
    const gate = await loginGate(deps.db, email, req.ip, req.cookies[DEVICE_COOKIE], now);
    if (gate.blocked) {
      refusedSignIns.record(req.log, 'blocked', req.ip, 'POST /console/login');
      return again(429, 'Too many failed attempts. Wait 15 minutes, or ask an admin to reset your password.');
    }
    const operator = await verifyOperatorPassword(deps.db, email, password);
    if (!operator) {
      await recordLoginFailure(deps.db, gate, email, req.ip, now);
      refusedSignIns.record(req.log, gate.device ? 'failedOnTrustedDevice' : 'failed', req.ip, 'POST /console/login');
      return again(401, 'That e-mail address and password do not match an active operator.');
    }
    await clearFailuresAfterSignIn(deps.db, gate, email);
    await deps.db.updateTable('console_operators').set({ last_login_at: now }).where('id', '=', operator.id).execute();
    const id = await createSession(deps.db, Number(operator.id), now);
    req.log.info({ event: 'console_login', operatorId: Number(operator.id) }, 'operator signed in');
    return reply
      .clearCookie(LOGIN_CSRF_COOKIE, cookieOpts)
      .setCookie(DEVICE_COOKIE, await issueDeviceCookie(deps.db, operator.email, now), deviceCookieOpts)
      .setCookie(SESSION_COOKIE, id, cookieOpts)
      .redirect('/console/dashboard', 303);
  });

  app.post('/console/logout', async (req, reply) => {
    await endSession(deps.db, sessionOf(req).idHash);
    return reply.clearCookie(SESSION_COOKIE, cookieOpts).redirect('/console/login', 303);
  });
}
