import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback, type Listening } from '../../test/helpers/loopback.js';
import { createThreadedGraphClient } from './graph-thread.js';

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A loopback Graph API: answers after `delayMs`, 500 for bodies mentioning "boom", else a wamid. */
async function graph(delayMs = 0): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      setTimeout(() => {
        if (body.includes('boom')) {
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 1, message: 'unknown' } }));
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.T${bodies.length}` }] }));
      }, delayMs);
    });
  });
  server = await listenOnLoopback(http);
  return { url: `http://127.0.0.1:${server.port}`, bodies };
}

const options = (baseUrl: string) => ({ baseUrl, version: 'v24.0', phoneNumberId: '123', token: 'tok' });

describe('Graph client on its own thread', () => {
  it('sends the queued JSON text as is and brings back each outcome to its own caller', async () => {
    const g = await graph();
    const client = createThreadedGraphClient(options(g.url));
    const [a, b] = await Promise.all([
      client.send('{"to":"1","text":"hi"}'),
      client.send({ messaging_product: 'whatsapp', to: '2', text: 'boom' }),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: false, retryable: true, httpStatus: 500 });
    expect(g.bodies).toContain('{"to":"1","text":"hi"}');
    expect(client.messagesUrl).toBe(`${g.url}/v24.0/123/messages`);
    await client.close();
  });

  it('lets requests in flight finish on close, then answers later sends with a retryable error instead of throwing', async () => {
    const g = await graph(200);
    const client = createThreadedGraphClient(options(g.url));
    const inFlight = client.send('{"to":"1"}');
    await new Promise((r) => setTimeout(r, 50));
    await client.close();
    expect(await inFlight).toMatchObject({ ok: true, wamid: 'wamid.T1' });
    expect(await client.send('{"to":"2"}')).toMatchObject({ ok: false, retryable: true });
    expect(g.bodies).toHaveLength(1);
  });

  it('keeps the process alive while a request is in flight, and lets it end once idle', async () => {
    const g = await graph(300);
    // A process whose only pending work is one send: it must print the outcome, then exit by itself.
    const script = `import { createThreadedGraphClient } from ${JSON.stringify(new URL('./graph-thread.ts', import.meta.url).href)};
      const c = createThreadedGraphClient(${JSON.stringify(options(g.url))});
      console.log(JSON.stringify(await c.send('{"to":"1"}')));`;
    // Asynchronously: the loopback server runs in this process.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 20_000 },
    );
    expect(JSON.parse(stdout.trim())).toMatchObject({ ok: true, wamid: 'wamid.T1' });
  });

  it('refuses a configuration without a token at once, not later in the thread', () => {
    expect(() => createThreadedGraphClient({ ...options('http://127.0.0.1:9'), token: '' })).toThrow(
      /token is required/,
    );
  });
});
