import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localMediaStore, type MediaStore } from '../src/media/media-store.js';
// Rows for the admin/CLI/ops tests, written straight through Kysely: two people with a full history
// (session, lead, both directions of messages, statuses, notifications) so tests can check that an
// operation touches exactly one person's rows.
import { sql, type Kysely } from 'kysely';
import { createDb, resolveDbTarget, type DbKind } from '../src/store/create-db.js';
import { initDb } from '../src/ops/migrate-db.js';
import type { Database, NewMessage } from '../src/store/schema.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.js';

export const ALICE = '971501234567';
export const BOB = '447700900123';
/** The longest user key Meta may send: a parent BSUID, 2 + 1 + 4 + 128 = 135 characters. */
export const LONG_BSUID = `US.ENT.${'Ab3x'.repeat(32)}`;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface OpenedDb {
  db: Kysely<Database>;
  database: TestDatabase;
  /** A MEDIA_DIR of its own, removed on close. */
  media: MediaStore;
  mediaDir: string;
  close(): Promise<void>;
}

/** A migrated, empty database of this kind, with its DATABASE_URL (for spawned CLI processes). */
export async function openTestDb(kind: DbKind): Promise<OpenedDb> {
  const database = await createTestDatabase(kind);
  const { db } = createDb(resolveDbTarget(database.url), { poolSize: 4 });
  await initDb(db); // retries when another test drops its schema mid-migration (see initDb)
  const mediaDir = mkdtempSync(join(tmpdir(), 'nexora-media-'));
  return {
    db,
    database,
    media: localMediaStore(mediaDir),
    mediaDir,
    async close() {
      await db.destroy();
      await database.drop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

function message(
  phone: string,
  over: Partial<NewMessage> & Pick<NewMessage, 'direction' | 'status' | 'timestamp'>,
): NewMessage {
  return {
    phone,
    message: `hello from ${phone}`,
    message_id: null,
    type: 'text',
    payload: JSON.stringify({ text: { body: `hello from ${phone}` } }),
    attempts: 0,
    next_attempt_at: null,
    locked_until: null,
    error_code: null,
    error_title: null,
    reply_to: null,
    created_at: over.timestamp,
    updated_at: over.timestamp,
    processed_at: null,
    sent_at: null,
    ...over,
  };
}

/**
 * One person's history, `at` ms ago: 2 inbound, 3 outbound (delivered, failed, queued) and a mark-read;
 * statuses by wamid, one by recipient only; a lead; a pending and a sent notification.
 */
export async function seedPerson(
  db: Kysely<Database>,
  phone: string,
  now: number,
  o: {
    optedOut?: boolean;
    agoMs?: number;
    lead?: { name: string; email: string; interest: string };
    /** The BSUID paired with this phone (the pair was seen). */
    bsuid?: string;
  } = {},
) {
  const t = now - (o.agoMs ?? HOUR);
  const tag = `${phone.slice(-12)}_${t}`; // a wamid is at most 128 characters, a BSUID up to 135
  await db
    .insertInto('whatsapp_sessions')
    .values({
      phone,
      current_step: 'ask_email',
      metadata: '{"name":"X"}',
      created_at: t,
      updated_at: t,
      last_activity: t,
      is_active: 1,
      bsuid: o.bsuid ?? null,
      profile_name: 'Profile',
      last_inbound_at: t,
      country_of_interest: null,
      opted_out: o.optedOut ? 1 : 0,
    })
    .execute();
  await db
    .insertInto('whatsapp_messages')
    .values([
      message(phone, {
        direction: 'incoming',
        status: 'processed',
        timestamp: t,
        message_id: `wamid.IN1_${tag}`,
        processed_at: t,
      }),
      message(phone, {
        direction: 'incoming',
        status: 'processed',
        timestamp: t + 1,
        message_id: `wamid.IN2_${tag}`,
        processed_at: t + 1,
      }),
      message(phone, {
        direction: 'outgoing',
        status: 'delivered',
        timestamp: t + 2,
        message_id: `wamid.OUT1_${tag}`,
        sent_at: t + 2,
      }),
      message(phone, {
        direction: 'outgoing',
        status: 'failed',
        timestamp: t + 3,
        message_id: null,
        attempts: 5,
        error_code: 131047,
        error_title: 'Re-engagement message',
      }),
      message(phone, { direction: 'outgoing', status: 'queued', timestamp: t + 4, next_attempt_at: t + 4 }),
      message(phone, {
        direction: 'outgoing',
        status: 'failed',
        type: 'read',
        timestamp: t + 5,
        message: '[mark read]',
      }),
    ])
    .execute();
  const status = (message_id: string, status: string, recipient_id: string | null) => ({
    message_id,
    status,
    timestamp: t,
    recipient_id,
    error_code: null,
    error_title: null,
    payload: '{}',
    created_at: t,
  });
  await db
    .insertInto('whatsapp_statuses')
    .values([
      status(`wamid.OUT1_${tag}`, 'sent', phone),
      status(`wamid.OUT1_${tag}`, 'delivered', null), // found only through its message
      status(`wamid.GONE_${tag}`, 'read', phone), // found only through its recipient
    ])
    .execute();
  if (o.lead) {
    await db
      .insertInto('whatsapp_leads')
      .values({
        phone,
        ...o.lead,
        budget: 300000,
        country_of_interest: null,
        created_at: t,
        updated_at: t,
        notes: null,
      })
      .execute();
  }
  const note = (kind: string, status: 'pending' | 'sent' | 'failed') => ({
    kind,
    dedupe_key: `${kind}:${tag}:${status}`,
    phone,
    payload: JSON.stringify({ lead: { phone } }),
    status,
    next_attempt_at: t,
    locked_until: null,
    last_error: status === 'failed' ? 'smtp down' : null,
    created_at: t,
    updated_at: t,
    sent_at: null,
  });
  await db
    .insertInto('notifications')
    .values([note('lead_email', 'sent'), note('lead_webhook', 'failed'), note('job_search', 'pending')])
    .execute();
}

/** How many rows of each table mention this phone (directly, or through the wamids seedPerson made). */
export async function countRowsFor(db: Kysely<Database>, phone: string) {
  const count = async (table: string, where: ReturnType<typeof sql>) =>
    Number(
      (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db))
        .rows[0]?.n,
    );
  const byPhone = sql`phone = ${phone}`;
  return {
    sessions: await count('whatsapp_sessions', byPhone),
    messages: await count('whatsapp_messages', byPhone),
    statuses: await count('whatsapp_statuses', sql`recipient_id = ${phone} or message_id like ${`%${phone}%`}`),
    leads: await count('whatsapp_leads', byPhone),
    notifications: await count('notifications', byPhone),
  };
}
