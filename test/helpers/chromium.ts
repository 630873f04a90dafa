// Debian's Chromium driven by playwright-core (its own browser download is never used): the browser
// tests and `npm run screenshots` launch it the same way.
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

function chromiumPath(): string {
  const path = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  if (!path) throw new Error('chromium is not installed (apt-get install chromium; .ci/run does it)');
  return path;
}

/** One browser per test file (or script run), reused by everything in it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
