import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { getDashboard } from '../ops/dashboard.js';
import { resolvePeriod, type PeriodChoice } from '../ops/dashboard-period.js';
import { addLeadNote, assignLead, getLead, setLeadStatus } from '../ops/lead-work.js';
import { LEAD_STATUSES } from '../store/schema.js';
import { BODY_FAILURES, errorResponses } from './admin-schemas.js';

/** The admin token is one shared identity: lead changes made through the API are recorded as 'api'. */
const API_ACTOR = 'api';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

interface DashboardQuery {
  period: 'today' | '7d' | '30d' | 'custom';
  from?: string;
  to?: string;
}

function periodChoice(q: DashboardQuery): PeriodChoice {
  return q.period === 'custom' ? { from: q.from ?? '', to: q.to ?? '' } : q.period;
}

/** GET dashboard; GET a lead with its score, notes and history; change its status, assignee, notes. */
export function leadRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: DashboardQuery }>(
    '/dashboard',
    {
      schema: {
        summary: 'The dashboard figures for a period (period=custom takes from/to as YYYY-MM-DD, UTC days)',
        querystring: {
          type: 'object',
          properties: {
            period: { type: 'string', enum: ['today', '7d', '30d', 'custom'], default: '7d' },
            from: { type: 'string' },
            to: { type: 'string' },
          },
          additionalProperties: false,
        },
        response: errorResponses(400),
      },
    },
    async (req) => getDashboard(deps.db, resolvePeriod(periodChoice(req.query), deps.clock.now())),
  );

  app.get<{ Params: { id: number } }>(
    '/leads/:id',
    {
      schema: {
        summary: 'One lead: contact data, score with reasons, status, assignee, notes, history',
        params: idParams,
        response: errorResponses(400, 404),
      },
    },
    async (req) => getLead(deps.db, req.params.id),
  );

  app.put<{ Params: { id: number }; Body: { status: string } }>(
    '/leads/:id/status',
    {
      schema: {
        summary: 'Set the lead status',
        params: idParams,
        body: {
          type: 'object',
          required: ['status'],
          properties: { status: { type: 'string', enum: [...LEAD_STATUSES] } },
          additionalProperties: false,
        },
        response: errorResponses(...BODY_FAILURES, 404),
      },
    },
    async (req) =>
      setLeadStatus(deps.db, { id: req.params.id, status: req.body.status, actor: API_ACTOR, now: deps.clock.now() }),
  );

  app.put<{ Params: { id: number }; Body: { assigneeId: string | null } }>(
    '/leads/:id/assignee',
    {
      schema: {
        summary: 'Assign the lead to an operator id, or null to unassign',
        params: idParams,
        body: {
          type: 'object',
          required: ['assigneeId'],
          properties: { assigneeId: { type: ['string', 'null'], maxLength: 64 } },
          additionalProperties: false,
        },
        response: errorResponses(...BODY_FAILURES, 404),
      },
    },
    async (req) =>
      assignLead(deps.db, {
        id: req.params.id,
        assigneeId: req.body.assigneeId,
        actor: API_ACTOR,
        now: deps.clock.now(),
      }),
  );

  app.post<{ Params: { id: number }; Body: { text: string } }>(
    '/leads/:id/notes',
    {
      schema: {
        summary: 'Add a timestamped note to the lead',
        params: idParams,
        body: {
          type: 'object',
          required: ['text'],
          properties: { text: { type: 'string' } },
          additionalProperties: false,
        },
        response: errorResponses(...BODY_FAILURES, 404),
      },
    },
    async (req, reply) => {
      const lead = await addLeadNote(deps.db, {
        id: req.params.id,
        text: req.body.text,
        actor: API_ACTOR,
        now: deps.clock.now(),
      });
      return reply.code(201).send(lead);
    },
  );
}
