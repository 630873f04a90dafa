// The image without Docker: compile like the build stage (`npm run build` = tsc -p
// tsconfig.build.json), lay out a directory exactly as the final stage's COPY lines say, then run
// the Procfile's release and web commands there in production mode. This proves the compiled
// JavaScript starts without TypeScript tooling, finds its bundled catalogue, migrates, serves
// /webhook/health, /ready and /metrics, logs JSON, and stops cleanly on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseDockerfile, read, ROOT } from './deploy-support.js';

const ADMIN = 'image-test-admin-token-0123';
let app: string;
let procfile: Record<string, string>;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  const tmp = mkdtempSync(join(tmpdir(), 'nexora-image-'));
  app = join(tmp, 'app');
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(tmp, 'dist')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(tsc.stdout + tsc.stderr).toBe('');
  // The rest of `npm run build`: the console's templates and assets beside the compiled code.
  for (const d of ['views', 'assets'])
    cpSync(join(ROOT, 'src/console', d), join(tmp, 'dist/console', d), { recursive: true });
  const final = parseDockerfile(read('Dockerfile')).at(-1)!;
  mkdirSync(app);
  // Docker's COPY: a directory's contents go to the destination; a file goes into a destination ending in '/'.
  for (const copy of final.steps.filter((s) => s.op === 'COPY').map((s) => s.args.split(' '))) {
    const to = copy.at(-1)!;
    const dest = join(app, to);
    if (copy[0] === '--from=deps' && copy[1] === '/app/node_modules')
      symlinkSync(join(ROOT, 'node_modules'), dest, 'dir');
    else if (copy[0] === '--from=build' && copy[1] === '/app/dist')
      cpSync(join(tmp, 'dist'), dest, { recursive: true });
    else if (copy[0]!.startsWith('--'))
      throw new Error(`the test does not know how to lay out: COPY ${copy.join(' ')}`);
    else
      for (const src of copy.slice(0, -1))
        cpSync(join(ROOT, src), to.endsWith('/') ? join(dest, basename(src)) : dest, { recursive: true });
  }
  procfile = Object.fromEntries(
    read('Procfile')
      .trim()
      .split('\n')
      .map((l) => l.split(/:\s*/, 2) as [string, string]),
  );
  env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: join(tmp, 'data', 'bot.db'),
    WHATSAPP_TOKEN: 'image-test-token',
    PHONE_NUMBER_ID: '200000000000002',
    VERIFY_TOKEN: 'image-test-verify',
    APP_SECRET: 'image-test-secret',
    ADMIN_TOKEN: ADMIN,
    GRAPH_API_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'info',
  };
}, 120_000);

afterAll(() => {
  if (app) rmSync(join(app, '..'), { recursive: true, force: true });
});

it('migrates with the Procfile release command, from the compiled CLI', () => {
  const [cmd, ...args] = procfile.release!.split(' ');
  const run = spawnSync(cmd === 'node' ? process.execPath : cmd!, args, {
    cwd: app,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/001-initial/);
}, 90_000);

it('starts the compiled server with the Procfile web command, serves health, readiness and metrics, and stops on SIGTERM', async () => {
  const [cmd, ...args] = procfile.web!.split(' ');
  const child = spawn(cmd === 'node' ? process.execPath : cmd!, args, {
    cwd: app,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 45_000;
    // In production the start is one JSON log line (no banner on a log stream).
    const started = /"address":"(http:\/\/[^"]+)".*"msg":"nexora bot started"/;
    while (!started.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const base = started.exec(out)![1]!;
    expect(out).toMatch(/"mode":"live"/);
    expect((await fetch(`${base}/webhook/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { migrations: 'current' } });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(await metrics.text()).toMatch(/^nexora_queue_depth\{queue="outbound"\} 0$/m);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
  const logs = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string; added?: number });
  // The bundled catalogue (data-seed/) was found from dist/ and loaded on the first start.
  expect(logs.find((l) => l.msg === 'program catalogue loaded')?.added).toBeGreaterThan(0);
  expect(logs.at(-1)?.msg).toBe('stopped cleanly');
  expect(err).toBe('');
}, 120_000);
