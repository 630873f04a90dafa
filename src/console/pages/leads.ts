import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { operatorActor, recordAudit } from '../../ops/audit.js';
import { addLeadNote, assignLead, getLead, NOTE_MAX_CHARS, setLeadStatus } from '../../ops/lead-work.js';
import {
  LEAD_SORTS,
  LEAD_STATUSES,
  leadInterests,
  leadSourceChoices,
  leadTable,
  parseLeadTableQuery,
} from '../../ops/lead-table.js';
import { leadsCsvStream } from '../../ops/leads-csv.js';
import { iterateLeads } from '../../ops/list-leads.js';
import { listOperators, type OperatorView } from '../../ops/operators.js';
import { hasRole, requireRole, sessionOf } from '../auth/guard.js';
import { describeEvent } from '../lead-history.js';

const SORT_LABELS: Record<(typeof LEAD_SORTS)[number], string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  score_desc: 'Highest score',
  score_asc: 'Lowest score',
  name_asc: 'Name A–Z',
  name_desc: 'Name Z–A',
};

type Field = 'status' | 'assignee' | 'note';
type Query = Record<string, string | undefined>;

function leadId(raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', 'no such lead');
  return id;
}

/** Display names by operator id, as the assignee column ("7") and as actors ("operator:7") spell it. */
const operatorNames = (ops: OperatorView[]) =>
  new Map(
    ops.flatMap((o) => [[String(o.id), o.display_name] as const, [operatorActor(o.id), o.display_name] as const]),
  );

/** The query string without `page`, for the pager and sort links. */
function queryWithout(q: Query, drop: string): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (k !== drop && v) p.set(k, v);
  return p.toString();
}

/** The leads table, one lead's page, and the edits a consultant or admin makes there. */
export function leadPages(app: FastifyInstance, deps: Deps): void {
  const consultant = { preHandler: requireRole('consultant') };

  app.get<{ Querystring: Query }>('/console/leads', async (req, reply) => {
    const session = sessionOf(req);
    const query = parseLeadTableQuery(req.query, deps.clock.now());
    const [table, operators, interests, sources] = await Promise.all([
      leadTable(deps.db, query),
      listOperators(deps.db),
      leadInterests(deps.db),
      leadSourceChoices(deps.db),
    ]);
    const data = {
      title: 'Leads',
      nav: '/console/leads',
      session,
      query,
      raw: req.query,
      table,
      operators,
      names: operatorNames(operators),
      interests,
      sources,
      statuses: LEAD_STATUSES,
      sorts: LEAD_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] })),
      pageLink: queryWithout(req.query, 'page'),
      csvLink: new URLSearchParams(
        Object.entries({
          from: req.query.from,
          to: req.query.to,
          interest: req.query.interest,
          source: req.query.source,
        }).filter((e): e is [string, string] => Boolean(e[1])),
      ).toString(),
      canExport: hasRole(session, 'admin'),
    };
    // htmx asks for the results only; a history restore (back button) needs the whole page.
    if (req.headers['hx-request'] && !req.headers['hx-history-restore-request'])
      return reply.view('partials/lead-results.eta', data);
    return reply.view('leads.eta', data);
  });

  // The same CSV as `GET /admin/api/leads?format=csv` and `leads --csv` (date, interest and source filters),
  // admin only: it is an export of personal data, so it is audited.
  app.get<{ Querystring: Query }>('/console/leads.csv', { preHandler: requireRole('admin') }, async (req, reply) => {
    const session = sessionOf(req);
    const q = parseLeadTableQuery(req.query, deps.clock.now());
    const filter = {
      ...(q.since !== null && { since: q.since }),
      ...(q.until !== null && { until: q.until }),
      ...(q.interest && { interest: q.interest }),
      ...(q.source && { source: q.source }),
    };
    await recordAudit(
      deps.db,
      { operatorId: Number(session.operator.id), action: 'export_leads', subject: JSON.stringify(filter) },
      deps.clock.now(),
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="leads.csv"')
      .send(leadsCsvStream(iterateLeads(deps.db, filter)));
  });

  async function showLead(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { errors?: Partial<Record<Field, string>>; notice?: string | null; note?: string } = {},
  ) {
    const session = sessionOf(req);
    const [lead, operators] = await Promise.all([getLead(deps.db, id), listOperators(deps.db)]);
    const names = operatorNames(operators);
    return reply.view('lead.eta', {
      title: lead.name ? `Lead: ${lead.name}` : `Lead ${lead.id}`,
      nav: '/console/leads',
      session,
      lead,
      operators: operators.filter((o) => !o.disabled || String(o.id) === lead.assigneeId),
      assigneeName: lead.assigneeId ? (names.get(lead.assigneeId) ?? `operator ${lead.assigneeId}`) : null,
      history: lead.history.map((e) => ({ at: e.at, ...describeEvent(e, names) })),
      notes: lead.notesByOperator.map((n) => ({ ...n, by: names.get(n.operator) ?? n.operator })),
      statuses: LEAD_STATUSES,
      canEdit: hasRole(session, 'consultant'),
      noteMax: NOTE_MAX_CHARS,
      errors: extra.errors ?? {},
      notice: extra.notice ?? null,
      note: extra.note ?? '',
    });
  }

  const NOTICES: Record<string, string> = {
    status: 'Status saved.',
    assignee: 'Assignee saved.',
    note: 'Note added.',
  };

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/console/leads/:id', async (req, reply) => {
    const session = sessionOf(req);
    const id = leadId(req.params.id);
    const page = await showLead(req, reply, id, { notice: NOTICES[req.query.saved ?? ''] ?? null });
    await recordAudit(
      deps.db,
      { operatorId: Number(session.operator.id), action: 'view_lead', subject: String(id) },
      deps.clock.now(),
    );
    return page;
  });

  /** Runs one edit; a refused value shows the page again with the reason next to its field. */
  function edit<B>(field: Field, run: (id: number, body: B, actor: string) => Promise<unknown>) {
    return async (req: FastifyRequest<{ Params: { id: string }; Body: B }>, reply: FastifyReply) => {
      const id = leadId(req.params.id);
      const actor = operatorActor(Number(sessionOf(req).operator.id));
      try {
        await run(id, req.body as B, actor);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
        const body = req.body as { text?: unknown };
        reply.code(400);
        return showLead(req, reply, id, {
          errors: { [field]: err.message },
          note: typeof body.text === 'string' ? body.text : '',
        });
      }
      return reply.redirect(`/console/leads/${id}?saved=${field}`, 303);
    };
  }

  app.post<{ Params: { id: string }; Body: { status?: string } }>(
    '/console/leads/:id/status',
    consultant,
    edit<{ status?: string }>('status', (id, body, actor) =>
      setLeadStatus(deps.db, { id, status: String(body.status ?? ''), actor, now: deps.clock.now() }),
    ),
  );
  app.post<{ Params: { id: string }; Body: { assignee?: string } }>(
    '/console/leads/:id/assignee',
    consultant,
    edit<{ assignee?: string }>('assignee', (id, body, actor) => {
      const to = String(body.assignee ?? '');
      return assignLead(deps.db, { id, assigneeId: to === '' ? null : to, actor, now: deps.clock.now() });
    }),
  );
  app.post<{ Params: { id: string }; Body: { text?: string } }>(
    '/console/leads/:id/notes',
    consultant,
    edit<{ text?: string }>('note', (id, body, actor) =>
      addLeadNote(deps.db, { id, text: String(body.text ?? ''), actor, now: deps.clock.now() }),
    ),
  );
}
