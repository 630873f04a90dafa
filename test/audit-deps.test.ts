// `npm run audit-deps` against a fake npm registry on loopback (its bulk advisory endpoint): a clean
// answer passes, an advisory fails with the package named, and an unreachable or refusing endpoint
// is reported as "not a pass" (exit 2), never as a pass.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listenOnLoopback, type Listening } from './helpers/loopback.js';

let answer: (body: Record<string, string[]>) => { status: number; json?: unknown } = () => ({ status: 200, json: {} });
const asked: Record<string, string[]>[] = [];
let registry: Listening;

async function readJson(req: IncomingMessage): Promise<Record<string, string[]>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
  return JSON.parse(text) as Record<string, string[]>;
}

beforeAll(async () => {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'POST' && req.url?.endsWith('/-/npm/v1/security/advisories/bulk')) {
        const body = await readJson(req);
        asked.push(body);
        const a = answer(body);
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(a.json === undefined ? '' : JSON.stringify(a.json));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{}');
    })();
  });
  registry = await listenOnLoopback(server);
});
afterAll(async () => registry.close());

function auditDeps(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-deps.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        npm_config_registry: `http://127.0.0.1:${registry.port}/`,
        npm_config_cache: process.env.npm_config_cache ?? '/tmp/nexora-audit-test-cache',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

it('passes when the advisory source knows nothing against the locked production dependencies', async () => {
  answer = () => ({ status: 200, json: {} });
  const { code, output } = await auditDeps();
  expect(output).toMatch(/no known advisory/);
  expect(code).toBe(0);
  // What was asked is the lock file's production tree: fastify is in it, vitest (dev) is not.
  const names = Object.keys(asked.at(-1)!);
  expect(names).toContain('fastify');
  expect(names).not.toContain('vitest');
}, 60_000);

it('fails and names the package when an advisory matches a locked version', async () => {
  answer = (body) => ({
    status: 200,
    json: {
      fastify: [
        {
          id: 1,
          url: 'https://example.invalid/advisory/1',
          title: 'Test advisory',
          severity: 'high',
          vulnerable_versions: `<=${body.fastify![0]}`,
          cwe: [],
          cvss: { score: 7.5, vectorString: null },
        },
      ],
    },
  });
  const { code, output } = await auditDeps();
  expect(output).toMatch(/fastify \(high\)/);
  expect(code).toBe(1);
}, 60_000);

it('says the check was not made, and exits 2, when the advisory endpoint refuses', async () => {
  answer = () => ({ status: 405 });
  const { code, output } = await auditDeps();
  expect(output).toMatch(/NOT a pass/);
  expect(code).toBe(2);
}, 60_000);
