// The gates of `npm test` must be able to fail: the linter on a floating promise, the dependency
// rules on an import that breaks the layering, the format check on a misformatted file. Each is run
// on a tiny fixture next to a clean one, so a gate that silently passes everything is caught here.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

describe('ESLint (the project config, type-aware)', () => {
  // Fixture files inside the project (so the project config applies) with their own small tsconfig,
  // which the project service picks as the nearest one: linting them does not load the whole program.
  const dir = mkdtempSync(join(ROOT, '.code-health-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext' } }));
  writeFileSync(
    join(dir, 'save.ts'),
    'export async function save(): Promise<void> {}\nexport interface Saved {\n  ok: boolean;\n}\n',
  );
  const eslint = new ESLint({ cwd: ROOT });
  const rulesHit = async (name: string, code: string) => {
    writeFileSync(join(dir, name), code);
    const [result] = await eslint.lintFiles([join(dir, name)]);
    return (result?.messages ?? []).map((m) => m.ruleId ?? `parse error: ${m.message}`);
  };

  it('fails a promise that nobody awaits or handles, and passes it once awaited', async () => {
    const header = "import { save } from './save.js';\n";
    expect(await rulesHit('floating.ts', `${header}export function f(): void {\n  save();\n}\n`)).toEqual([
      '@typescript-eslint/no-floating-promises',
    ]);
    expect(
      await rulesHit('awaited.ts', `${header}export async function f(): Promise<void> {\n  await save();\n}\n`),
    ).toEqual([]);
  });

  it('fails an unused import and a value import used only as a type', async () => {
    const hit = await rulesHit(
      'imports.ts',
      "import { save } from './save.js';\nimport { Saved } from './save.js';\nexport let s: Saved | undefined;\n",
    );
    expect(hit).toContain('@typescript-eslint/no-unused-vars');
    expect(hit).toContain('@typescript-eslint/consistent-type-imports');
  });
});

describe('dependency-cruiser (the project rules)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexora-deps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  write('src/store/db.ts', 'export const db = 1;\n');
  write('src/lib/clean.ts', 'export const two = 2;\n');
  write('src/lib/bad.ts', "import { db } from '../store/db.js';\nexport const x = db;\n");
  write('src/whatsapp/bad.ts', "import { db } from '../store/db.js';\nexport const y = db;\n");
  write('src/conversation/bad.ts', "import { createServer } from 'node:http';\nexport const z = createServer;\n");

  const cruise = async (...paths: string[]) => {
    const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
    const args = ['--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', ...paths];
    // depcruise exits non-zero when it finds an error-level violation; the JSON report is on stdout either way.
    const out = await run(bin, args, { cwd: dir }).catch((err: { stdout: string }) => err);
    const report = JSON.parse(out.stdout) as { summary: { violations: { rule: { name: string }; from: string }[] } };
    return report.summary.violations.map((v) => `${v.rule.name} ${v.from}`);
  };

  it('fails lib/ and whatsapp/ importing the store, and conversation/ importing HTTP; passes a clean file', async () => {
    expect((await cruise('src')).sort()).toEqual([
      'conversation-is-pure src/conversation/bad.ts',
      'lib-imports-nothing-of-ours src/lib/bad.ts',
      'whatsapp-knows-no-store src/whatsapp/bad.ts',
    ]);
    expect(await cruise('src/lib/clean.ts', 'src/store/db.ts')).toEqual([]);
  });
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
