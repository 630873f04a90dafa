// The hottest statements, written once as SQL text instead of built by Kysely on every call.
// The benchmark's profile had Kysely's query building (visitNode, freeze, parseRowValues) at about
// a tenth of the server's time under load, most of it on the few statements below, which run once
// or more per message. Their text never changes (a multi-row insert's text depends only on the row
// count), so it is built once and memoised; better-sqlite3's statements are cached by text in
// create-db.ts, PostgreSQL plans them like any other query. Results go through Kysely's executor,
// so transactions and connections are handled as everywhere else.
import { CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';
import type { Database, NewMessage, NewStatus } from './schema.js';

/** `?` placeholders, numbered `$1…` for PostgreSQL. The texts here never hold a literal `?`. */
class FixedSql {
  private readonly pg: string;
  constructor(readonly text: string) {
    let n = 0;
    this.pg = text.replace(/\?/g, () => `$${++n}`);
  }

  async rows<R>(db: Kysely<Database>, params: readonly unknown[]): Promise<R[]> {
    const result = await db.executeQuery<R>(
      CompiledQuery.raw(isPostgres(db) ? this.pg : this.text, params as unknown[]),
    );
    return result.rows;
  }
}

/** The columns of a new whatsapp_messages row, in insert order. */
const MESSAGE_COLUMNS = [
  'phone',
  'message',
  'direction',
  'timestamp',
  'message_id',
  'status',
  'type',
  'payload',
  'next_attempt_at',
  'locked_until',
  'error_code',
  'error_title',
  'reply_to',
  'created_at',
  'updated_at',
  'processed_at',
  'sent_at',
] as const satisfies readonly (keyof NewMessage)[];

/** The columns of a new whatsapp_statuses row, in insert order. */
const STATUS_COLUMNS = [
  'message_id',
  'status',
  'timestamp',
  'recipient_id',
  'error_code',
  'error_title',
  'payload',
  'created_at',
] as const satisfies readonly (keyof NewStatus)[];

/**
 * Rows per insert statement: a power of two up to this many. A group of n rows is written as
 * statements of 64, 32, … 1 rows (45 = 32 + 8 + 4 + 1), so each table has at most seven statement
 * texts, all prepared once and kept, instead of one per group size (each one a large prepared
 * statement held in the cache). 64 × 17 columns also stays far under the bound-parameter limits
 * (SQLite 32,766; PostgreSQL 65,535), so a webhook carrying thousands of items is simply more
 * statements.
 */
const MAX_ROWS_PER_INSERT = 64;
const inserts = new Map<string, FixedSql>();

function insertText(table: string, columns: readonly string[], rows: number, suffix: string): FixedSql {
  const key = `${table}:${rows}:${suffix}`;
  let q = inserts.get(key);
  if (!q) {
    const one = `(${columns.map(() => '?').join(', ')})`;
    q = new FixedSql(
      `insert into ${table} (${columns.join(', ')}) values ${Array(rows).fill(one).join(', ')}${suffix}`,
    );
    inserts.set(key, q); // bounded: a few tables × seven row counts × their suffixes
  }
  return q;
}

/** Inserts rows in chunks that respect MAX_PARAMS, in order; returns every chunk's result rows. */
async function insertRows<T, R>(
  db: Kysely<Database>,
  table: string,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
  suffix = '',
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length;) {
    let per = MAX_ROWS_PER_INSERT;
    while (per > rows.length - i) per >>= 1;
    const chunk = rows.slice(i, i + per);
    i += per;
    const params: unknown[] = [];
    for (const r of chunk) for (const c of columns) params.push(r[c] ?? null);
    out.push(...(await insertText(table, columns, chunk.length, suffix).rows<R>(db, params)));
  }
  return out;
}

/** Inserts message rows in the order given (their ids ascend in that order). */
export async function insertMessages(db: Kysely<Database>, rows: readonly NewMessage[]): Promise<void> {
  await insertRows(db, 'whatsapp_messages', MESSAGE_COLUMNS, rows);
}

/** Inserts inbound rows, skipping wamids already stored; returns the wamids this call stored. */
export async function insertNewInbound(db: Kysely<Database>, rows: readonly NewMessage[]): Promise<string[]> {
  const stored = await insertRows<NewMessage, { message_id: string }>(
    db,
    'whatsapp_messages',
    MESSAGE_COLUMNS,
    rows,
    ' on conflict (message_id) do nothing returning message_id',
  );
  return stored.map((r) => r.message_id);
}

/** Inserts status callbacks, skipping (wamid, status) pairs already stored; returns the pairs this call stored. */
export async function insertNewStatuses(
  db: Kysely<Database>,
  rows: readonly NewStatus[],
): Promise<{ message_id: string; status: string }[]> {
  return insertRows(
    db,
    'whatsapp_statuses',
    STATUS_COLUMNS,
    rows,
    ' on conflict (message_id, status) do nothing returning message_id, status',
  );
}

const SET_STATUS = new FixedSql(
  `update whatsapp_messages set status = ?, updated_at = ?,
   error_code = case when ? = 1 then ? else error_code end, error_title = case when ? = 1 then ? else error_title end
   where id = ?`,
);
const SET_STATUS_MANY_PG = new FixedSql(
  `update whatsapp_messages m set status = v.status, updated_at = ?,
   error_code = case when v.failed then v.code else m.error_code end, error_title = case when v.failed then v.title else m.error_title end
   from unnest(?::bigint[], ?::text[], ?::boolean[], ?::int[], ?::text[]) as v(id, status, failed, code, title)
   where m.id = v.id`,
);

export interface StatusWrite {
  id: number;
  status: string;
  /** Meta's error, written when the message went through `failed`. */
  failure: { code: number | null; title: string | null } | null;
}

/** Writes outbound rows' new statuses: one statement for the group on PostgreSQL, one cached statement per row on SQLite. */
export async function writeStatuses(db: Kysely<Database>, rows: readonly StatusWrite[], now: number): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    await SET_STATUS_MANY_PG.rows(db, [
      now,
      rows.map((r) => r.id),
      rows.map((r) => r.status),
      rows.map((r) => r.failure !== null),
      rows.map((r) => r.failure?.code ?? null),
      rows.map((r) => r.failure?.title ?? null),
    ]);
    return;
  }
  for (const r of rows) {
    const f = r.failure ? 1 : 0;
    await SET_STATUS.rows(db, [r.status, now, f, r.failure?.code ?? null, f, r.failure?.title ?? null, r.id]);
  }
}

const MARK_SENT_MANY_PG = new FixedSql(
  `update whatsapp_messages m set status = 'sent', message_id = v.wamid, locked_until = null, sent_at = ?, updated_at = ?, error_code = null, error_title = null
   from unnest(?::bigint[], ?::bigint[], ?::text[]) as v(id, lu, wamid)
   where m.id = v.id and m.locked_until = v.lu`,
);

/**
 * markSent for a group of results. PostgreSQL: one statement (one round trip instead of one per
 * row); SQLite: one cached statement per row, which costs microseconds in-process.
 */
export async function markSentMany(
  db: Kysely<Database>,
  rows: readonly { id: number; lockedUntil: number; wamid: string | null }[],
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    await MARK_SENT_MANY_PG.rows(db, [
      now,
      now,
      rows.map((r) => r.id),
      rows.map((r) => r.lockedUntil),
      rows.map((r) => r.wamid),
    ]);
    return;
  }
  for (const r of rows) await markSent(db, r.id, r.lockedUntil, r.wamid, now);
}

const MARK_SENT = new FixedSql(
  `update whatsapp_messages set status = 'sent', message_id = ?, locked_until = null, sent_at = ?, updated_at = ?, error_code = null, error_title = null
   where id = ? and locked_until = ?`,
);

/** Records a successful send on its row, only while the row's lease is still the one it was claimed with. */
export async function markSent(
  db: Kysely<Database>,
  id: number,
  lockedUntil: number,
  wamid: string | null,
  now: number,
): Promise<void> {
  await MARK_SENT.rows(db, [wamid, now, now, id, lockedUntil]);
}

const UPDATE_SESSION = new FixedSql(
  `update whatsapp_sessions set current_step = ?, metadata = ?, last_activity = ?, last_inbound_at = ?, updated_at = ?, is_active = 1,
   profile_name = coalesce(?, profile_name), bsuid = coalesce(?, bsuid), username = coalesce(?, username),
   language = coalesce(?, language)
   where id = ?`,
);

const UPDATE_SESSIONS_PG = new FixedSql(
  `update whatsapp_sessions s set current_step = v.step, metadata = v.metadata, last_activity = v.now, last_inbound_at = v.lia, updated_at = v.now,
   is_active = 1, profile_name = coalesce(v.pn, s.profile_name), bsuid = coalesce(v.bs, s.bsuid), username = coalesce(v.un, s.username),
   language = coalesce(v.lang, s.language)
   from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) as v(id, step, metadata, now, lia, pn, bs, un, lang)
   where s.id = v.id`,
);

export interface SessionAfterStep {
  id: number;
  step: string;
  metadata: string;
  now: number;
  lastInboundAt: number;
  profileName: string | null;
  bsuid: string | null;
  username: string | null;
  /** The language detected or chosen in this step; null keeps the stored one. */
  language: string | null;
}

/**
 * Writes sessions after a conversation step; a null profile name, bsuid, username or language keeps the stored one.
 * PostgreSQL: one statement for the group; SQLite: one cached statement per session.
 */
export async function updateSessionsAfterStep(
  db: Kysely<Database>,
  sessions: readonly SessionAfterStep[],
): Promise<void> {
  if (sessions.length === 0) return;
  if (isPostgres(db)) {
    const col = <K extends keyof SessionAfterStep>(k: K) => sessions.map((s) => s[k]);
    await UPDATE_SESSIONS_PG.rows(db, [
      col('id'),
      col('step'),
      col('metadata'),
      col('now'),
      col('lastInboundAt'),
      col('profileName'),
      col('bsuid'),
      col('username'),
      col('language'),
    ]);
    return;
  }
  for (const s of sessions)
    await UPDATE_SESSION.rows(db, [
      s.step,
      s.metadata,
      s.now,
      s.lastInboundAt,
      s.now,
      s.profileName,
      s.bsuid,
      s.username,
      s.language,
      s.id,
    ]);
}

const FIND_HANDOFF = new FixedSql('select * from conversation_handoffs where phone = ?');

/** A conversation's ownership row, read before every bot reply (handoff/handoff-store.ts). */
export async function findHandoffRow(
  db: Kysely<Database>,
  phone: string,
): Promise<Database['conversation_handoffs'] | undefined> {
  const rows = await FIND_HANDOFF.rows<Database['conversation_handoffs']>(db, [phone]);
  return rows[0];
}

const READ_STATE = new FixedSql('select value from service_state where key = ?');

/** One `service_state` value as stored (JSON text), read on every send claim (store/service-state.ts). */
export async function findStateValue(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const rows = await READ_STATE.rows<{ value: string }>(db, [key]);
  return rows[0]?.value;
}
