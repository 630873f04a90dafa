// The hottest statements, written once as SQL text instead of built by Kysely on every call.
// The benchmark's profile had Kysely's query building (visitNode, freeze, parseRowValues) at about
// a tenth of the server's time under load, most of it on the few statements below, which run once
// or more per message. Their text never changes (a multi-row insert's text depends only on the row
// count), so it is built once and memoised; better-sqlite3's statements are cached by text in
// create-db.ts, PostgreSQL plans them like any other query. Results go through Kysely's executor,
// so transactions and connections are handled as everywhere else.
import { CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';
import type { Database, NewMessage } from './schema.js';

/** `?` placeholders, numbered `$1…` for PostgreSQL. The texts here never hold a literal `?`. */
class FixedSql {
  private readonly pg: string;
  constructor(readonly text: string) {
    let n = 0;
    this.pg = text.replace(/\?/g, () => `$${++n}`);
  }

  async rows<R>(db: Kysely<Database>, params: readonly unknown[]): Promise<R[]> {
    const result = await db.executeQuery<R>(CompiledQuery.raw(isPostgres(db) ? this.pg : this.text, params as unknown[]));
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

const inserts = new Map<string, FixedSql>();
/** Statement texts kept per (suffix, row count); counts are bounded by the callers' group sizes. */
const MAX_INSERT_TEXTS = 512;

function messageInsert(rows: number, suffix: string): FixedSql {
  const key = `${rows}:${suffix}`;
  let q = inserts.get(key);
  if (!q) {
    const one = `(${MESSAGE_COLUMNS.map(() => '?').join(', ')})`;
    q = new FixedSql(`insert into whatsapp_messages (${MESSAGE_COLUMNS.join(', ')}) values ${Array(rows).fill(one).join(', ')}${suffix}`);
    if (inserts.size >= MAX_INSERT_TEXTS) inserts.clear();
    inserts.set(key, q);
  }
  return q;
}

function messageParams(rows: readonly NewMessage[]): unknown[] {
  const params: unknown[] = [];
  for (const r of rows) for (const c of MESSAGE_COLUMNS) params.push(r[c] ?? null);
  return params;
}

/** Inserts message rows in the order given (their ids ascend in that order). */
export async function insertMessages(db: Kysely<Database>, rows: readonly NewMessage[]): Promise<void> {
  if (rows.length === 0) return;
  await messageInsert(rows.length, '').rows(db, messageParams(rows));
}

/** Inserts inbound rows, skipping wamids already stored; returns the wamids this call stored. */
export async function insertNewInbound(db: Kysely<Database>, rows: readonly NewMessage[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const stored = await messageInsert(rows.length, ' on conflict (message_id) do nothing returning message_id').rows<{ message_id: string }>(
    db,
    messageParams(rows),
  );
  return stored.map((r) => r.message_id);
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
export async function markSentMany(db: Kysely<Database>, rows: readonly { id: number; lockedUntil: number; wamid: string | null }[], now: number): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    await MARK_SENT_MANY_PG.rows(db, [now, now, rows.map((r) => r.id), rows.map((r) => r.lockedUntil), rows.map((r) => r.wamid)]);
    return;
  }
  for (const r of rows) await markSent(db, r.id, r.lockedUntil, r.wamid, now);
}

const MARK_SENT = new FixedSql(
  `update whatsapp_messages set status = 'sent', message_id = ?, locked_until = null, sent_at = ?, updated_at = ?, error_code = null, error_title = null
   where id = ? and locked_until = ?`,
);

/** Records a successful send on its row, only while the row's lease is still the one it was claimed with. */
export async function markSent(db: Kysely<Database>, id: number, lockedUntil: number, wamid: string | null, now: number): Promise<void> {
  await MARK_SENT.rows(db, [wamid, now, now, id, lockedUntil]);
}

const UPDATE_SESSION = new FixedSql(
  `update whatsapp_sessions set current_step = ?, metadata = ?, last_activity = ?, last_inbound_at = ?, updated_at = ?, is_active = 1,
   profile_name = coalesce(?, profile_name), bsuid = coalesce(?, bsuid)
   where id = ?`,
);

const UPDATE_SESSIONS_PG = new FixedSql(
  `update whatsapp_sessions s set current_step = v.step, metadata = v.metadata, last_activity = v.now, last_inbound_at = v.lia, updated_at = v.now,
   is_active = 1, profile_name = coalesce(v.pn, s.profile_name), bsuid = coalesce(v.bs, s.bsuid)
   from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[]) as v(id, step, metadata, now, lia, pn, bs)
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
}

/**
 * Writes sessions after a conversation step; a null profile name or bsuid keeps the stored one.
 * PostgreSQL: one statement for the group; SQLite: one cached statement per session.
 */
export async function updateSessionsAfterStep(db: Kysely<Database>, sessions: readonly SessionAfterStep[]): Promise<void> {
  if (sessions.length === 0) return;
  if (isPostgres(db)) {
    const col = <K extends keyof SessionAfterStep>(k: K) => sessions.map((s) => s[k]);
    await UPDATE_SESSIONS_PG.rows(db, [col('id'), col('step'), col('metadata'), col('now'), col('lastInboundAt'), col('profileName'), col('bsuid')]);
    return;
  }
  for (const s of sessions) await UPDATE_SESSION.rows(db, [s.step, s.metadata, s.now, s.lastInboundAt, s.now, s.profileName, s.bsuid, s.id]);
}
