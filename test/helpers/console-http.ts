// Signing in to the console over HTTP (app.inject) as a browser does: the login form's double-submit
// token, then e-mail and password. For tests of console routes that need no real browser.
import type { TestBot } from './test-bot.js';

function setCookies(headers: Record<string, unknown>): string[] {
  const raw = headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

/** The `name=value` part of the Set-Cookie named `name`, or ''. */
function cookiePair(headers: Record<string, unknown>, name: string): string {
  return (
    setCookies(headers)
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0] ?? ''
  );
}

/** Signs in and returns the Cookie header for the signed-in session (throws when sign-in fails). */
export async function consoleCookie(bot: TestBot, email: string, password: string): Promise<string> {
  const form = await bot.runtime.app.inject({ method: 'GET', url: '/console/login' });
  const loginCsrf = cookiePair(form.headers, 'nexora_login_csrf');
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const res = await bot.runtime.app.inject({
    method: 'POST',
    url: '/console/login',
    headers: { cookie: loginCsrf },
    payload: { email, password, _csrf: token },
  });
  const session = cookiePair(res.headers, 'nexora_console');
  if (session === '') throw new Error(`console sign-in failed: ${res.statusCode}`);
  return session;
}
