import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { INBOX, inboxPlugin } from '../inbox/inbox-plugin.js';
import { clientErrorOf } from '../error-reply.js';
import { authRoutes, SESSION_COOKIE } from './auth/auth-routes.js';
import { cannedReplyPages } from './pages/canned-replies.js';
import { csrfMatches } from './auth/guard.js';
import { findSession } from './auth/sessions.js';
import { format } from './format.js';
import { cataloguePages } from './pages/catalogue.js';
import { dashboardPages } from './pages/dashboard.js';
import { leadPages } from './pages/leads.js';
import { conversationPages } from './pages/conversations.js';
import { mediaPages } from './pages/media.js';
import { operatorPages } from './pages/operators.js';
import { peoplePages } from './pages/people.js';

const VIEWS = fileURLToPath(new URL('./views', import.meta.url));
const require = createRequire(import.meta.url);

/** Files the console serves: ours, and htmx straight from its package (no CDN). Read once. */
const ASSETS: Record<string, { type: string; body: Buffer }> = {
  'console.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(new URL('./assets/console.css', import.meta.url)),
  },
  'console.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(new URL('./assets/console.js', import.meta.url)),
  },
  'dashboard-chart.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(new URL('./assets/dashboard-chart.js', import.meta.url)),
  },
  'htmx.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')),
  },
  // The dashboard's chart library, from its package (pinned in package.json).
  'uPlot.iife.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js')),
  },
  'uPlot.min.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(require.resolve('uplot/dist/uPlot.min.css')),
  },
};

/** No inline script or style anywhere, nothing from another origin, no framing. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const PUBLIC = new Set(['/console/login']);

/** The operator console under /console: its own scope, its own parsers, templates, auth and headers. */
export async function consolePlugin(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(cookie);
  await app.register(formbody);
  await app.register(view, {
    engine: { eta: new Eta({ views: VIEWS, autoEscape: true }) },
    root: VIEWS,
    defaultContext: { format, scripts: [], styles: [] },
  });
  app.decorateRequest('consoleSession', null);

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cache-control', 'no-store');
    return payload;
  });
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (PUBLIC.has(path) || path.startsWith('/console/assets/')) return;
    const id = req.cookies[SESSION_COOKIE];
    req.consoleSession = id ? await findSession(deps.db, id, deps.clock.now()) : null;
    if (req.consoleSession) return;
    if (req.method === 'GET' && !req.headers['hx-request']) return reply.redirect('/console/login', 303);
    return reply.code(401).type('text/plain').send('Your session has ended: sign in again.');
  });
  // Every state-changing request carries the session's CSRF token (form field or header).
  app.addHook('preHandler', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !req.consoleSession) return;
    const body = req.body as Record<string, unknown> | undefined;
    const given = body?._csrf ?? req.headers['x-csrf-token'];
    if (!csrfMatches(req.consoleSession.csrfToken, given)) {
      return reply.code(403).view('error.eta', {
        title: 'Request refused',
        message: 'This form has expired or did not come from the console. Reload the page and try again.',
        session: req.consoleSession,
      });
    }
  });
  app.setErrorHandler(async (err, req: FastifyRequest, reply: FastifyReply) => {
    // The same words as the API and the CLI (error-reply.ts), never Fastify's or Ajv's, as a page.
    const known = clientErrorOf(err);
    const status = known?.status ?? 500;
    if (status >= 500) req.log.error({ err }, 'console error');
    const message =
      status >= 500 || !known
        ? 'Something went wrong on our side; nothing was changed. Try again.'
        : known.body.message;
    return reply.code(status).view('error.eta', { title: 'Could not do that', message, session: req.consoleSession });
  });

  app.get<{ Params: { file: string } }>('/console/assets/:file', async (req, reply) => {
    const asset = ASSETS[req.params.file];
    if (!asset) return reply.code(404).type('text/plain').send('no such file');
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
  app.get('/console', async (_req, reply) => reply.redirect('/console/dashboard', 303));
  authRoutes(app, deps);
  dashboardPages(app, deps);
  leadPages(app, deps);
  cataloguePages(app, deps);
  conversationPages(app, deps);
  mediaPages(app, deps);
  // The agent inbox: its own folder and route scope, inside the console's sign-in and CSRF checks.
  await app.register(inboxPlugin, { prefix: INBOX, deps });
  peoplePages(app, deps);
  operatorPages(app, deps);
  cannedReplyPages(app, deps);
}
