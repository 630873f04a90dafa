// Every command once per database, through a real child process. Output variants, prompts and error
// paths that do not depend on the database are in cli-usage.test.ts (SQLite only), to keep the number
// of processes (about a second each) down.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDb } from './helpers/test-db.js';
import { runCli } from './cli-harness.js';
import { createSession, findSession } from '../src/console/auth/sessions.js';
import { verifyOperatorPassword } from '../src/ops/operators.js';
import {
  ALICE,
  BOB,
  countRowsFor,
  DAY,
  HOUR,
  LONG_BSUID,
  openTestDb,
  seedPerson,
  type OpenedDb,
} from './ops-fixtures.js';

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
    const [stats, leads, csv, direct, fromAd] = await Promise.all([
      json(['stats', '--days', '1', '--json']),
      json(['list-leads', '--since', '2d', '--json']),
      cli(['list-leads', '--csv']),
      json(['list-leads', '--source', 'direct', '--json']),
      json(['list-leads', '--source', 'ad Golden Visa in 90 days', '--json']),
    ]);
    // A lead older than the source column reads as direct.
    expect(direct).toMatchObject([{ phone: ALICE, source: 'direct', sourceId: null }]);
    expect(fromAd).toEqual([]);
    expect(stats).toMatchObject({
      days: 1,
      users: { total: 2, optedOut: 1, activeInPeriod: 1 },
      messages: { incoming: 2 },
    });
    expect(leads).toMatchObject([{ phone: ALICE, email: 'alice@example.com', budget: 300000 }]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe(
      'id,phone,name,email,interest,budget,countryOfInterest,notes,createdAt,updatedAt,source,sourceId',
    );
    expect(csv.stdout).toContain(`${ALICE},"'=HYPERLINK(""x""), Alice",alice@example.com,`);
  });

  it('user-info takes a 135-character BSUID, of a username user or of one known by phone', SPAWNS, async () => {
    const paired = `DE.ENT.${'Zq9w'.repeat(32)}`;
    await seedPerson(t.db, LONG_BSUID, now, { lead: { name: 'Uma', email: 'uma@example.com', interest: 'jobs' } });
    await t.db.updateTable('whatsapp_sessions').set({ bsuid: paired }).where('phone', '=', BOB).execute();
    const [uma, bob] = await Promise.all([
      json(['user-info', LONG_BSUID, '--messages', '0', '--json']),
      json(['user-info', paired, '--messages', '0', '--json']),
    ]);
    expect(uma).toMatchObject({ phone: LONG_BSUID, lead: { email: 'uma@example.com' } });
    expect(bob).toMatchObject({ phone: BOB, session: { bsuid: paired, optedOut: true } });
  });

  it(
    'user-info shows opt-out, export-user has every row of the person, test-message queues a send',
    SPAWNS,
    async () => {
      // The WhatsApp profile name (contacts[].profile.name) is shown by user-info and kept in the export.
      await t.db.updateTable('whatsapp_sessions').set({ profile_name: 'ليلى' }).execute();
      const [bob, exported, queued, aliceInfo] = await Promise.all([
        json(['user-info', '+44 7700 900123', '--messages', '2', '--json']),
        cli(['export-user', '+971 50 123 4567']),
        json(['test-message', CAROL, '--text', 'ping from the CLI', '--json']),
        cli(['user-info', ALICE, '--messages', '0']),
      ]);
      expect(bob.session.profileName).toBe('ليلى');
      expect(aliceInfo.code).toBe(0);
      expect(aliceInfo.stdout).toMatch(/│ profile name\s+│ ليلى\s+│/);
      expect(bob).toMatchObject({
        phone: BOB,
        session: { optedOut: true },
        lead: null,
        totals: { incoming: 2, outgoing: 3, markRead: 1 },
      });
      expect(bob.messages.map((m: { status: string }) => m.status)).toEqual(['failed', 'queued']);
      const data = JSON.parse(exported.stdout);
      expect(data.session.profile_name).toBe('ليلى');
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
      `Delete everything stored about ${ALICE} (6 message rows (2 in, 3 out, 1 mark-read receipt); 3 delivery statuses; a lead; a session)? Type 'yes' to continue:`,
    );
    expect(confirmed.stdout).toMatch(
      /^deleted 971501234567: 6 message row\(s\) \(in, out and mark-read receipts\), 3 delivery statuses, 1 session\(s\), 1 lead\(s\), 3 notification\(s\), 0 file\(s\) \(audit #\d+\)\n$/,
    );
    expect(await countRowsFor(t.db, ALICE)).toEqual(NOTHING);
    expect(await countRowsFor(t.db, BOB)).toEqual(bobBefore);
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toMatchObject([
      { action: 'delete_user', actor: 'cli' },
    ]);
  });

  it(
    'operators add --password-stdin, disable, enable and reset-password: sessions end, the old password is refused',
    { timeout: 240_000 },
    async () => {
      const email = 'Ana@Nexora.test';
      const first = 'first passphrase for ana';
      // Independent commands run side by side: each child process costs seconds on a loaded machine.
      const [added, tooShort] = await Promise.all([
        cli(['operators', 'add', email, '--name', 'Ana', '--role', 'consultant', '--password-stdin'], {
          input: `${first}\n`,
        }),
        cli(['operators', 'add', 'bo@nexora.test', '--name', 'Bo', '--role', 'viewer', '--password-stdin'], {
          input: 'short\n',
        }),
      ]);
      expect(added).toMatchObject({ code: 0, stderr: '' });
      expect(added.stdout).toBe('added operator ana@nexora.test (consultant); sign in at /console/login\n');
      const ana = await verifyOperatorPassword(t.db, 'ana@nexora.test', first);
      expect(ana).toMatchObject({ email: 'ana@nexora.test', display_name: 'Ana', role: 'consultant', disabled: 0 });
      // The hash is argon2id, never the password.
      expect(ana?.password_hash).toMatch(/^\$argon2id\$/);
      expect(ana?.password_hash).not.toContain(first);
      expect(tooShort.code).toBe(2);
      expect(tooShort.stderr).toContain('password must have at least 12 characters');

      const cookie = await createSession(t.db, Number(ana?.id), Date.now());
      expect(await findSession(t.db, cookie, Date.now())).not.toBeNull();
      const disabled = await cli(['operators', 'disable', 'ana@nexora.test']);
      expect(disabled).toMatchObject({ code: 0, stdout: 'disabled ana@nexora.test; their sessions have ended\n' });
      expect(await findSession(t.db, cookie, Date.now())).toBeNull();
      expect(await verifyOperatorPassword(t.db, 'ana@nexora.test', first)).toBeNull();
      const row = await t.db.selectFrom('console_operators').select('disabled').executeTakeFirstOrThrow();
      expect(row.disabled).toBe(1);

      const enabled = await cli(['operators', 'enable', 'ana@nexora.test']);
      expect(enabled).toMatchObject({ code: 0, stdout: 'enabled ana@nexora.test; they can sign in again\n' });
      expect(await verifyOperatorPassword(t.db, 'ana@nexora.test', first)).not.toBeNull();

      const again = await createSession(t.db, Number(ana?.id), Date.now());
      const second = 'second passphrase for ana';
      const [reset, unknown] = await Promise.all([
        cli(['operators', 'reset-password', 'ana@nexora.test', '--password-stdin'], { input: `${second}\n` }),
        cli(['operators', 'disable', 'nobody@nexora.test']),
      ]);
      expect(reset).toMatchObject({
        code: 0,
        stdout: 'new password set for ana@nexora.test; their sessions have ended\n',
      });
      expect(await findSession(t.db, again, Date.now())).toBeNull();
      expect(await verifyOperatorPassword(t.db, 'ana@nexora.test', first)).toBeNull();
      expect(await verifyOperatorPassword(t.db, 'ana@nexora.test', second)).not.toBeNull();
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('no operator with e-mail nobody@nexora.test');
    },
  );

  it('seed-programs and programs list|add|update|remove; a duplicate add exits 1', SPAWNS, async () => {
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
    // A duplicate is a failure of a well-formed command (1), not bad usage (2).
    expect(await cli(add)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: a program named "${name}" already exists (use update)\n`,
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
