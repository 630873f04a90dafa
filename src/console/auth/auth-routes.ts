import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { verifyOperatorPassword } from '../../ops/operators.js';
import { csrfMatches, sessionOf } from './guard.js';
import { clearAccountFailures, loginBlocked, recordLoginFailure } from './login-limiter.js';
import { createSession, endSession } from './sessions.js';

export const SESSION_COOKIE = 'nexora_console';
/** Before a session exists, the login form is protected by a double-submit token in its own cookie. */
const LOGIN_CSRF_COOKIE = 'nexora_login_csrf';

interface LoginBody {
  email?: string;
  password?: string;
  _csrf?: string;
}

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const secure = deps.config.env === 'production';
  const cookieOpts = { path: '/console', httpOnly: true, sameSite: 'lax' as const, secure };

  const loginPage = (email: string, error: string | null) => {
    const token = randomBytes(24).toString('base64url');
    return { token, data: { title: 'Sign in', csrf: token, email, error, session: null } };
  };

  app.get('/console/login', async (_req, reply) => {
    const { token, data } = loginPage('', null);
    return reply.setCookie(LOGIN_CSRF_COOKIE, token, cookieOpts).view('login.eta', data);
  });

  app.post<{ Body: LoginBody }>('/console/login', async (req, reply) => {
    const email = String(req.body.email ?? '').trim();
    const password = String(req.body.password ?? '');
    const again = (code: number, error: string) => {
      const { token, data } = loginPage(email, error);
      return reply.code(code).setCookie(LOGIN_CSRF_COOKIE, token, cookieOpts).view('login.eta', data);
    };
    const expected = req.cookies[LOGIN_CSRF_COOKIE];
    if (!expected || !csrfMatches(expected, req.body._csrf)) {
      return again(403, 'The sign-in form had expired. Please try again.');
    }
    if (!email || !password) return again(400, 'Enter your e-mail address and your password.');
    const now = deps.clock.now();
    if (await loginBlocked(deps.db, email, req.ip, now)) {
      return again(429, 'Too many failed attempts. Wait 15 minutes, or ask an admin to reset your password.');
    }
    const operator = await verifyOperatorPassword(deps.db, email, password);
    if (!operator) {
      await recordLoginFailure(deps.db, email, req.ip, now);
      req.log.info({ event: 'console_login_failed' }, 'console sign-in refused');
      return again(401, 'That e-mail address and password do not match an active operator.');
    }
    await clearAccountFailures(deps.db, email);
    await deps.db.updateTable('console_operators').set({ last_login_at: now }).where('id', '=', operator.id).execute();
    const id = await createSession(deps.db, Number(operator.id), now);
    req.log.info({ event: 'console_login', operatorId: Number(operator.id) }, 'operator signed in');
    return reply
      .clearCookie(LOGIN_CSRF_COOKIE, cookieOpts)
      .setCookie(SESSION_COOKIE, id, cookieOpts)
      .redirect('/console/conversations', 303);
  });

  app.post('/console/logout', async (req, reply) => {
    await endSession(deps.db, sessionOf(req).idHash);
    return reply.clearCookie(SESSION_COOKIE, cookieOpts).redirect('/console/login', 303);
  });
}
