// The inbox's CLI commands as operators run them (a real child process), on both databases: the
// canned replies consultants pick from, and `reply <phone> --text …` and `send-file <phone> …`
// reaching the fake Graph API through the running bot's outbound queue.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';
import { openTestDb, type OpenedDb } from './ops-fixtures.js';
import { describeEachDb } from './helpers/test-db.js';
import { textMessage } from './helpers/payloads.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { getHandoff, listHandoffEvents } from '../src/handoff/handoff-store.js';

// Child processes cost a second or more each, several more on a loaded machine.
const SPAWNS = { timeout: 180_000 };

describeEachDb('CLI: canned replies', (kind) => {
  let t: OpenedDb | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('canned add, list (by language), edit and remove; bad input exits 2 and changes nothing', SPAWNS, async () => {
    t = await openTestDb(kind);
    const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: t!.database.url } });
    const json = async (args: string[]) => {
      const run = await cli(args);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(run.stdout) as Record<string, unknown> & Record<string, unknown>[];
    };
    const hello = await json(['canned', 'add', '--title', 'Greeting', '--text', 'Hello from Nexora', '--json']);
    expect(hello).toMatchObject({ title: 'Greeting', body: 'Hello from Nexora', language: null, updated_by: 'cli' });
    const ru = await json([
      'canned',
      'add',
      '--title',
      'Перезвоню',
      '--text',
      'Перезвоню завтра',
      '--language',
      'ru',
      '--by',
      'sara',
      '--json',
    ]);
    expect(ru).toMatchObject({ language: 'ru', updated_by: 'sara' });

    const badLanguage = await cli(['canned', 'add', '--title', 'X', '--text', 'Y', '--language', 'klingon']);
    expect(badLanguage.code).toBe(2);
    expect(badLanguage.stderr).toContain('Unknown language "klingon"');
    const noText = await cli(['canned', 'add', '--title', 'X', '--text', '  ']);
    expect(noText).toMatchObject({ code: 2, stderr: 'error: Write the text of the canned reply.\n' });

    expect((await json(['canned', 'list', '--json'])).map((c) => c.title)).toEqual(['Greeting', 'Перезвоню']);
    expect((await json(['canned', 'list', '--language', 'fr', '--json'])).map((c) => c.title)).toEqual(['Greeting']);

    const edited = await json(['canned', 'edit', String(hello.id), '--text', 'Hello, this is Nexora', '--json']);
    expect(edited).toMatchObject({ id: hello.id, title: 'Greeting', body: 'Hello, this is Nexora', language: null });
    const table = await cli(['canned', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Hello, this is Nexora');

    expect(await cli(['canned', 'remove', String(ru.id)])).toMatchObject({ code: 0 });
    const gone = await cli(['canned', 'remove', String(ru.id)]);
    expect(gone).toMatchObject({ code: 1, stderr: `error: no canned reply with id ${String(ru.id)}\n` });
    const rows = await t.db.selectFrom('canned_replies').select(['title', 'body']).execute();
    expect(rows).toEqual([{ title: 'Greeting', body: 'Hello, this is Nexora' }]);
  });
});

describeEachDb('CLI: reply <phone> --text', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it(
    'queues the text once as the operator, the running bot sends it; refusals exit 1 and send nothing',
    SPAWNS,
    async () => {
      bot = await startTestBot(kind);
      const b = bot;
      const db = b.runtime.deps.db;
      const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: b.database.url } });
      const USER = '15550008181';
      const LATE = '15550008282';
      await b.say(textMessage(USER, 'I want to talk to a consultant'));
      await b.say(textMessage(LATE, 'hi'));
      await db
        .updateTable('whatsapp_sessions')
        .set({ last_inbound_at: Date.now() - 25 * 60 * 60 * 1000 })
        .where('phone', '=', LATE)
        .execute();

      const before = b.sentTo(USER).length;
      const run = await cli([
        'reply',
        `+${USER}`,
        '--text',
        'Hello, this is Sara from Nexora.',
        '--operator',
        'sara',
        '--json',
      ]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const out = JSON.parse(run.stdout) as { id: number; conversation: Record<string, unknown> };
      expect(out.conversation).toMatchObject({ phone: USER, owner: 'human', operator: 'sara', status: 'open' });
      await b.idle(30_000);
      const sent = b.sentTo(USER).slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body).toMatchObject({ messaging_product: 'whatsapp', type: 'text', to: `+${USER}` });
      expect(bodyText(sent[0]!)).toBe('Hello, this is Sara from Nexora.');
      const row = await db
        .selectFrom('whatsapp_messages')
        .select(['operator', 'status', 'direction'])
        .where('id', '=', out.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ operator: 'sara', status: 'sent', direction: 'outgoing' });
      expect((await listHandoffEvents(db, USER)).map((e) => [e.actor, e.event, e.to_state])).toEqual([
        ['client', 'request', 'bot/pending'],
        ['sara', 'human_spoke', 'human:sara/open'],
      ]);
      // The readable output, by default.
      const plain = await cli(['reply', USER, '--text', 'One more thing.', '--operator', 'sara']);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/^queued reply #\d+ to 15550008181 as sara; the conversation is now theirs/);
      await b.idle(30_000);
      expect(b.sentTo(USER).slice(before).map(bodyText)).toEqual([
        'Hello, this is Sara from Nexora.',
        'One more thing.',
      ]);

      // Refused before anything is queued: another operator owns it; the window has closed; no such client.
      const other = await cli(['reply', USER, '--text', 'Omar here', '--operator', 'omar']);
      expect(other).toMatchObject({ code: 1, stderr: 'error: another operator owns this conversation\n' });
      const late = await cli(['reply', LATE, '--text', 'Still there?']);
      expect(late.code).toBe(1);
      expect(late.stderr).toContain('the client last wrote more than 24 hours ago');
      const unknown = await cli(['reply', '15559990000', '--text', 'Hello?']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('unknown user');
      const missing = await cli(['reply', USER]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("required option '--text <text>' not specified");
      await b.idle(30_000);
      expect(b.sentTo(USER).slice(before)).toHaveLength(2);
      expect(b.sentTo(LATE).map(bodyText)).not.toContain('Still there?');
      expect(await getHandoff(db, LATE)).toMatchObject({ owner: 'bot' });
      const queued = await db
        .selectFrom('whatsapp_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('operator', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(Number(queued.n)).toBe(2);
    },
  );
});

describeEachDb('CLI: send-file <phone> [file] | --link', (kind) => {
  let bot: TestBot | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'uploads a local file once and sends it by id, or sends a link; refusals keep no file and send nothing',
    SPAWNS,
    async () => {
      bot = await startTestBot(kind, { MARK_READ: 'false' });
      const b = bot;
      const mediaDir = b.runtime.deps.config.mediaDir;
      const kept = () =>
        readdirSync(mediaDir, { recursive: true, encoding: 'utf8' }).filter((f) => /[0-9a-f]{32}/.test(f));
      const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: b.database.url, MEDIA_DIR: mediaDir } });
      const USER = '15550008383';
      const LATE = '15550008484';
      await b.say(textMessage(USER, 'I want to talk to a consultant'));
      await b.say(textMessage(LATE, 'hi'));
      await b.runtime.deps.db
        .updateTable('whatsapp_sessions')
        .set({ last_inbound_at: Date.now() - 25 * 60 * 60 * 1000 })
        .where('phone', '=', LATE)
        .execute();
      dir = mkdtempSync(join(tmpdir(), 'nexora-send-file-'));
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
      writeFileSync(join(dir, 'contract-7.pdf'), pdf);
      writeFileSync(join(dir, 'setup.exe'), Buffer.from('MZ\x90\x00'));
      writeFileSync(join(dir, 'fake.pdf'), Buffer.from('not a pdf at all'));
      const before = b.sentTo(USER).length;

      const run = await cli([
        'send-file',
        USER,
        join(dir, 'contract-7.pdf'),
        '--caption',
        'Your contract',
        '--operator',
        'sara',
        '--json',
      ]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const out = JSON.parse(run.stdout) as { id: number; conversation: Record<string, unknown> };
      expect(out.conversation).toMatchObject({ phone: USER, owner: 'human', operator: 'sara' });
      await b.idle(30_000);
      expect(b.graph.uploads.map((u) => u.file)).toEqual([
        { filename: 'contract-7.pdf', mimeType: 'application/pdf', bytes: pdf },
      ]);
      const link = await cli([
        'send-file',
        USER,
        '--link',
        'https://files.example.com/brochure.pdf',
        '--operator',
        'sara',
      ]);
      expect(link.code).toBe(0);
      expect(link.stdout).toMatch(/^queued file #\d+ to 15550008383 as sara/);
      await b.idle(30_000);
      const sent = b
        .sentTo(USER)
        .slice(before)
        .map((r) => r.body);
      expect(sent).toEqual([
        expect.objectContaining({
          type: 'document',
          document: { id: b.graph.uploads[0]!.id, filename: 'contract-7.pdf', caption: 'Your contract' },
        }),
        expect.objectContaining({
          type: 'document',
          document: { link: 'https://files.example.com/brochure.pdf', filename: 'brochure.pdf' },
        }),
      ]);
      expect(kept()).toHaveLength(1);

      // Refused, nothing kept or queued: a type WhatsApp does not take, a name that lies about the
      // content, a file that is not there, both a file and a link, the closed window.
      const exe = await cli(['send-file', USER, join(dir, 'setup.exe')]);
      expect(exe.code).toBe(2);
      expect(exe.stderr).toContain('is none of these');
      const fake = await cli(['send-file', USER, join(dir, 'fake.pdf'), '--operator', 'sara']);
      expect(fake.code).toBe(2);
      expect(fake.stderr).toContain('is not really a application/pdf file');
      const missing = await cli(['send-file', USER, join(dir, 'nope.pdf')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('cannot read');
      const both = await cli([
        'send-file',
        USER,
        join(dir, 'contract-7.pdf'),
        '--link',
        'https://files.example.com/a.pdf',
      ]);
      expect(both).toMatchObject({ code: 2, stderr: 'error: give either a file or --link <url>, not both\n' });
      const late = await cli(['send-file', LATE, join(dir, 'contract-7.pdf')]);
      expect(late.code).toBe(1);
      expect(late.stderr).toContain('the client last wrote more than 24 hours ago');
      await b.idle(30_000);
      expect(kept()).toHaveLength(1);
      expect(b.sentTo(USER).slice(before)).toHaveLength(2);
      expect(b.sentTo(LATE).filter((r) => (r.body as { type?: string }).type === 'document')).toEqual([]);
      expect(b.graph.uploads).toHaveLength(1);
    },
  );
});
