// Group commit (issue 6): webhooks that arrive together are stored in one transaction, and the
// next messages of several users are processed in one transaction. A group is all or nothing, so
// these tests check the fallback: one webhook or one user the database refuses must fail alone,
// and everything else in its group is still stored, answered and acknowledged exactly once.
import { sql, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { Clock } from '../src/lib/clock.js';
import type { DbKind } from '../src/store/create-db.js';
import type { Database } from '../src/store/schema.js';
import { envelope, statusUpdate, textMessage } from './helpers/payloads.js';
import { startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const POISON = '15550009999';
const users = (n: number, base: number) => Array.from({ length: n }, (_, i) => String(base + i));

/** A clock that moves 1 ms on every reading: rows written at the same reading were written in one group. */
class TickingClock implements Clock {
  private t = Date.now();
  now(): number {
    return this.t++;
  }
}

/** Makes the database itself refuse one user's rows (a trigger), as a constraint or a bug would. */
async function refuse(
  db: Kysely<Database>,
  kind: DbKind,
  table: 'whatsapp_messages' | 'whatsapp_sessions',
  when: string,
): Promise<void> {
  if (kind === 'sqlite') {
    const event = table === 'whatsapp_messages' ? 'INSERT' : 'UPDATE';
    await sql
      .raw(
        `create trigger refuse_${table} before ${event} on ${table} when ${when} begin select raise(abort, 'refused by test trigger'); end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create function refuse_row() returns trigger language plpgsql as $$ begin raise exception 'refused by test trigger'; end $$`,
    )
    .execute(db);
  const event = table === 'whatsapp_messages' ? 'INSERT' : 'UPDATE';
  await sql
    .raw(
      `create trigger refuse_${table} before ${event} on ${table} for each row when (${when}) execute function refuse_row()`,
    )
    .execute(db);
}

describeEachDb('group commit', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const inbound = (b: TestBot) =>
    b.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['phone', 'status', 'created_at'])
      .where('direction', '=', 'incoming')
      .execute();

  it('stores webhooks that arrive together in one transaction, each acknowledged and answered once', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false, clock: new TickingClock() });
    const group = users(20, 15550001000);
    const posts = await Promise.all(group.map((u) => bot!.post(envelope({ messages: [textMessage(u, 'hi')] }))));
    expect(posts.map((p) => p.status)).toEqual(group.map(() => 200));
    const rows = await inbound(bot);
    expect(rows.map((r) => r.phone).sort()).toEqual(group);
    // One clock reading for all 20 rows: they were written by one transaction, not 20.
    expect(new Set(rows.map((r) => r.created_at)).size).toBe(1);
    bot.runtime.startWorkers();
    await bot.idle();
    for (const u of group) expect(bot.sentTo(u)).toHaveLength(1);
  });

  it('counts a wamid carried by two webhooks of one group once, for the first', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false });
    const message = textMessage('15550001500', 'hi', { wamid: 'wamid.GROUP_DUP' });
    const other = textMessage('15550001501', 'hi');
    const results: { storedMessages: number; duplicateMessages: number }[] = [];
    bot.runtime.deps.metrics = { webhookIngested: (_p, r) => void results.push(r) };
    const posts = await Promise.all([
      bot.post(envelope({ messages: [message] })),
      bot.post(envelope({ messages: [message, other] })),
    ]);
    expect(posts.map((p) => p.status)).toEqual([200, 200]);
    expect(results.map((r) => [r.storedMessages, r.duplicateMessages]).sort()).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect((await inbound(bot)).map((r) => r.phone).sort()).toEqual(['15550001500', '15550001501']);
  });

  it('stores a webhook carrying more items than one SQL statement can bind', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false });
    // 2,500 messages × 17 columns and 5,000 statuses × 8 columns: both over SQLite's 32,766 parameters.
    const messages = users(2_500, 15550100000).map((u) => textMessage(u, 'hi'));
    const statuses = Array.from({ length: 5_000 }, (_, i) =>
      statusUpdate(`wamid.BIG_${i}`, 'delivered', '15550009998'),
    );
    const res = await bot.post(envelope({ messages, statuses }));
    expect(res.status).toBe(200);
    expect(await inbound(bot)).toHaveLength(2_500);
    const stored = await bot.runtime.deps.db
      .selectFrom('whatsapp_statuses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(5_000);
  });

  it('applies the status callbacks of one group in arrival order, once each, never moving backwards', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    const [a, b, c] = users(3, 15550004000);
    for (const u of [a!, b!, c!]) await bot.say(textMessage(u, 'hi'));
    const wamid = async (u: string) =>
      (
        await bot!.runtime.deps.db
          .selectFrom('whatsapp_messages')
          .select('message_id')
          .where('phone', '=', u)
          .where('direction', '=', 'outgoing')
          .executeTakeFirstOrThrow()
      ).message_id!;
    const [wa, wb, wc] = [await wamid(a!), await wamid(b!), await wamid(c!)];
    // All at once, so they are stored as one group: a late 'delivered' after 'read', a repeat, a failure.
    const posts = await Promise.all([
      bot.post(envelope({ statuses: [statusUpdate(wa, 'read', a!)] })),
      bot.post(envelope({ statuses: [statusUpdate(wa, 'delivered', a!)] })),
      bot.post(envelope({ statuses: [statusUpdate(wb, 'delivered', b!)] })),
      bot.post(envelope({ statuses: [statusUpdate(wb, 'delivered', b!)] })),
      bot.post(
        envelope({ statuses: [statusUpdate(wc, 'failed', c!, { code: 131047, title: 'Re-engagement message' })] }),
      ),
    ]);
    expect(posts.map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await bot.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['message_id', 'status', 'error_code'])
      .where('message_id', 'in', [wa, wb, wc])
      .execute();
    const by = new Map(rows.map((r) => [r.message_id, r]));
    expect(by.get(wa)).toMatchObject({ status: 'read' });
    expect(by.get(wb)).toMatchObject({ status: 'delivered' });
    expect(by.get(wc)).toMatchObject({ status: 'failed', error_code: 131047 });
    const stored = await bot.runtime.deps.db
      .selectFrom('whatsapp_statuses')
      .select('message_id')
      .where('message_id', 'in', [wa, wb, wc])
      .execute();
    expect(stored).toHaveLength(4);
  });

  it('fails only the webhook the database refuses; the rest of its group is stored and acknowledged', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false, clock: new TickingClock() });
    await refuse(bot.runtime.deps.db, kind, 'whatsapp_messages', `new.phone = '${POISON}'`);
    const group = users(12, 15550002000);
    const all = [...group.slice(0, 6), POISON, ...group.slice(6)];
    const posts = await Promise.all(all.map((u) => bot!.post(envelope({ messages: [textMessage(u, 'hi')] }))));
    expect(posts.map((p) => p.status)).toEqual(all.map((u) => (u === POISON ? 500 : 200)));
    expect((await inbound(bot)).map((r) => r.phone).sort()).toEqual(group);
    bot.runtime.startWorkers();
    await bot.idle();
    for (const u of group) expect(bot.sentTo(u)).toHaveLength(1);
    expect(bot.sentTo(POISON)).toHaveLength(0);
  });

  it('processes the rest of a group when one user cannot be processed, and fails that message after its retries', async () => {
    bot = await startTestBot(kind, { MARK_READ: 'false' }, { startWorkers: false });
    await refuse(
      bot.runtime.deps.db,
      kind,
      'whatsapp_sessions',
      `new.phone = '${POISON}' and new.last_activity is not null`,
    );
    const group = users(20, 15550003000);
    const all = [...group.slice(0, 10), POISON, ...group.slice(10)];
    const posts = await Promise.all(all.map((u) => bot!.post(envelope({ messages: [textMessage(u, 'hi')] }))));
    expect(posts.every((p) => p.status === 200)).toBe(true);
    bot.runtime.startWorkers();
    await bot.idle(20_000);
    for (const u of group) expect(bot.sentTo(u)).toHaveLength(1);
    expect(bot.sentTo(POISON)).toHaveLength(0);
    const rows = await inbound(bot);
    expect(rows.filter((r) => r.phone === POISON).map((r) => r.status)).toEqual(['failed']);
    expect(rows.filter((r) => r.phone !== POISON).every((r) => r.status === 'processed')).toBe(true);
  });
});
