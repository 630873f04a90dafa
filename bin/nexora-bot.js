#!/usr/bin/env node
// `npx nexora-bot <command>`: runs the compiled CLI (dist/, from `npm run build`), which needs only
// the production dependencies; that is what the Docker image and `npm ci --omit=dev` installs use.
// In a development checkout without dist/ it falls back to the TypeScript source through tsx, a dev
// dependency; with neither, it says what to do instead of failing with a module-not-found trace.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/cli-main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    console.error(
      'nexora-bot: there is no compiled CLI (dist/cli/cli-main.js) and no tsx to run the sources.\n' +
        'Run `npm run build` (it needs the dev dependencies: `npm ci`), or `npm ci` to run from the sources.',
    );
    process.exit(1);
  }
  tsx.register();
  await import(new URL('../src/cli/cli-main.ts', import.meta.url).href);
}
