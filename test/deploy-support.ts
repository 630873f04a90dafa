// Readers for the deployment files and the code's configuration surface, shared by the deploy-*
// and docs-* tests. No Docker engine runs here: the files are checked as text and YAML.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import YAML from 'yaml';
import { createCliContext } from '../src/cli/cli-context.js';
import { buildProgram } from '../src/cli/run-cli.js';

export const ROOT = new URL('..', import.meta.url).pathname;
export const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

export interface Instruction {
  op: string;
  args: string;
}
export interface Stage {
  name: string | undefined;
  from: string;
  steps: Instruction[];
}

/** Dockerfile → stages, with line continuations joined, comments dropped and ARG defaults applied to FROM. */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [k, v = ''] = rest.split('=');
      if (k) args[k] = v;
    } else if (upper === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      const from = (m?.[1] ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? '');
      stages.push({ name: m?.[2], from, steps: [] });
    } else {
      stages.at(-1)?.steps.push({ op: upper, args: rest.replace(/\s+/g, ' ') });
    }
  }
  return stages;
}

export function composeFile(file = 'docker-compose.yml'): {
  services: Record<string, any>;
  volumes?: Record<string, unknown>;
} {
  return YAML.parse(read(file), { merge: true });
}

/** Keys of the zod schema in src/config.ts: the variables the server reads. */
export function configSchemaKeys(): string[] {
  const text = read('src/config.ts');
  const body = text.slice(text.indexOf('const schema'), text.indexOf('export type Env'));
  return [...body.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
}

/** Every .ts file under `dir` (relative to the repository), tests included. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Variables read straight from process.env anywhere in src (`process.env.X`, `process.env['X']`, `env('X')`). */
export function envReadsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles('src').filter((f) => !f.endsWith('.test.ts'))) {
    const text = read(file);
    const patterns = [/process\.env\.([A-Z][A-Z0-9_]*)/g, /process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g];
    if (text.includes('process.env[')) patterns.push(/\benv\(['"]([A-Z][A-Z0-9_]*)['"]\)/g);
    for (const p of patterns) for (const m of text.matchAll(p)) found.set(m[1]!, file);
  }
  return found;
}

/** `KEY=value` lines of .env.example (commented-out keys count too). */
export function envExampleKeys(): string[] {
  return [...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

/** The CLI's commands as typed (`migrate`, `programs list`), each with its long options. */
export function cliCommands(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (cmd: Command, prefix: string) => {
    for (const sub of cmd.commands) {
      for (const name of [sub.name(), ...sub.aliases()]) {
        const key = `${prefix}${name}`;
        out.set(
          key,
          new Set([
            '--help',
            '-h',
            ...sub.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f))),
          ]),
        );
        add(sub, `${key} `);
      }
    }
  };
  add(buildProgram(createCliContext({})), '');
  return out;
}
