import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanupSessions } from '../src/ops/cleanup-sessions.js';
import { getStats } from '../src/ops/get-stats.js';
import { getUserInfo } from '../src/ops/get-user-info.js';
import { queueTestMessage } from '../src/ops/queue-test-message.js';
import { replayInbound } from '../src/ops/replay-inbound.js';
import { retryFailed } from '../src/ops/retry-failed.js';
import { describeEachDb } from './helpers/test-db.js';
import { ALICE, BOB, DAY, HOUR, openTestDb, seedPerson, type OpenedDb } from './ops-fixtures.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const CAROL = '33612345678';

describeEachDb('maintenance and support operations', (kind) => {
  let t: OpenedDb;
  beforeEach(async () => {
    t = await openTestDb(kind);
    await seedPerson(t.db, ALICE, NOW, { lead: { name: 'Alice', email: 'a@example.com', interest: 'eligibility' } });
    await seedPerson(t.db, BOB, NOW, { optedOut: true, agoMs: 3 * DAY });
  });
  afterEach(async () => t.close());

  it('getStats counts the period, the backlog and opted-out users', async () => {
    const s = await getStats(t.db, { days: 1 }, NOW);
    expect(s.users).toEqual({ total: 2, activeInPeriod: 1, activeSessions: 2, optedOut: 1 });
    // Alice only (Bob is 3 days old); mark-read rows are not messages.
    expect(s.messages).toEqual({ incoming: 2, outgoing: 3, outgoingFailed: 1, inboundPending: 0, outboundQueued: 2 });
    expect(s.leads).toEqual({ total: 1, newInPeriod: 1 });
    expect(s.notifications).toEqual({ pending: 2, failed: 2 });
    expect((await getStats(t.db, { days: 7 }, NOW)).messages.incoming).toBe(4);
    await expect(getStats(t.db, { days: 0 }, NOW)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('getUserInfo shows session with opt-out, lead and the latest messages with status, oldest first', async () => {
    const bob = await getUserInfo(t.db, '+44 7700 900123', { messages: 3 });
    expect(bob.session).toMatchObject({ optedOut: true, currentStep: 'ask_email', metadata: { name: 'X' } });
    expect(bob.lead).toBeNull();
    expect(bob.totals).toEqual({ incoming: 2, outgoing: 3, markRead: 1 });
    expect(bob.messages.map((m) => [m.direction, m.status])).toEqual([
      ['outgoing', 'delivered'],
      ['outgoing', 'failed'],
      ['outgoing', 'queued'],
    ]);
    // In words first, Meta's own title after them.
    expect(bob.messages[1]!.error).toBe(
      '131047 More than 24 hours since the user last wrote: a template is needed (Re-engagement message)',
    );
    await expect(getUserInfo(t.db, CAROL, { messages: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('retryFailed requeues failed outbound messages (not mark-reads) and failed notifications, optionally since a time', async () => {
    expect(await retryFailed(t.db, { since: NOW - DAY }, NOW)).toEqual({ messages: 1, notifications: 1 }); // Alice's only
    const alice = await t.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('phone', '=', ALICE)
      .where('type', '=', 'text')
      .where('timestamp', '=', NOW - HOUR + 3)
      .executeTakeFirstOrThrow();
    expect(alice).toMatchObject({
      status: 'queued',
      attempts: 0,
      next_attempt_at: NOW,
      error_code: null,
      error_title: null,
    });
    expect(await retryFailed(t.db, {}, NOW)).toEqual({ messages: 1, notifications: 1 }); // now Bob's
    const reads = await t.db.selectFrom('whatsapp_messages').select('status').where('type', '=', 'read').execute();
    expect(reads.map((r) => r.status)).toEqual(['failed', 'failed']);
    const notes = await t.db
      .selectFrom('notifications')
      .select(['status', 'attempts'])
      .where('kind', '=', 'lead_webhook')
      .execute();
    expect(notes).toEqual([
      { status: 'pending', attempts: 0 },
      { status: 'pending', attempts: 0 },
    ]);
  });

  it('replayInbound sets a processed inbound message back to received and says when it will expire', async () => {
    const wamid = `wamid.IN1_${ALICE}_${NOW - HOUR}`;
    expect(await replayInbound(t.db, wamid, NOW)).toMatchObject({
      phone: ALICE,
      previousStatus: 'processed',
      willExpire: false,
    });
    const row = await t.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('message_id', '=', wamid)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'received', processed_at: null, updated_at: NOW });
    expect((await replayInbound(t.db, `wamid.IN1_${BOB}_${NOW - 3 * DAY}`, NOW)).willExpire).toBe(true);
    await expect(replayInbound(t.db, 'wamid.NOPE', NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(replayInbound(t.db, `wamid.OUT1_${ALICE}_${NOW - HOUR}`, NOW)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('queueTestMessage queues a text through the outbound queue and warns outside the 24-hour window', async () => {
    const r = await queueTestMessage(t.db, '+971 50 123 4567', 'ping', NOW);
    expect(r).toMatchObject({ phone: ALICE, outsideWindow: false });
    const row = await t.db.selectFrom('whatsapp_messages').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      direction: 'outgoing',
      status: 'queued',
      type: 'text',
      message: 'ping',
      next_attempt_at: NOW,
    });
    expect(JSON.parse(row.payload)).toMatchObject({ to: `+${ALICE}`, type: 'text', text: { body: 'ping' } });
    expect((await queueTestMessage(t.db, CAROL, 'ping', NOW)).outsideWindow).toBe(true);
    await expect(queueTestMessage(t.db, '12', 'ping', NOW)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('cleanupSessions resets idle sessions (keeping opt-outs) and, with retention, purges only finished old messages', async () => {
    const progress: string[] = [];
    const r = await cleanupSessions(
      t.db,
      {
        olderThanMs: DAY,
        retentionDays: 2,
        batchSize: 2,
        onProgress: (p) => progress.push(`${p.step} ${p.done}/${p.total}`),
      },
      NOW,
    );
    expect(r).toEqual({
      sessionsReset: 1,
      messagesPurged: 5,
      statusesPurged: 2,
      filesPurged: 0,
      purgedBefore: new Date(NOW - 2 * DAY).toISOString(),
    });
    expect(progress).toEqual(['sessions 1/1', 'messages 2/5', 'messages 4/5', 'messages 5/5']);
    const bob = await t.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', BOB)
      .executeTakeFirstOrThrow();
    expect(bob).toMatchObject({ current_step: 'main_menu', metadata: '{}', is_active: 0, opted_out: 1 });
    const alice = await t.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', ALICE)
      .executeTakeFirstOrThrow();
    expect(alice).toMatchObject({ current_step: 'ask_email', is_active: 1 });
    // Bob's queued reply is pending work and stays; his lead-less history is otherwise gone; Alice is untouched.
    const left = await t.db.selectFrom('whatsapp_messages').select(['phone', 'status']).orderBy('id').execute();
    expect(left.filter((m) => m.phone === BOB)).toEqual([{ phone: BOB, status: 'queued' }]);
    expect(left.filter((m) => m.phone === ALICE)).toHaveLength(6);
    const noRetention = await cleanupSessions(t.db, { olderThanMs: DAY }, NOW);
    expect(noRetention).toEqual({
      sessionsReset: 0,
      messagesPurged: 0,
      statusesPurged: 0,
      filesPurged: 0,
      purgedBefore: null,
    });
  });
});
