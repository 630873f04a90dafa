import { afterEach, beforeEach, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { deleteUser } from '../src/ops/delete-user.js';
import { exportUser } from '../src/ops/export-user.js';
import { describeEachDb } from './helpers/test-db.js';
import { ALICE, BOB, countRowsFor, openTestDb, seedPerson, type OpenedDb } from './ops-fixtures.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const LEAD = { name: 'Alice, "A" Smith', email: 'alice@example.com', interest: 'eligibility' };

describeEachDb('data protection operations', (kind) => {
  let t: OpenedDb;
  beforeEach(async () => {
    t = await openTestDb(kind);
    await seedPerson(t.db, ALICE, NOW, { lead: LEAD });
    await seedPerson(t.db, BOB, NOW, {
      optedOut: true,
      lead: { name: 'Bob', email: 'bob@example.com', interest: 'jobs' },
    });
  });
  afterEach(async () => t.close());

  it('deleteUser removes every row for that phone, in every table, and nothing of anyone else', async () => {
    const bobBefore = await countRowsFor(t.db, BOB);
    expect(await countRowsFor(t.db, ALICE)).toEqual({
      sessions: 1,
      messages: 6,
      statuses: 3,
      leads: 1,
      notifications: 3,
    });

    const result = await deleteUser(t.db, '+971 50 123 4567', 'cli', NOW, t.media);

    expect(result).toMatchObject({
      phone: ALICE,
      deleted: { sessions: 1, messages: 6, statuses: 3, leads: 1, notifications: 3 },
    });
    expect(await countRowsFor(t.db, ALICE)).toEqual({
      sessions: 0,
      messages: 0,
      statuses: 0,
      leads: 0,
      notifications: 0,
    });
    expect(await countRowsFor(t.db, BOB)).toEqual(bobBefore);
  });

  it('deleteUser leaves an audit row with counts and time but nothing identifying', async () => {
    const { auditId } = await deleteUser(t.db, '00971501234567', 'api', NOW, t.media);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('id', '=', auditId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'delete_user', actor: 'api', created_at: NOW });
    expect(JSON.parse(audit.details)).toEqual({
      deleted: { sessions: 1, messages: 6, statuses: 3, leads: 1, notifications: 3 },
      at: new Date(NOW).toISOString(),
    });
    expect(audit.details).not.toContain('1234567');
    expect(audit.details).not.toContain('alice');
  });

  it('deleteUser of someone unknown is NOT_FOUND and writes no audit row; a bad phone is VALIDATION_FAILED', async () => {
    await expect(deleteUser(t.db, '+1 555 0100 999', 'cli', NOW, t.media)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteUser(t.db, 'not a phone', 'cli', NOW, t.media)).rejects.toBeInstanceOf(AppError);
    await expect(deleteUser(t.db, 'not a phone', 'cli', NOW, t.media)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('exportUser contains every row stored for that phone, with payloads as JSON, and none of anyone else', async () => {
    const steps: number[] = [];
    const data = await exportUser(t.db, '971501234567', NOW, { batchSize: 4, onProgress: (p) => steps.push(p.done) });

    expect(steps).toEqual([4, 6]); // two batches of messages, reported as they are read
    expect(data).toMatchObject({
      format: 'nexora-user-export/1',
      phone: ALICE,
      exportedAt: new Date(NOW).toISOString(),
    });
    expect(data.session).toMatchObject({
      phone: ALICE,
      current_step: 'ask_email',
      metadata: { name: 'X' },
      opted_out: 0,
    });
    expect(data.lead).toMatchObject({ phone: ALICE, name: LEAD.name, email: LEAD.email, budget: 300000 });
    expect(data.messages).toHaveLength(6);
    expect(data.messages.map((m) => m.direction)).toEqual([
      'incoming',
      'incoming',
      'outgoing',
      'outgoing',
      'outgoing',
      'outgoing',
    ]);
    expect(data.messages[0]).toMatchObject({
      payload: { text: { body: `hello from ${ALICE}` } },
      timestamp: expect.stringMatching(/^2025-01-15T11:00/),
    });
    expect(data.statuses.map((s) => s.status).sort()).toEqual(['delivered', 'read', 'sent']);
    expect(data.notifications.map((n) => n.kind).sort()).toEqual(['job_search', 'lead_email', 'lead_webhook']);
    expect(JSON.stringify(data)).not.toContain(BOB);
    expect(await countRowsFor(t.db, ALICE)).toEqual({
      sessions: 1,
      leads: 1,
      messages: data.messages.length,
      statuses: data.statuses.length,
      notifications: data.notifications.length,
    });
  });

  it('exportUser of someone unknown is NOT_FOUND', async () => {
    await expect(exportUser(t.db, '+44 20 7946 0000', NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
