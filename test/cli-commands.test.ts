// Every command once per database, through a real child process. Output variants, prompts and error
// paths that do not depend on the database are in cli-usage.test.ts (SQLite only), to keep the number
// of processes (about a second each) down.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDb } from './helpers/test-db.js';
import { runCli } from './cli-harness.js';
import { ALICE, BOB, countRowsFor, DAY, HOUR, openTestDb, seedPerson, type OpenedDb } from './ops-fixtures.js';

const CAROL = '33612345678';
const NOTHING = { sessions: 0, messages: 0, statuses: 0, leads: 0, notifications: 0 };

// Child processes cost a second or more each, several more on a loaded machine.
const SPAWNS = { timeout: 120_000 };

describeEachDb('CLI commands on the server database', (kind) => {
  let t: OpenedDb;
  let now: number;
  const cli = (args: string[], opts: { env?: Record<string, string>; input?: string } = {}) =>
    runCli(args, { ...opts, env: { DATABASE_URL: t.database.url, ...opts.env } });
  const json = async (args: string[], env?: Record<string, string>) => {
    const run = await cli(args, { env });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout);
  };

  beforeEach(async () => {
    t = await openTestDb(kind);
    now = Date.now();
    await seedPerson(t.db, ALICE, now, {
      lead: { name: '=HYPERLINK("x"), Alice', email: 'alice@example.com', interest: 'eligibility' },
    });
    await seedPerson(t.db, BOB, now, { optedOut: true, agoMs: 3 * DAY });
  });
  afterEach(async () => t.close());

  it('stats --json and list-leads --json / --csv', SPAWNS, async () => {
    const [stats, leads, csv] = await Promise.all([
      json(['stats', '--days', '1', '--json']),
      json(['list-leads', '--since', '2d', '--json']),
      cli(['list-leads', '--csv']),
    ]);
    expect(stats).toMatchObject({
      days: 1,
      users: { total: 2, optedOut: 1, activeInPeriod: 1 },
      messages: { incoming: 2 },
    });
    expect(leads).toMatchObject([{ phone: ALICE, email: 'alice@example.com', budget: 300000 }]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe(
      'id,phone,name,email,interest,budget,countryOfInterest,notes,createdAt,updatedAt',
    );
    expect(csv.stdout).toContain(`${ALICE},"'=HYPERLINK(""x""), Alice",alice@example.com,`);
  });

  it(
    'user-info shows opt-out, export-user has every row of the person, test-message queues a send',
    SPAWNS,
    async () => {
      const [bob, exported, queued] = await Promise.all([
        json(['user-info', '+44 7700 900123', '--messages', '2', '--json']),
        cli(['export-user', '+971 50 123 4567']),
        json(['test-message', CAROL, '--text', 'ping from the CLI', '--json']),
      ]);
      expect(bob).toMatchObject({
        phone: BOB,
        session: { optedOut: true },
        lead: null,
        totals: { incoming: 2, outgoing: 3 },
      });
      expect(bob.messages.map((m: { status: string }) => m.status)).toEqual(['failed', 'queued']);
      const data = JSON.parse(exported.stdout);
      const counts = await countRowsFor(t.db, ALICE);
      expect([data.messages.length, data.statuses.length, data.notifications.length]).toEqual([
        counts.messages,
        counts.statuses,
        counts.notifications,
      ]);
      expect(data.lead).toMatchObject({ phone: ALICE, email: 'alice@example.com' });
      expect(queued).toMatchObject({ phone: CAROL, outsideWindow: true });
      const row = await t.db
        .selectFrom('whatsapp_messages')
        .selectAll()
        .where('id', '=', queued.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        phone: CAROL,
        direction: 'outgoing',
        status: 'queued',
        message: 'ping from the CLI',
      });
    },
  );

  it('retry-failed, replay, then cleanup-sessions with DATA_RETENTION_DAYS', SPAWNS, async () => {
    const wamid = `wamid.IN2_${ALICE}_${now - HOUR}`;
    const [retried, replayed] = await Promise.all([
      json(['retry-failed', '--since', '2d', '--json']),
      json(['replay', wamid, '--json']),
    ]);
    expect(retried).toEqual({ messages: 1, notifications: 1 }); // Alice's; Bob's failed 3 days ago
    expect(replayed).toMatchObject({ phone: ALICE, previousStatus: 'processed', willExpire: false });
    expect(
      (
        await t.db
          .selectFrom('whatsapp_messages')
          .select('status')
          .where('message_id', '=', wamid)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('received');

    const cleaned = await json(['cleanup-sessions', '--older-than', '1d', '--json'], { DATA_RETENTION_DAYS: '2' });
    expect(cleaned).toMatchObject({ sessionsReset: 1, messagesPurged: 5, statusesPurged: 2 });
    const bob = await t.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', BOB)
      .executeTakeFirstOrThrow();
    expect(bob).toMatchObject({ is_active: 0, opted_out: 1, current_step: 'main_menu' });
  });

  it('delete-user, confirmed on stdin, erases that person only', SPAWNS, async () => {
    const bobBefore = await countRowsFor(t.db, BOB);
    const confirmed = await cli(['delete-user', '+971 50 123 4567'], { input: 'yes\n' });
    expect(confirmed.code).toBe(0);
    expect(confirmed.stderr).toContain(
      `Delete everything stored about ${ALICE} (5 message(s), a lead, a session)? Type 'yes' to continue:`,
    );
    expect(confirmed.stdout).toMatch(
      /^deleted 971501234567: 6 message\(s\), 3 status\(es\), 1 session\(s\), 1 lead\(s\), 3 notification\(s\) \(audit #\d+\)\n$/,
    );
    expect(await countRowsFor(t.db, ALICE)).toEqual(NOTHING);
    expect(await countRowsFor(t.db, BOB)).toEqual(bobBefore);
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toMatchObject([
      { action: 'delete_user', actor: 'cli' },
    ]);
  });

  it('seed-programs and programs list|add|update|remove', SPAWNS, async () => {
    const name = 'Malta Permanent Residence';
    const add = [
      'programs',
      'add',
      name,
      '--country',
      'Malta',
      '--category',
      'Europe Golden Visa',
      '--min-investment',
      '150000',
      '--link',
      'https://nexora.example/malta',
      '--rank',
      '4',
    ];
    const [seeded, added] = await Promise.all([json(['seed-programs', '--json']), cli(add)]);
    expect(seeded).toMatchObject({ added: expect.any(Number), updated: 0 });
    expect(added).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^added "Malta Permanent Residence" \(#\d+\)/),
    });
    const [updated, list] = await Promise.all([
      json(['programs', 'update', name, '--min-investment', '175000', '--json']),
      json(['programs', 'list', '--json']),
    ]);
    expect(updated).toMatchObject({ name, minimum_investment: 175000, country: 'Malta' });
    expect((list as { name: string }[]).map((p) => p.name)).toContain(name);
    expect(list).toHaveLength(seeded.added + 1);
    expect(await cli(['programs', 'remove', name])).toMatchObject({ code: 0, stdout: `removed "${name}"\n` });
    expect(await t.db.selectFrom('investment_programs').select('name').where('name', '=', name).execute()).toEqual([]);
  });

  it('init-db creates the schema of a fresh database; migrate is its idempotent alias', SPAWNS, async () => {
    const fresh = await createTestDatabase(kind);
    try {
      const init = await runCli(['init-db'], { env: { DATABASE_URL: fresh.url } });
      expect(init).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^database ready \(.*\): applied 001-initial/),
      });
      const again = await runCli(['migrate', '--json'], { env: { DATABASE_URL: fresh.url } });
      expect(JSON.parse(again.stdout)).toMatchObject({ applied: [] });
    } finally {
      await fresh.drop();
    }
  });

  it('reset-db --yes --force empties every table, even with NODE_ENV=production', SPAWNS, async () => {
    const reset = await json(['reset-db', '--yes', '--force', '--json'], { NODE_ENV: 'production' });
    expect(reset).toMatchObject({ reset: true });
    expect(await countRowsFor(t.db, ALICE)).toEqual(NOTHING);
    expect(await countRowsFor(t.db, BOB)).toEqual(NOTHING);
  });
});
