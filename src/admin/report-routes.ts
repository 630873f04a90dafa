import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { getStats } from '../ops/get-stats.js';
import { leadsCsvStream } from '../ops/leads-csv.js';
import { requireLeadInterest } from '../ops/lead-interests.js';
import { iterateLeads, listLeads, type LeadFilter } from '../ops/list-leads.js';
import { errorResponses, leadsQuery, leadsResponse, statsQuery, statsResponse } from './admin-schemas.js';

interface LeadsQuery {
  since?: string;
  until?: string;
  interest?: string;
  source?: string;
  format: 'json' | 'csv';
  limit: number;
  offset: number;
}

/** `2024-02-01` is midnight UTC; a date-time keeps its own offset. */
function toMs(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new AppError('VALIDATION_FAILED', `${field} is not a date`, { field });
  return ms;
}

/** GET stats, GET leads (JSON pages, or the whole filtered list streamed as CSV). */
export async function reportRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get<{ Querystring: { days: number } }>(
    '/stats',
    {
      schema: {
        summary: 'Activity over the last days, opted-out users and the backlog',
        querystring: statsQuery,
        response: { 200: statsResponse, ...errorResponses(400) },
      },
    },
    async (req) => getStats(deps.db, { days: req.query.days }, deps.clock.now()),
  );

  app.get<{ Querystring: LeadsQuery }>(
    '/leads',
    {
      schema: {
        summary: 'Leads, newest first, paginated; format=csv streams every matching lead as CSV (limit/offset ignored)',
        querystring: leadsQuery,
        response: { 200: leadsResponse, ...errorResponses(400) },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const since = toMs(q.since, 'since');
      const until = toMs(q.until, 'until');
      const filter: LeadFilter = {
        ...(since !== undefined && { since }),
        ...(until !== undefined && { until }),
        ...(q.interest && { interest: await requireLeadInterest(deps.db, q.interest) }),
        ...(q.source && { source: q.source }),
      };
      if (q.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="leads.csv"')
          .send(leadsCsvStream(iterateLeads(deps.db, filter)));
      }
      return listLeads(deps.db, { ...filter, limit: q.limit, offset: q.offset });
    },
  );
}
