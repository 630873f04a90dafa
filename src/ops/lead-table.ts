// The console's leads table: search, filters, sorting and one page of rows. Input arrives as
// query-string text, so parsing and validation live here too (a bad filter is a 400, never a 500).
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { AppError } from '../errors.js';
import { LEAD_STATUSES, type Database, type LeadStatus } from '../store/schema.js';
import { resolvePeriod } from './dashboard-period.js';
import { sourceIs } from './list-leads.js';
import { iso } from './require-phone.js';

export { LEAD_STATUSES };

export const LEAD_SORTS = ['newest', 'oldest', 'score_desc', 'score_asc', 'name_asc', 'name_desc'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
export const LEAD_PAGE_SIZE = 25;

export interface LeadTableQuery {
  /** Part of the name, e-mail or phone (digits). */
  q: string;
  /** Epoch ms, inclusive / exclusive (whole UTC days). */
  since: number | null;
  until: number | null;
  interest: string;
  status: LeadStatus | null;
  minScore: number | null;
  maxScore: number | null;
  /** `ad <headline>` or `direct`; '' for any source. */
  source: string;
  /** An operator id, 'none' for unassigned, '' for anyone. */
  assignee: string;
  sort: LeadSort;
  page: number;
}

export interface LeadTableRow {
  id: number;
  phone: string;
  name: string | null;
  email: string | null;
  interest: string | null;
  budget: number | null;
  status: LeadStatus;
  score: number;
  assigneeId: string | null;
  createdAt: string;
  /** `ad <headline>` or `direct`. */
  source: string;
  sourceId: string | null;
}

export interface LeadTable {
  rows: LeadTableRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

const text = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

function scoreOf(v: unknown, name: string, field: string): number | null {
  const t = text(v, 10);
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isInteger(n) || n < 0 || n > 100)
    throw new AppError('VALIDATION_FAILED', `${name} must be a whole number from 0 to 100`, { field });
  return n;
}

/** One whole UTC day typed as YYYY-MM-DD, the error naming the field it came from. */
function oneDay(day: string, field: 'from' | 'to', now: number) {
  try {
    return resolvePeriod({ from: day, to: day }, now);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError('VALIDATION_FAILED', `${field} must be a date as YYYY-MM-DD`, { field, cause: err });
  }
}

/** The table's query from the request's query string; unknown or empty fields mean "no filter". */
export function parseLeadTableQuery(raw: Record<string, unknown>, now: number): LeadTableQuery {
  const from = text(raw.from, 10);
  const to = text(raw.to, 10);
  // Each end on its own (either may be left open), validated as a whole UTC day.
  const since = from ? oneDay(from, 'from', now).since : null;
  const until = to ? oneDay(to, 'to', now).until : null;
  if (since !== null && until !== null && until <= since)
    throw new AppError('VALIDATION_FAILED', 'the period must end on or after its first day', { field: 'to' });
  const status = text(raw.status, 20);
  if (status && !LEAD_STATUSES.includes(status as LeadStatus))
    throw new AppError('VALIDATION_FAILED', `status must be one of: ${LEAD_STATUSES.join(', ')}`, { field: 'status' });
  const sort = text(raw.sort, 20) || 'newest';
  if (!LEAD_SORTS.includes(sort as LeadSort))
    throw new AppError('VALIDATION_FAILED', `sort must be one of: ${LEAD_SORTS.join(', ')}`, { field: 'sort' });
  const assignee = text(raw.assignee, 20);
  if (assignee && assignee !== 'none' && !/^\d+$/.test(assignee))
    throw new AppError('VALIDATION_FAILED', 'assignee must be an operator id or "none"', { field: 'assignee' });
  const page = Number(text(raw.page, 6) || '1');
  return {
    q: text(raw.q),
    since,
    until,
    interest: text(raw.interest),
    source: text(raw.source, 300),
    status: (status || null) as LeadStatus | null,
    minScore: scoreOf(raw.min_score, 'minimum score', 'min_score'),
    maxScore: scoreOf(raw.max_score, 'maximum score', 'max_score'),
    assignee,
    sort: sort as LeadSort,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

const escapeLike = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered<O>(qb: SelectQueryBuilder<Database, 'whatsapp_leads', O>, f: LeadTableQuery) {
  let q = qb;
  if (f.q) {
    const like = escapeLike(f.q);
    const digits = f.q.replace(/\D/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`lower(coalesce(name, ''))`, 'like', sql<string>`${like} escape '\\'`),
        eb(sql<string>`lower(coalesce(email, ''))`, 'like', sql<string>`${like} escape '\\'`),
        ...(digits.length >= 3 ? [eb('phone', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  if (f.since !== null) q = q.where('created_at', '>=', f.since);
  if (f.until !== null) q = q.where('created_at', '<', f.until);
  if (f.interest) q = q.where((eb) => eb(eb.fn('lower', ['interest']), '=', f.interest.toLowerCase()));
  if (f.source) q = q.where(sourceIs(f.source));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.minScore !== null) q = q.where('score', '>=', f.minScore);
  if (f.maxScore !== null) q = q.where('score', '<=', f.maxScore);
  if (f.assignee === 'none') q = q.where('assignee_id', 'is', null);
  else if (f.assignee) q = q.where('assignee_id', '=', f.assignee);
  return q;
}

function sorted<O>(qb: SelectQueryBuilder<Database, 'whatsapp_leads', O>, sort: LeadSort) {
  switch (sort) {
    case 'newest':
      return qb.orderBy('created_at', 'desc').orderBy('id', 'desc');
    case 'oldest':
      return qb.orderBy('created_at', 'asc').orderBy('id', 'asc');
    case 'score_desc':
      return qb.orderBy('score', 'desc').orderBy('id', 'desc');
    case 'score_asc':
      return qb.orderBy('score', 'asc').orderBy('id', 'asc');
    // Leads without a name sort last either way.
    case 'name_asc':
      return qb.orderBy(sql`coalesce(lower(name), '~')`, 'asc').orderBy('id', 'asc');
    case 'name_desc':
      return qb.orderBy(sql`coalesce(lower(name), '')`, 'desc').orderBy('id', 'desc');
  }
}

/** One page of the leads table and how many leads match in all. */
export async function leadTable(
  db: Kysely<Database>,
  f: LeadTableQuery,
  pageSize = LEAD_PAGE_SIZE,
): Promise<LeadTable> {
  const count = await filtered(
    db.selectFrom('whatsapp_leads').select((eb) => eb.fn.countAll<number>().as('n')),
    f,
  ).executeTakeFirstOrThrow();
  const total = Number(count.n);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pages);
  const rows = await sorted(
    filtered(
      db
        .selectFrom('whatsapp_leads')
        .select([
          'id',
          'phone',
          'name',
          'email',
          'interest',
          'budget',
          'status',
          'score',
          'assignee_id',
          'created_at',
          'source',
          'source_id',
        ]),
      f,
    ),
    f.sort,
  )
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      phone: r.phone,
      name: r.name,
      email: r.email,
      interest: r.interest,
      budget: r.budget === null ? null : Number(r.budget),
      status: r.status,
      score: Number(r.score),
      assigneeId: r.assignee_id,
      createdAt: iso(Number(r.created_at))!,
      source: r.source ?? 'direct',
      sourceId: r.source_id ?? null,
    })),
    total,
    page,
    pages,
    pageSize,
  };
}

/** The interests leads have named, for the filter's choices. */
export async function leadInterests(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('whatsapp_leads')
    .select('interest')
    .distinct()
    .where('interest', 'is not', null)
    .orderBy('interest')
    .limit(100)
    .execute();
  return rows.map((r) => r.interest!).filter((s) => s.length > 0);
}

/** The sources leads came from (`ad <headline>`, `direct`), for the filter's choices. */
export async function leadSourceChoices(db: Kysely<Database>): Promise<string[]> {
  const source = sql<string>`coalesce(source, 'direct')`;
  const rows = await db
    .selectFrom('whatsapp_leads')
    .select(source.as('source'))
    .distinct()
    .orderBy(source)
    .limit(100)
    .execute();
  return rows.map((r) => r.source);
}
