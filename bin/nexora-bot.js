#!/usr/bin/env node
// `npx nexora-bot <command>`: the compiled CLI when `npm run build` has produced it, otherwise the
// TypeScript source through tsx (a runtime dependency), so the bin works in a plain checkout too.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/cli-main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/cli-main.ts', import.meta.url).href);
}
