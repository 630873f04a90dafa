import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { getDashboard } from '../../ops/dashboard.js';
import { resolvePeriod, type PeriodChoice } from '../../ops/dashboard-period.js';
import { getSendingState } from '../../ops/sending-state.js';
import { sessionOf } from '../auth/guard.js';

interface DashboardQuery {
  period?: string;
  from?: string;
  to?: string;
}

export const PERIODS = [
  { value: 'today', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom range' },
] as const;

const FUNNEL_LABELS: Record<string, string> = {
  first_message: 'Sent a first message',
  chose_option: 'Chose a menu option',
  started_form: 'Started the consultant form',
  became_lead: 'Became a lead',
};

const BREAKER_WORDS: Record<string, string> = {
  closed: 'closed: sending normally',
  open: 'open: sending is held back after repeated failures',
  half_open: 'half-open: trying one message to see whether Meta accepts again',
};

function choiceOf(q: DashboardQuery): { choice: PeriodChoice; period: string; from: string; to: string } {
  const period = PERIODS.some((p) => p.value === q.period) ? String(q.period) : '7d';
  const from = String(q.from ?? '').slice(0, 10);
  const to = String(q.to ?? '').slice(0, 10);
  const choice: PeriodChoice = period === 'custom' ? { from, to } : (period as 'today' | '7d' | '30d');
  return { choice, period, from, to };
}

/** The dashboard: the period's figures from ops/dashboard.ts and the sender's state, for every role. */
export function dashboardPages(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: DashboardQuery }>('/console/dashboard', async (req, reply) => {
    const session = sessionOf(req);
    const now = deps.clock.now();
    const asked = choiceOf(req.query);
    let error: string | null = null;
    let period;
    try {
      period = resolvePeriod(asked.choice, now);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // The form is shown again with the reason next to the dates; the figures are the last 7 days.
      error = `The custom range was not used: ${err.message}.`;
      period = resolvePeriod('7d', now);
      reply.code(400);
    }
    const [dashboard, sending] = await Promise.all([
      getDashboard(deps.db, period),
      getSendingState(deps.db, deps.config.whatsapp.sendRatePerSecond, now),
    ]);
    const chart = {
      days: dashboard.daily.map((d) => d.day),
      users: dashboard.daily.map((d) => d.newUsers),
      leads: dashboard.daily.map((d) => d.leads),
    };
    return reply.view('dashboard.eta', {
      title: 'Dashboard',
      nav: '/console/dashboard',
      scripts: ['uPlot.iife.min.js', 'dashboard-chart.js'],
      styles: ['uPlot.min.css'],
      session,
      d: dashboard,
      sending,
      asked,
      error,
      periods: PERIODS,
      funnelLabels: FUNNEL_LABELS,
      breakerWords: BREAKER_WORDS,
      // JSON inside <script type="application/json">: "<" is escaped so no text can close the element.
      chartJson: JSON.stringify(chart).replace(/</g, '\\u003c'),
      lastDay: new Date(period.until - 1).toISOString().slice(0, 10),
    });
  });
}
