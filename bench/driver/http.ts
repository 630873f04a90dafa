// The load driver's HTTP side: signed, real-shaped webhook bodies, an undici pool to the server
// under test, and the post itself. Bodies and signatures are computed before the clock starts.
import { Pool } from 'undici';
import { signBody } from '../../src/whatsapp/verify-signature.js';

export const APP_SECRET = 'bench-app-secret-0123456789';

export interface Progress {
  (line: string): void;
}

export interface SignedBody {
  buf: Buffer;
  sig: string;
}

export function sign(body: unknown): SignedBody {
  const raw = JSON.stringify(body);
  return { buf: Buffer.from(raw), sig: signBody(raw, APP_SECRET) };
}

/** Distinct users per run: `prefix` + 8 digits (wa_id shape). */
export const userPhone = (prefix: string, i: number): string => `${prefix}${String(i).padStart(8, '0')}`;

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export function newPool(url: string, connections: number): Pool {
  return new Pool(url, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 120_000,
    keepAliveMaxTimeout: 120_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
}

/**
 * Opens `n` connections before the clock starts (n concurrent GETs). Without it, on SQLite, some of
 * the first webhooks of a burst, on brand-new connections, were sometimes held ~2 s (see README).
 */
export async function preconnect(pool: Pool, path: string, n: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, async () => {
      const res = await pool.request({ method: 'GET', path });
      await res.body.dump();
    }),
  );
}

export async function postWebhook(pool: Pool, body: SignedBody): Promise<number> {
  const res = await pool.request({
    method: 'POST',
    path: '/webhook',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': body.sig },
    body: body.buf,
  });
  await res.body.dump();
  return res.statusCode;
}
