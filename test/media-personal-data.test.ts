// A person's documents and media under the personal-data operations, on both databases: the export
// lists each file with its SHA-256, the erasure removes rows and bytes (and nobody else's), and the
// DATA_RETENTION_DAYS purge removes files older than the cut-off.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanupSessions } from '../src/ops/cleanup-sessions.js';
import { deleteUser } from '../src/ops/delete-user.js';
import { exportUser } from '../src/ops/export-user.js';
import { describeEachDb } from './helpers/test-db.js';
import { ALICE, BOB, DAY, openTestDb, seedPerson, type OpenedDb } from './ops-fixtures.js';

const NOW = Date.UTC(2025, 0, 15, 12);

describeEachDb('client files and personal data', (kind) => {
  let t: OpenedDb;
  beforeEach(async () => {
    t = await openTestDb(kind);
    await seedPerson(t.db, ALICE, NOW, {});
    await seedPerson(t.db, BOB, NOW, {});
  });
  afterEach(async () => t.close());

  /** Stores bytes as the download job does and links them to one of the person's messages. */
  async function addFile(phone: string, bytes: Buffer, createdAt: number, filename: string | null) {
    const put = await t.media.put(Readable.from([bytes]), 1024 * 1024);
    if (!put.ok) throw new Error('not stored');
    const message = await t.db
      .selectFrom('whatsapp_messages')
      .select('id')
      .where('phone', '=', phone)
      .where('id', 'not in', (eb) => eb.selectFrom('media_files').select('message_row_id'))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('media_files')
      .values({
        message_row_id: message.id,
        phone,
        direction: 'incoming',
        kind: 'document',
        media_id: `m-${put.key.slice(3, 9)}`,
        mime_type: 'application/pdf',
        filename,
        storage_key: put.key,
        size: put.size,
        sha256: put.sha256,
        status: 'stored',
        problem: null,
        operator: null,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    return { key: put.key, path: join(t.mediaDir, put.key), sha256: put.sha256 };
  }

  it('export-user lists the files with their hashes; delete-user removes their rows and bytes, no one else’s', async () => {
    const passport = Buffer.from('%PDF-1.4 passport');
    const alice = await addFile(ALICE, passport, NOW, 'passport.pdf');
    const bob = await addFile(BOB, Buffer.from('%PDF-1.4 bank letter'), NOW, 'bank.pdf');

    const exported = await exportUser(t.db, ALICE, NOW);
    expect(exported.files).toEqual([
      expect.objectContaining({
        kind: 'document',
        filename: 'passport.pdf',
        sha256: createHash('sha256').update(passport).digest('hex'),
        status: 'stored',
        storage_key: alice.key,
        created_at: new Date(NOW).toISOString(),
      }),
    ]);
    expect(Number(exported.files[0]!.size)).toBe(passport.length);

    const result = await deleteUser(t.db, ALICE, 'cli', NOW, t.media);
    expect(result.files).toBe(1);
    expect(existsSync(alice.path)).toBe(false);
    expect(await t.db.selectFrom('media_files').select('phone').execute()).toEqual([{ phone: BOB }]);
    expect(existsSync(bob.path)).toBe(true);
    // The audit row says an erasure happened, never whose files they were.
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'delete_user').execute();
    expect(audit[0]!.details).not.toContain('passport');
  });

  it('the DATA_RETENTION_DAYS purge removes files older than the cut-off, with their rows', async () => {
    const old = await addFile(ALICE, Buffer.from('old scan'), NOW - 40 * DAY, null);
    const recent = await addFile(BOB, Buffer.from('recent scan'), NOW - DAY, null);
    const r = await cleanupSessions(t.db, { olderThanMs: DAY, retentionDays: 30, media: t.media }, NOW);
    expect(r.filesPurged).toBe(1);
    expect(existsSync(old.path)).toBe(false);
    expect(existsSync(recent.path)).toBe(true);
    expect(await t.db.selectFrom('media_files').select('storage_key').execute()).toEqual([{ storage_key: recent.key }]);
  });
});
