// The gates of `npm test` must be able to fail: the linter on each async-safety and type-aware rule we
// rely on, the dependency rules on every import that breaks the layering, the format check on a
// misformatted file. Each runs on tiny fixtures next to clean ones, so a gate that silently passes
// everything is caught here. Each tool runs once over all its fixtures: a run costs seconds, not a case.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

describe('ESLint (the project config, type-aware)', () => {
  // Fixture files inside the project (so the project config applies) with their own small tsconfig,
  // which the project service picks as the nearest one: linting them does not load the whole program.
  // Every fixture is linted in one call (one program, one type-check), then each case reads its files.
  const dir = mkdtempSync(join(ROOT, '.code-health-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext' } }));
  const header = "import { save } from './save.js';\n";
  const fixtures: Record<string, string> = {
    'save.ts': 'export async function save(): Promise<void> {}\nexport interface Saved {\n  ok: boolean;\n}\n',
    'floating.ts': `${header}export function f(): void {\n  save();\n}\n`,
    'awaited.ts': `${header}export async function f(): Promise<void> {\n  await save();\n}\n`,
    'imports.ts': `${header}import { Saved } from './save.js';\nexport let s: Saved | undefined;\n`,
    // An async callback where a void one is expected: forEach neither awaits nor handles its promises.
    'misused.ts': `${header}export function f(list: number[]): void {\n  list.forEach(async () => {\n    await save();\n  });\n}\n`,
    'sequential.ts': `${header}export async function f(list: number[]): Promise<void> {\n  for (const _ of list) await save();\n}\n`,
    'await-value.ts': 'export async function f(): Promise<number> {\n  const n = await 1;\n  return n;\n}\n',
    'switch-missing.ts':
      "export function f(kind: 'a' | 'b'): number {\n  switch (kind) {\n    case 'a':\n      return 1;\n  }\n  return 0;\n}\n",
    'switch-complete.ts':
      "export function f(kind: 'a' | 'b'): number {\n  switch (kind) {\n    case 'a':\n      return 1;\n    case 'b':\n      return 2;\n  }\n}\n",
    'condition-never-null.ts': 'export function f(o: { n: number }): number {\n  return o.n ?? 0;\n}\n',
    'condition-maybe-null.ts': 'export function f(o: { n?: number }): number {\n  return o.n ?? 0;\n}\n',
    // A disabled rule says why on the same line, and a disable that no longer silences anything goes.
    'disable-bare.ts': `${header}export function f(): void {\n  // eslint-disable-next-line @typescript-eslint/no-floating-promises\n  save();\n}\n`,
    'disable-reasoned.ts': `${header}export function f(): void {\n  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- fire and forget\n  save();\n}\n`,
    'disable-unused.ts': `${header}export async function f(): Promise<void> {\n  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- was needed once\n  await save();\n}\n`,
  };
  for (const [name, code] of Object.entries(fixtures)) writeFileSync(join(dir, name), code);
  // `ignore: false`: the project config ignores .code-health-*/ so that `npm run lint` never trips on them.
  const eslint = new ESLint({ cwd: ROOT, ignore: false });
  const hits = new Map<string, string[]>();
  // A bound, not a wait: the one lint call builds the TypeScript program, which has taken over 30 s
  // (the default hook timeout) on the shared 2-core machine under load.
  beforeAll(async () => {
    for (const result of await eslint.lintFiles(Object.keys(fixtures).map((name) => join(dir, name)))) {
      hits.set(
        basename(result.filePath),
        result.messages.map((m) => m.ruleId ?? m.message),
      );
    }
  }, 120_000);
  const rulesHit = (name: string) => hits.get(name);

  it('fails a promise that nobody awaits or handles, and passes it once awaited', () => {
    expect(rulesHit('floating.ts')).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(rulesHit('awaited.ts')).toEqual([]);
    expect(rulesHit('save.ts')).toEqual([]);
  });

  it('fails an unused import and a value import used only as a type', () => {
    expect(rulesHit('imports.ts')?.sort()).toEqual([
      '@typescript-eslint/consistent-type-imports',
      '@typescript-eslint/no-unused-vars',
    ]);
  });

  it('fails an async callback where a void one is expected, and passes the awaited loop', () => {
    expect(rulesHit('misused.ts')).toEqual(['@typescript-eslint/no-misused-promises']);
    expect(rulesHit('sequential.ts')).toEqual([]);
  });

  it('fails awaiting a value that is not a promise', () => {
    expect(rulesHit('await-value.ts')).toEqual(['@typescript-eslint/await-thenable']);
  });

  it('fails a switch that misses a case of its union, and passes it once every case is there', () => {
    expect(rulesHit('switch-missing.ts')).toEqual(['@typescript-eslint/switch-exhaustiveness-check']);
    expect(rulesHit('switch-complete.ts')).toEqual([]);
  });

  it('fails a disabled rule that does not say why, or that silences nothing; passes one with a reason', () => {
    expect(rulesHit('disable-bare.ts')).toEqual(['@eslint-community/eslint-comments/require-description']);
    // ESLint itself reports an unused directive, with no rule id.
    expect(rulesHit('disable-unused.ts')).toEqual([expect.stringMatching(/^Unused eslint-disable directive/)]);
    expect(rulesHit('disable-reasoned.ts')).toEqual([]);
  });

  it('fails a fallback for a value that cannot be missing, and passes it for one that can', () => {
    expect(rulesHit('condition-never-null.ts')).toEqual(['@typescript-eslint/no-unnecessary-condition']);
    expect(rulesHit('condition-maybe-null.ts')).toEqual([]);
  });
});

describe('dependency-cruiser (the project rules)', () => {
  // One fixture tree with a violation of every rule next to its allowed counterpart, cruised once.
  const dir = mkdtempSync(join(tmpdir(), 'nexora-deps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  // Two tiny packages, one a dependency and one a dev dependency of this manifest, for not-to-dev-dep.
  write(
    'package.json',
    JSON.stringify({ type: 'module', dependencies: { 'run-dep': '1' }, devDependencies: { 'dev-dep': '1' } }),
  );
  for (const name of ['run-dep', 'dev-dep']) {
    write(`node_modules/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
    write(`node_modules/${name}/index.js`, 'export const one = 1;\n');
  }
  write('src/store/db.ts', 'export const db = 1;\nexport type Db = number;\n');
  write('src/lib/clean.ts', 'export const two = 2;\n');
  write('src/lib/bad.ts', "import { db } from '../store/db.js';\nexport const x = db;\n");
  write('src/whatsapp/bad.ts', "import { db } from '../store/db.js';\nexport const y = db;\n");
  write('src/conversation/bad.ts', "import { createServer } from 'node:http';\nexport const z = createServer;\n");
  write(
    'src/conversation/reply.ts',
    'export const reply = (text: string) => ({ text });\nexport type Reply = { text: string };\n',
  );
  // A cycle between two store modules (no other rule is involved).
  write('src/store/ping.ts', "import { pong } from './pong.js';\nexport const ping = () => pong;\n");
  write('src/store/pong.ts', "import { ping } from './ping.js';\nexport const pong = () => ping;\n");
  // The console: registered by app.ts only; it reaches the store through types alone.
  write('src/console/page.ts', "import type { Db } from '../store/db.js';\nexport const page = (d: Db) => d;\n");
  write('src/console/bad.ts', "import { db } from '../store/db.js';\nexport const c = db;\n");
  write('src/app.ts', "import { page } from './console/page.js';\nexport const app = page;\n");
  write('src/pipeline/uses-console.ts', "import { page } from '../console/page.js';\nexport const p = page;\n");
  // The inbox: a scope inside the console, registered by its plugin only; it may use the console's
  // sign-in guard and ops/, nothing else of the console and nothing below ops/.
  write('src/console/auth/guard.ts', 'export const guard = 1;\n');
  write(
    'src/inbox/inbox-plugin.ts',
    "import { guard } from '../console/auth/guard.js';\nimport { cleanup } from '../ops/cleanup.js';\n" +
      'export const inbox = [guard, cleanup];\n',
  );
  write(
    'src/console/console-plugin.ts',
    "import { inbox } from '../inbox/inbox-plugin.js';\nexport const c = inbox;\n",
  );
  write('src/inbox/bad.ts', "import { db } from '../store/db.js';\nexport const i = db;\n");
  write('src/inbox/uses-page.ts', "import { page } from '../console/page.js';\nexport const i = page;\n");
  write('src/pipeline/uses-inbox.ts', "import { inbox } from '../inbox/inbox-plugin.js';\nexport const p = inbox;\n");
  write('src/ops/uses-guard.ts', "import { guard } from '../console/auth/guard.js';\nexport const o = guard;\n");
  // jobs/ may use the conversation's types, not its code.
  write(
    'src/jobs/typed.ts',
    "import type { Reply } from '../conversation/reply.js';\nexport let r: Reply | undefined;\n",
  );
  write('src/jobs/bad.ts', "import { reply } from '../conversation/reply.js';\nexport const j = reply;\n");
  // pipeline/ may call ops/ from the retention job only.
  write('src/ops/cleanup.ts', 'export const cleanup = () => 0;\n');
  write('src/pipeline/retention-job.ts', "import { cleanup } from '../ops/cleanup.js';\nexport const r = cleanup;\n");
  write('src/pipeline/bad.ts', "import { cleanup } from '../ops/cleanup.js';\nexport const q = cleanup;\n");
  // The product runs without dev dependencies; a test may use them.
  write('src/store/uses-dep.ts', "import { one } from 'run-dep';\nexport const d = one;\n");
  write('src/store/uses-dev-dep.ts', "import { one } from 'dev-dep';\nexport const d = one;\n");
  write('src/store/uses-dev-dep.test.ts', "import { one } from 'dev-dep';\nexport const d = one;\n");
  write('test/helpers/fake.ts', 'export const fake = 1;\n');
  write(
    'src/store/uses-test-helper.ts',
    "import { fake } from '../../test/helpers/fake.js';\nexport const f = fake;\n",
  );

  it('fails every layering rule and a cycle, and passes the allowed imports next to them', async () => {
    const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
    const args = ['--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', 'src'];
    // depcruise exits non-zero when it finds an error-level violation; the JSON report is on stdout either way.
    const out = await run(bin, args, { cwd: dir }).catch((err: { stdout: string }) => err);
    const report = JSON.parse(out.stdout) as {
      summary: { violations: { rule: { name: string }; from: string; to: string }[] };
    };
    // The exact list: every clean fixture above passes, each bad one fails its own rule and no other.
    expect(report.summary.violations.map((v) => `${v.rule.name} ${v.from} -> ${v.to}`).sort()).toEqual([
      'console-auth-only-from-console-and-inbox src/ops/uses-guard.ts -> src/console/auth/guard.ts',
      'console-goes-through-ops src/console/bad.ts -> src/store/db.ts',
      'console-goes-through-ops src/inbox/bad.ts -> src/store/db.ts',
      'console-only-from-app src/inbox/uses-page.ts -> src/console/page.ts',
      'console-only-from-app src/pipeline/uses-console.ts -> src/console/page.ts',
      'conversation-is-pure src/conversation/bad.ts -> http',
      'inbox-only-from-console src/pipeline/uses-inbox.ts -> src/inbox/inbox-plugin.ts',
      'jobs-uses-conversation-types-only src/jobs/bad.ts -> src/conversation/reply.ts',
      'lib-imports-nothing-of-ours src/lib/bad.ts -> src/store/db.ts',
      'no-circular src/store/ping.ts -> src/store/pong.ts',
      'not-to-dev-dep src/store/uses-dev-dep.ts -> node_modules/dev-dep/index.js',
      'pipeline-uses-ops-only-for-retention src/pipeline/bad.ts -> src/ops/cleanup.ts',
      'product-never-imports-tests-or-bench src/store/uses-test-helper.ts -> test/helpers/fake.ts',
      'whatsapp-knows-no-store src/whatsapp/bad.ts -> src/store/db.ts',
    ]);
  }, 120_000); // a bound for a loaded machine, like the lint above: depcruise is a process of its own
});

describe('Prettier (the project config)', () => {
  it('flags a file that is not formatted, and passes it once formatted', async () => {
    const options = { ...(await prettier.resolveConfig(join(ROOT, 'src', 'x.ts'))), filepath: 'x.ts' };
    const messy = 'export const a = {b:"c"}\n';
    expect(await prettier.check(messy, options)).toBe(false);
    expect(await prettier.check(await prettier.format(messy, options), options)).toBe(true);
  });
});

describe('self-contained', () => {
  it('no code, test or document points at a folder outside the repository', () => {
    const outside = new RegExp(String.raw`\.\./` + 'shared' + String.raw`\b|/wo` + `rk/`);
    const dirs = ['src', 'test', 'bench', 'docs', 'bin', 'data-seed'];
    const files = [
      ...readdirSync(ROOT).filter((f) => /\.(md|json|ya?ml|cjs|js)$|^Dockerfile$/.test(f) && f !== 'package-lock.json'),
      ...dirs.flatMap((d) => readdirSync(join(ROOT, d), { recursive: true, encoding: 'utf8' }).map((f) => join(d, f))),
    ].filter((f) => /\.(ts|js|cjs|md|json|ya?ml)$|Dockerfile$/.test(f) && !f.startsWith(join('bench', 'results')));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => outside.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
