// The start banner tells how to create the first console admin, with a command that works where the
// server runs, and only while there is no active admin. (The compiled server's production log line
// and the command run in the image's layout are in deploy-image.test.ts.)
import { afterEach, expect, it } from 'vitest';
import { addOperator, hasActiveAdmin, setOperatorDisabled } from '../src/ops/operators.js';
import { firstOperatorCommand, startBanner } from '../src/start-banner.js';
import { startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const ADD = 'operators add you@example.com --name "Your Name" --role admin';

it('names npm run cli from the sources and the package bin from dist/, relative to the working directory', () => {
  expect(firstOperatorCommand('file:///home/dev/nexora/src/start-banner.ts', '/home/dev/nexora')).toBe(
    `npm run cli -- ${ADD}`,
  );
  // The Docker image: WORKDIR /app, the server is /app/dist/main.js (no tsx, no src/ there).
  expect(firstOperatorCommand('file:///app/dist/start-banner.js', '/app')).toBe(`node bin/nexora-bot.js ${ADD}`);
  expect(firstOperatorCommand('file:///srv/nexora/dist/start-banner.js', '/srv')).toBe(
    `node nexora/bin/nexora-bot.js ${ADD}`,
  );
  // This test runs from the sources.
  expect(firstOperatorCommand()).toBe(`npm run cli -- ${ADD}`);
});

describeEachDb('the start banner', (kind) => {
  let bot: TestBot;
  afterEach(async () => bot.stop());

  it('shows the first-operator command until an enabled admin exists', async () => {
    bot = await startTestBot(kind, {}, { startWorkers: false, seed: false });
    const db = bot.runtime.deps.db;
    const banner = async () =>
      startBanner(
        bot.runtime.config,
        'db',
        'http://127.0.0.1:5000',
        (await hasActiveAdmin(db)) ? null : firstOperatorCommand(),
      );
    const first = await banner();
    expect(first).toContain('console:     http://127.0.0.1:5000/console');
    expect(first).toContain(`no console admin yet: create the first operator with\n      npm run cli -- ${ADD}`);

    // A consultant is not an admin; a disabled admin cannot sign in.
    const password = 'a long enough password';
    await addOperator(db, { email: 'c@nexora.test', display_name: 'C', role: 'consultant', password }, Date.now());
    await addOperator(db, { email: 'a@nexora.test', display_name: 'A', role: 'admin', password }, Date.now());
    await setOperatorDisabled(db, 'a@nexora.test', true);
    expect(await banner()).toContain('no console admin yet');

    await setOperatorDisabled(db, 'a@nexora.test', false);
    const later = await banner();
    expect(later).toContain('console:     http://127.0.0.1:5000/console');
    expect(later).not.toContain('no console admin yet');
    expect(later).not.toContain('operators add');
  });
});
