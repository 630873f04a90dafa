// Pulls the shell commands out of the Markdown documents, for test/docs-commands.test.ts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { read, ROOT } from './deploy-support.js';

export const DOCS = [
  'README.md',
  'QUICKSTART.md',
  'DEPLOYMENT.md',
  'ARCHITECTURE.md',
  ...(existsSync(join(ROOT, 'docs'))
    ? readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`)
    : []),
];

export interface DocCommand {
  file: string;
  /** One simple command: the words of a line split at `&&`, `||`, `;` and `|`, comments removed. */
  words: string[];
  text: string;
}

/** Splits outside quotes; drops a trailing `# comment`. */
function splitLine(line: string): string[][] {
  const commands: string[][] = [[]];
  let word = '';
  let quote: string | null = null;
  const endWord = () => {
    if (word) commands.at(-1)!.push(word);
    word = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && word === '') break;
    else if (/\s/.test(c)) endWord();
    else if (c === ';' || c === '|' || (c === '&' && line[i + 1] === '&')) {
      endWord();
      if (line[i + 1] === c) i++;
      commands.push([]);
    } else word += c;
  }
  endWord();
  return commands.filter((c) => c.length > 0);
}

/** Every command in the documents' ```bash / ```sh / ```shell blocks. */
export function docCommands(): DocCommand[] {
  const out: DocCommand[] = [];
  for (const file of DOCS) {
    const blocks = read(file).matchAll(/^\s*```(?:bash|sh|shell)\s*\n([\s\S]*?)^\s*```/gm);
    for (const block of blocks) {
      const lines = block[1]!
        .replace(/\\\n\s*/g, ' ')
        .split('\n')
        .map((l) => l.trim().replace(/^\$ /, ''));
      for (const line of lines.filter(Boolean)) {
        for (const words of splitLine(line)) out.push({ file, words, text: line });
      }
    }
  }
  return out;
}

/** `KEY=` lines of the documents' ```dotenv / ```env blocks. */
export function docEnvKeys(): { file: string; key: string }[] {
  return DOCS.flatMap((file) =>
    [...read(file).matchAll(/^\s*```(?:dotenv|env)\s*\n([\s\S]*?)^\s*```/gm)].flatMap((b) =>
      [...b[1]!.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => ({ file, key: m[1]! })),
    ),
  );
}

/** Relative links (`[x](path)` and `[x](path#anchor)`) of every document. */
export function docLinks(): { file: string; target: string }[] {
  return DOCS.flatMap((file) =>
    [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!.split('#')[0]!)
      .filter((t) => t && !/^[a-z]+:/i.test(t))
      .map((target) => ({ file, target })),
  );
}
