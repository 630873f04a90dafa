// Databases for the benchmark: a SQLite file in a temp dir, or a fresh PostgreSQL schema per run
// (dropped afterwards); and the history pre-fill (N rows in whatsapp_messages before the server starts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createDb, resolveDbTarget } from '../src/store/create-db.js';
import { migrateToLatest } from '../src/store/migrate.js';

export type BenchDbKind = 'sqlite' | 'postgres';

export interface BenchDatabase {
  kind: BenchDbKind;
  /** DATABASE_URL for the server: a file path, or the PostgreSQL URL with its own search_path. */
  url: string;
  /** SQLite: the file; PostgreSQL: the schema. */
  where: string;
  drop(): Promise<void>;
}

const liveSchemas = new Map<string, string>();

export function createSqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'nexora-bench-'));
  const file = join(dir, 'bench.db');
  return {
    kind: 'sqlite',
    url: file,
    where: file,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

export async function createPostgresDatabase(baseUrl: string): Promise<BenchDatabase> {
  const schema = `bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  liveSchemas.set(schema, baseUrl);
  const sep = baseUrl.includes('?') ? '&' : '?';
  return {
    kind: 'postgres',
    url: `${baseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    where: schema,
    drop: async () => {
      await dropSchema(baseUrl, schema);
      liveSchemas.delete(schema);
    },
  };
}

async function dropSchema(baseUrl: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    await c.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await c.end();
  }
}

/** Drops every schema this process created and has not dropped yet (interrupt, failure). */
export async function dropLeftoverSchemas(): Promise<void> {
  for (const [schema, url] of [...liveSchemas]) {
    await dropSchema(url, schema).catch(() => {});
    liveSchemas.delete(schema);
  }
}

export async function postgresReachable(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    const r = await c.query<{ v: string }>('select version() as v');
    return r.rows[0]?.v ?? 'PostgreSQL';
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Runs the project's migrations on `db` (as the server would on start). */
export async function migrate(db: BenchDatabase): Promise<void> {
  const handle = createDb(resolveDbTarget(db.url), { poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// History: `rows` messages for rows/10 synthetic users, ten per user, interleaved in time like real
// traffic, over the last 30 days. Per user: three processed inbound messages (hi, 1, A), three
// mark-reads (sent), four replies whose statuses are read, read, delivered and sent (1% failed with
// 131047). Outbound payloads are real-shaped Graph bodies, kept short. One session row per user.
// ---------------------------------------------------------------------------------------------

export const HISTORY_ROUNDS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
/** History users: 4930 + 7 digits (the burst users are 4915…, never the same). */
export const historyPhone = (u: number): string => `4930${String(u).padStart(7, '0')}`;

interface RoundShape {
  direction: 'incoming' | 'outgoing';
  type: string;
  message: string;
  status: string;
}

const ROUNDS: RoundShape[] = [
  { direction: 'incoming', type: 'text', message: 'hi', status: 'processed' },
  { direction: 'outgoing', type: 'read', message: '[mark read]', status: 'sent' },
  {
    direction: 'outgoing',
    type: 'interactive',
    message: 'Welcome to Nexora Investments! [list: 1. Explore Programs | …]',
    status: 'read',
  },
  { direction: 'incoming', type: 'text', message: '1', status: 'processed' },
  { direction: 'outgoing', type: 'read', message: '[mark read]', status: 'sent' },
  { direction: 'outgoing', type: 'interactive', message: 'Residency Categories [list: A | B | C | D]', status: 'read' },
  { direction: 'incoming', type: 'text', message: 'A', status: 'processed' },
  { direction: 'outgoing', type: 'read', message: '[mark read]', status: 'sent' },
  {
    direction: 'outgoing',
    type: 'text',
    message: 'Top Europe Golden Visa programs: Portugal, Greece, Spain',
    status: 'delivered',
  },
  {
    direction: 'outgoing',
    type: 'interactive',
    message: 'Anything else? [list: 1. Explore Programs | …]',
    status: 'sent',
  },
];
/** The inbound round each outbound round answers. */
const REPLY_TO_ROUND = [-1, 0, 0, -1, 3, 3, -1, 6, 6, 6];

function rowValues(g: number, users: number, start: number, spanMs: number) {
  const r = Math.floor(g / users);
  const u = g % users;
  const shape = ROUNDS[r]!;
  const phone = historyPhone(u);
  const ts = Math.floor(start + (g / (users * HISTORY_ROUNDS)) * spanMs);
  const incoming = shape.direction === 'incoming';
  const failed = !incoming && r === 9 && u % 100 === 0;
  const wamid = incoming ? `wamid.HIST_IN_${g}` : `wamid.HIST_OUT_${g}`;
  const payload = incoming
    ? `{"from":"${phone}","id":"${wamid}","timestamp":"${Math.floor(ts / 1000)}","type":"text","text":{"body":"${shape.message}"}}`
    : shape.type === 'read'
      ? `{"messaging_product":"whatsapp","status":"read","message_id":"wamid.HIST_IN_${REPLY_TO_ROUND[r]! * users + u}","typing_indicator":{"type":"text"}}`
      : `{"messaging_product":"whatsapp","recipient_type":"individual","to":"+${phone}","type":"text","text":{"body":"${shape.message}"}}`;
  const replyTo = incoming ? null : REPLY_TO_ROUND[r]! * users + u + 1;
  return {
    id: g + 1,
    phone,
    message: shape.message,
    direction: shape.direction,
    timestamp: ts,
    message_id: wamid,
    status: failed ? 'failed' : shape.status,
    type: shape.type,
    payload,
    attempts: incoming ? 0 : 1,
    error_code: failed ? 131047 : null,
    error_title: failed ? 'Re-engagement message' : null,
    reply_to: replyTo,
    created_at: ts,
    updated_at: ts + 2_000,
    processed_at: incoming ? ts + 50 : null,
    sent_at: incoming ? null : ts + 100,
  };
}

/** Fills whatsapp_messages (and sessions) with `rows` history rows. The schema must exist. Returns ms taken. */
export async function prefillHistory(
  db: BenchDatabase,
  rows: number,
): Promise<{ rows: number; users: number; ms: number }> {
  const users = Math.max(1, Math.round(rows / HISTORY_ROUNDS));
  const total = users * HISTORY_ROUNDS;
  const now = Date.now();
  const spanMs = 30 * DAY_MS;
  const start = now - spanMs - DAY_MS; // everything older than a day: never "stale but unprocessed"
  const t0 = performance.now();
  if (db.kind === 'sqlite') prefillSqlite(db.url, users, total, start, spanMs);
  else await prefillPostgres(db.url, users, total, start, spanMs);
  return { rows: total, users, ms: performance.now() - t0 };
}

function prefillSqlite(file: string, users: number, total: number, start: number, spanMs: number): void {
  const sqlite = new SQLite(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    const insert = sqlite.prepare(`insert into whatsapp_messages
      (id, phone, message, direction, timestamp, message_id, status, type, payload, attempts, next_attempt_at, locked_until,
       error_code, error_title, reply_to, created_at, updated_at, processed_at, sent_at)
      values (@id, @phone, @message, @direction, @timestamp, @message_id, @status, @type, @payload, @attempts, null, null,
       @error_code, @error_title, @reply_to, @created_at, @updated_at, @processed_at, @sent_at)`);
    const session = sqlite.prepare(`insert into whatsapp_sessions
      (phone, current_step, metadata, created_at, updated_at, last_activity, is_active, last_inbound_at, opted_out)
      values (?, 'main_menu', '{"interest":"Europe Golden Visa"}', ?, ?, ?, 1, ?, 0)`);
    sqlite.transaction(() => {
      for (let g = 0; g < total; g++) insert.run(rowValues(g, users, start, spanMs));
      const last = start + spanMs;
      for (let u = 0; u < users; u++) session.run(historyPhone(u), start, last, last, last);
    })();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
}

async function prefillPostgres(
  url: string,
  users: number,
  total: number,
  start: number,
  spanMs: number,
): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const msgCase = (field: keyof RoundShape) =>
      `case r ${ROUNDS.map((s, i) => `when ${i} then '${s[field].replace(/'/g, "''")}'`).join(' ')} end`;
    const replyCase = `case r ${REPLY_TO_ROUND.map((v, i) => `when ${i} then ${v}`).join(' ')} end`;
    await c.query('begin');
    await c.query(`set local synchronous_commit = off`);
    await c.query(
      `insert into whatsapp_messages
        (id, phone, message, direction, timestamp, message_id, status, type, payload, attempts,
         error_code, error_title, reply_to, created_at, updated_at, processed_at, sent_at)
       overriding system value
       select g + 1, phone, msg, dir, ts,
         case when dir = 'incoming' then 'wamid.HIST_IN_' || g else 'wamid.HIST_OUT_' || g end,
         case when failed then 'failed' else st end,
         typ,
         case when dir = 'incoming' then '{"from":"' || phone || '","id":"wamid.HIST_IN_' || g || '","timestamp":"' || (ts / 1000) || '","type":"text","text":{"body":"' || msg || '"}}'
              when typ = 'read' then '{"messaging_product":"whatsapp","status":"read","message_id":"wamid.HIST_IN_' || (rt * $1::int + u) || '","typing_indicator":{"type":"text"}}'
              else '{"messaging_product":"whatsapp","recipient_type":"individual","to":"+' || phone || '","type":"text","text":{"body":"' || msg || '"}}' end,
         case when dir = 'incoming' then 0 else 1 end,
         case when failed then 131047 end,
         case when failed then 'Re-engagement message' end,
         case when dir = 'incoming' then null else rt * $1::int + u + 1 end,
         ts, ts + 2000,
         case when dir = 'incoming' then ts + 50 end,
         case when dir = 'incoming' then null else ts + 100 end
       from (
         select g, r, u, phone, msg, dir, st, typ, rt, ts, (dir = 'outgoing' and r = 9 and u % 100 = 0) as failed
         from (
           select g, r, u, '4930' || lpad(u::text, 7, '0') as phone,
             ${msgCase('message')} as msg, ${msgCase('direction')} as dir, ${msgCase('status')} as st, ${msgCase('type')} as typ,
             ${replyCase} as rt,
             ($3::bigint + floor((g::float8 / $2::int) * $4::float8))::bigint as ts
           from (select g, g / $1::int as r, g % $1::int as u from generate_series(0, $2::int - 1) g) base
         ) shaped
       ) s`,
      [users, total, start, spanMs],
    );
    await c.query(`select setval(pg_get_serial_sequence('whatsapp_messages', 'id'), $1::int)`, [total]);
    const last = start + spanMs;
    await c.query(
      `insert into whatsapp_sessions (phone, current_step, metadata, created_at, updated_at, last_activity, is_active, last_inbound_at, opted_out)
       select '4930' || lpad(u::text, 7, '0'), 'main_menu', '{"interest":"Europe Golden Visa"}', $2::bigint, $3::bigint, $3::bigint, 1, $3::bigint, 0
       from generate_series(0, $1::int - 1) u`,
      [users, start, last],
    );
    await c.query('commit');
    // What autovacuum would do shortly after a bulk load.
    await c.query('analyze whatsapp_messages');
    await c.query('analyze whatsapp_sessions');
  } catch (err) {
    await c.query('rollback').catch(() => {});
    throw err;
  } finally {
    await c.end();
  }
}

/** Row count of whatsapp_messages (a sanity check after the pre-fill). */
export async function countMessages(db: BenchDatabase): Promise<number> {
  if (db.kind === 'sqlite') {
    const sqlite = new SQLite(db.url, { readonly: true });
    try {
      return (sqlite.prepare('select count(*) as n from whatsapp_messages').get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>('select count(*) as n from whatsapp_messages');
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}
