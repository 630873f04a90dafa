// What the CLI shows people and how it fails: tables, prompts, one-line errors and exit codes.
// None of it depends on the database kind, so it runs on SQLite only (commands on both: cli-commands).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportError, UsageError } from '../src/cli/cli-errors.js';
import { parseDurationMs, parseSince } from '../src/cli/parse-args.js';
import { ConfigError } from '../src/config.js';
import { AppError } from '../src/errors.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.js';
import { runCli } from './cli-harness.js';
import { ALICE, BOB, countRowsFor, DAY, openTestDb, seedPerson, type OpenedDb } from './ops-fixtures.js';

// Child processes cost a second or more each, several more on a loaded machine.
const SPAWNS = { timeout: 120_000 };

describe('CLI error reporting', () => {
  const report = (err: unknown, verbose = false) => {
    let out = '';
    const code = reportError(err, verbose, (s) => (out += s));
    return { code, out };
  };

  it('maps failures to one line and exit codes 0/1/2; a stack only with --verbose', () => {
    expect(report(new AppError('VALIDATION_FAILED', 'bad phone format: "x"'))).toEqual({
      code: 2,
      out: 'error: bad phone format: "x"\n',
    });
    // Well-formed but refused: a duplicate is a failure (1), not bad usage (2).
    expect(report(new AppError('CONFLICT', 'a program named "x" already exists'))).toMatchObject({ code: 1 });
    expect(report(new AppError('NOT_FOUND', 'unknown user: nothing is stored for 1234567'))).toEqual({
      code: 1,
      out: 'error: unknown user: nothing is stored for 1234567\n',
    });
    expect(report(new UsageError('--since: "x" is not a date'))).toMatchObject({ code: 2 });
    expect(report(new CommanderError(1, 'commander.missingArgument', 'missing'))).toEqual({ code: 2, out: '' });
    expect(report(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual({ code: 0, out: '' });
    expect(report(new ConfigError(['GRAPH_API_URL must be an http(s) URL']))).toEqual({
      code: 1,
      out: 'configuration: GRAPH_API_URL must be an http(s) URL\n',
    });
    const refused = Object.assign(new AggregateError([new Error('connect ECONNREFUSED ::1:5432')], ''), {
      code: 'ECONNREFUSED',
    });
    expect(report(refused)).toEqual({ code: 1, out: 'database unreachable: connect ECONNREFUSED ::1:5432\n' });
    const bug = new TypeError('x is undefined');
    expect(report(bug)).toEqual({ code: 1, out: 'error: x is undefined\n' });
    expect(report(bug, true).out).toMatch(/^error: x is undefined\nTypeError: x is undefined\n\s+at /);
  });

  it('reads durations and dates as operators write them', () => {
    expect(parseDurationMs('24h')).toBe(DAY);
    expect(parseDurationMs('30m')).toBe(1_800_000);
    expect(parseDurationMs('2')).toBe(7_200_000);
    expect(parseDurationMs('soon')).toBeNull();
    expect(parseSince('7d', 10 * DAY)).toBe(3 * DAY);
    expect(parseSince('2024-02-01', 0)).toBe(Date.UTC(2024, 1, 1));
    expect(() => parseSince('last week', 0)).toThrow(UsageError);
  });
});

describe('CLI for people [sqlite]', () => {
  let t: OpenedDb;
  const cli = (args: string[], opts: { env?: Record<string, string>; input?: string } = {}) =>
    runCli(args, { ...opts, env: { DATABASE_URL: t.database.url, ...opts.env } });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await seedPerson(t.db, ALICE, Date.now(), {
      lead: { name: 'Alice', email: 'alice@example.com', interest: 'eligibility' },
    });
    await seedPerson(t.db, BOB, Date.now(), { optedOut: true, agoMs: 3 * 86_400_000 });
  });
  afterAll(async () => t.close());

  it('prints readable tables: stats, list-leads, user-info with opt-out and delivery status', SPAWNS, async () => {
    const [stats, leads, bob] = await Promise.all([
      cli(['stats']),
      cli(['list-leads']),
      cli(['user-info', '+44 7700 900123']),
    ]);
    expect(stats).toMatchObject({ code: 0, stderr: '' });
    expect(stats.stdout).toMatch(/^Activity in the last 7 day\(s\)/);
    expect(stats.stdout).toMatch(/opted out \(STOP\)\s+│ 1/);
    expect(leads.stdout).toMatch(/│ id │ created \(UTC\)/);
    expect(leads.stdout).toContain('alice@example.com');
    expect(leads.stdout).toContain('1 lead(s)');
    expect(bob.stdout).toContain(`User ${BOB}`);
    expect(bob.stdout).toMatch(/opted out\s+│ YES \(sent STOP\)/);
    expect(bob.stdout).toMatch(/out\s+│ failed: 131047 More than 24 hours/);
    expect(bob.stdout).toMatch(/in\s+│ processed/);
  });

  it(
    'asks before destroying: "no" to delete-user or reset-db changes nothing; production needs --force',
    SPAWNS,
    async () => {
      const before = await countRowsFor(t.db, ALICE);
      const [deleteNo, resetNo, production] = await Promise.all([
        cli(['delete-user', ALICE], { input: 'no\n' }),
        cli(['reset-db'], { input: '\n' }),
        cli(['reset-db', '--yes'], { env: { NODE_ENV: 'production' } }),
      ]);
      expect(deleteNo).toMatchObject({ code: 1, stdout: '' });
      expect(deleteNo.stderr).toMatch(/Type 'yes' to continue: aborted: nothing was deleted\n$/);
      expect(resetNo).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^This deletes ALL data in sqlite:.*aborted: nothing was changed\n$/s),
      });
      expect(production).toMatchObject({
        code: 1,
        stderr: 'refusing to reset a production database (NODE_ENV=production) without --force\n',
      });
      expect(await countRowsFor(t.db, ALICE)).toEqual(before);
    },
  );

  it(
    'reports bad input in one line: bad phone (2), unknown user (1), bad option (2), missing argument (2)',
    SPAWNS,
    async () => {
      const [badPhone, unknown, badSince, missing] = await Promise.all([
        cli(['user-info', 'call me maybe']),
        cli(['export-user', '+1 202 555 0199']),
        cli(['list-leads', '--since', 'last tuesday']),
        cli(['delete-user']),
      ]);
      expect(badPhone).toEqual({
        code: 2,
        stdout: '',
        stderr: 'error: bad phone format (expected e.g. +971 50 123 4567, 00971501234567 or 971501234567)\n',
      });
      expect(unknown).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: unknown user: nothing is stored for 12025550199\n',
      });
      expect(badSince).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^error: --since: "last tuesday" is not a date/),
      });
      expect(missing).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("error: missing required argument 'phone'"),
      });
    },
  );

  it(
    'names what to fix: every missing option of programs add, the interests there are, the range of --messages',
    SPAWNS,
    async () => {
      const [missing, badInterest, help, interest, none, tooMany] = await Promise.all([
        cli(['programs', 'add', 'Half a program', '--country', 'Malta']),
        cli(['list-leads', '--interest', 'yachts']),
        cli(['list-leads', '--help']),
        cli(['list-leads', '--interest', 'ELIGIBILITY', '--json']),
        cli(['user-info', ALICE, '--messages', '0', '--json']),
        cli(['user-info', ALICE, '--messages', '1001']),
      ]);
      expect(missing).toEqual({
        code: 2,
        stdout: '',
        stderr: 'error: missing required options: --category, --min-investment, --link, --rank\n',
      });
      expect(badInterest).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: interest "yachts" is not one that leads have; one of: "Eligibility check", "Job search assistance", "General consultation", "eligibility" (any case)\n',
      });
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(
        '--interest <text> only leads with this interest: one of: "Eligibility check", "Job search assistance", "General consultation", or a residency category (see `programs list`); any case',
      );
      expect(JSON.parse(interest.stdout)).toMatchObject([{ phone: ALICE }]);
      // As GET /admin/api/users/:phone?messages=0: the totals, no messages (admin-api.test.ts).
      expect(JSON.parse(none.stdout)).toMatchObject({
        phone: ALICE,
        totals: { incoming: 2, outgoing: 3, markRead: 1 },
        messages: [],
      });
      expect(tooMany).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(
          "option '--messages <n>' argument '1001' is invalid. expected a whole number from 0 to 1000",
        ),
      });
    },
  );

  it(
    'user-info, export-user and the delete-user prompt count the same messages, and say what they count',
    SPAWNS,
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'export-')), 'alice.json');
      const [info, exported, prompt] = await Promise.all([
        cli(['user-info', ALICE, '--messages', '0']),
        cli(['export-user', ALICE, '--output', file]),
        cli(['delete-user', ALICE], { input: 'no\n' }),
      ]);
      const stored = await countRowsFor(t.db, ALICE);
      expect(stored).toMatchObject({ messages: 6, statuses: 3 }); // 2 in, 3 out, 1 mark-read; statuses apart
      const counted = '6 message rows (2 in, 3 out, 1 mark-read receipt)';
      expect(info.stdout).toMatch(new RegExp(`messages\\s+│ ${escape(counted)}`));
      expect(exported.stdout).toBe(`exported ${counted}, 3 delivery statuses, 3 notification(s) to ${file}\n`);
      expect(prompt.stderr).toContain(`(${counted}; 3 delivery statuses; a lead; a session)?`);
    },
  );

  it('says the database is unreachable, or not migrated, in one line', SPAWNS, async () => {
    let fresh: TestDatabase | undefined;
    try {
      fresh = await createTestDatabase('sqlite');
      const [down, stale] = await Promise.all([
        runCli(['stats'], { env: { DATABASE_URL: 'postgres://nexora@127.0.0.1:1/nexora' } }),
        runCli(['stats'], { env: { DATABASE_URL: fresh.url } }),
      ]);
      expect(down).toEqual({ code: 1, stdout: '', stderr: 'database unreachable: connect ECONNREFUSED 127.0.0.1:1\n' });
      expect(stale).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(
          /^database schema is not up to date \(sqlite:.*\): run `nexora-bot migrate` first\n$/,
        ),
      });
    } finally {
      await fresh?.drop();
    }
  });

  it('runs through the package bin (bin/nexora-bot.js) as npx does', SPAWNS, async () => {
    const run = await runCli(['stats', '--json'], {
      entry: 'bin/nexora-bot.js',
      env: { DATABASE_URL: t.database.url },
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ users: { total: 2 } });
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
