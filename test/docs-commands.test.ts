// The documents cannot drift: every command in their bash blocks is checked against what exists —
// npm scripts, CLI commands and their options, files, compose profiles and services — and the
// read-only CLI commands they show are run, as child processes, against a fresh SQLite database.
// (`npm ci` and `npm test` are what `.ci/run` runs; docker, curl and the like cannot run here.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommands, composeFile, configSchemaKeys, read, ROOT } from './deploy-support.js';
import { docCommands, docEnvKeys, docLinks, DOCS } from './docs-support.js';

const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const cli = cliCommands();
const compose = composeFile();
const profiles = new Set(Object.values(compose.services).flatMap((s: { profiles?: string[] }) => s.profiles ?? []));
/** Tools the documents may show that these tests cannot run (a Docker engine, Meta, a tunnel...). */
const EXTERNAL = new Set([
  'git',
  'cd',
  'curl',
  'openssl',
  'cloudflared',
  'ngrok',
  'pg_dump',
  'pg_restore',
  'psql',
  'sqlite3',
]);
/** CLI commands that only read (or, for `migrate`, create the schema idempotently): run for real. */
const RUNNABLE = new Set(['--help', 'migrate', 'init-db', 'stats', 'list-leads', 'programs list', 'operators list']);
/** Commands that group subcommands (`programs add`, `operators list`). */
const GROUPS = new Set(['programs', 'operators']);
const toRun = new Map<string, string[]>();

/** Checks `nexora-bot <args>` names a command and only its options; remembers the runnable ones. */
function checkCli(args: string[], where: string): void {
  const sub = GROUPS.has(args[0] ?? '') ? `${args[0]} ${args[1] ?? ''}`.trim() : (args[0] ?? '--help');
  if (sub === '--help') return void toRun.set('--help', ['--help']);
  expect(cli.has(sub), `${where}: no CLI command "${sub}"`).toBe(true);
  for (const flag of args.filter((a) => a.startsWith('-'))) {
    expect([...cli.get(sub)!, '--verbose'], `${where}: "${sub}" has no option ${flag}`).toContain(flag.split('=')[0]);
  }
  if (RUNNABLE.has(sub) && !args.some((a) => /[<$]/.test(a))) toRun.set(args.join(' '), args);
}

function checkCommand(words: string[], where: string): void {
  const [cmd, ...rest] = words;
  const cliAt = words.findIndex((w, i) => (w === 'nexora-bot' && words[i - 1] === 'npx') || w === 'bin/nexora-bot.js');
  if (cliAt >= 0) checkCli(words.slice(cliAt + 1), where);
  if (cmd === 'npm') {
    const [verb, name] = rest;
    if (verb === 'ci') return;
    const script = verb === 'run' ? name : verb;
    expect(Object.keys(scripts), `${where}: no npm script "${script}"`).toContain(script);
    if (script === 'cli') checkCli(rest.slice(rest.indexOf('--') + 1), where);
  } else if (cmd === 'npx') {
    expect(rest[0], `${where}: npx runs only this package's bin`).toBe('nexora-bot');
  } else if (cmd === 'node') {
    if (rest[0] === 'dist/main.js') expect(existsSync(join(ROOT, 'src/main.ts')) && scripts.build).toBeTruthy();
    else expect(rest[0], `${where}: node runs only the two entry points`).toBe('bin/nexora-bot.js');
  } else if (cmd === 'docker') {
    if (rest[0] !== 'compose') return expect(['build', 'run'], where).toContain(rest[0]);
    for (let i = 1; i < rest.length; i++) {
      if (rest[i] === '-f') expect(existsSync(join(ROOT, rest[++i]!)), `${where}: no ${rest[i]}`).toBe(true);
      if (rest[i] === '--profile') expect(profiles.has(rest[++i]!), `${where}: no profile ${rest[i]}`).toBe(true);
      if (['exec', 'run', 'logs'].includes(rest[i]!)) {
        const service = rest.slice(i + 1).find((w) => !w.startsWith('-'));
        expect(Object.keys(compose.services), `${where}: no service ${service}`).toContain(service);
        break;
      }
    }
  } else if (cmd === 'cp') {
    expect(existsSync(join(ROOT, rest[0]!)), `${where}: cp from a missing file`).toBe(true);
  } else if (cmd === 'bash') {
    expect(existsSync(join(ROOT, rest[0]!)), where).toBe(true);
  } else {
    expect(
      EXTERNAL.has(cmd!),
      `${where}: unknown command "${cmd}" — fix the document or list the tool in this test`,
    ).toBe(true);
  }
}

const commands = docCommands();

describe('the commands in the documents', () => {
  it('finds commands in every operator-facing document', () => {
    for (const file of ['README.md', 'QUICKSTART.md', 'DEPLOYMENT.md'])
      expect(
        commands.some((c) => c.file === file),
        file,
      ).toBe(true);
  });

  it('use npm scripts, CLI commands and options, files, compose profiles and services that exist', () => {
    for (const c of commands) checkCommand(c.words, `${c.file}: ${c.text}`);
    // Inline mentions in prose as well.
    for (const file of DOCS) {
      for (const m of read(file).matchAll(/`npm run ([\w:-]+)/g))
        expect(Object.keys(scripts), `${file}: npm run ${m[1]}`).toContain(m[1]);
      for (const m of read(file).matchAll(
        /`(?:npx nexora-bot|nexora-bot) ([a-z][\w-]*(?: list| add| update| remove| disable| reset-password)?)/g,
      )) {
        expect(cli.has(m[1]!), `${file}: nexora-bot ${m[1]}`).toBe(true);
      }
    }
  });

  it('set only variables the bot reads in their .env examples', () => {
    expect(docEnvKeys().length).toBeGreaterThan(0);
    for (const { file, key } of docEnvKeys()) expect(configSchemaKeys(), `${file}: ${key}`).toContain(key);
  });

  it('link only to files that exist', () => {
    for (const { file, target } of docLinks())
      expect(existsSync(join(ROOT, dirname(file), target)), `${file} → ${target}`).toBe(true);
  });
});

describe('the read-only CLI commands the documents show', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexora-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('run successfully, as the documents write them, on a fresh database', () => {
    for (const c of commands) checkCommand(c.words, `${c.file}: ${c.text}`);
    expect([...toRun.keys()]).toEqual(expect.arrayContaining(['--help', 'migrate', 'stats']));
    // `migrate` first, so the others find a schema; `npm run cli --` is `tsx src/cli/cli-main.ts`.
    const runs = [...toRun.values()].sort((a, b) => Number(b[0] === 'migrate') - Number(a[0] === 'migrate'));
    const env = { PATH: process.env.PATH, DATABASE_URL: join(dir, 'docs.db') };
    for (const args of runs) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/cli-main.ts', ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, `nexora-bot ${args.join(' ')}: ${run.stderr}`).toBe(0);
      if (args.includes('--json')) expect(() => JSON.parse(run.stdout)).not.toThrow();
      else expect(run.stdout.length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(dir, 'docs.db')).length).toBeGreaterThan(0);
  }, 120_000);
});
