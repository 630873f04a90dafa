// The ceiling: the least a webhook bot can do. No database, no signature check, no logic: read the
// body, JSON.parse it, answer 200, and post one text reply to the (fake) Graph API through a
// keep-alive undici pool. Run by bench/run.ts as its own process; what the load driver measures
// against it is what this machine and the driver can do at all.
//   env: PORT, GRAPH_API_URL, PHONE_NUMBER_ID, WHATSAPP_TOKEN
import { createServer } from 'node:http';
import { Pool } from 'undici';

const port = Number(process.env.PORT ?? 0);
const graphUrl = process.env.GRAPH_API_URL ?? 'http://127.0.0.1:1';
const path = `/v24.0/${process.env.PHONE_NUMBER_ID ?? '200000000000002'}/messages`;
const headers = {
  authorization: `Bearer ${process.env.WHATSAPP_TOKEN ?? 'bench-token'}`,
  'content-type': 'application/json',
};
// Same pool shape as the bot's Graph client (src/whatsapp/graph-client.ts): 16 keep-alive sockets.
const pool = new Pool(graphUrl, { connections: 16, pipelining: 1 });

const REPLY_TEXT =
  'Welcome to Nexora Investments! How can we help you today? Reply with a number: 1 Explore programs, 2 Check eligibility, 3 Talk to a consultant, 4 Job search, 5 Book a consultation, 6 Brochure.';

interface Hook {
  entry?: { changes?: { value?: { messages?: { from?: string }[] } }[] }[];
}

const server = createServer({ keepAliveTimeout: 120_000, requestTimeout: 0 }, (req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: Hook;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Hook;
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('EVENT_RECEIVED');
    const from = body.entry?.[0]?.changes?.[0]?.value?.messages?.[0]?.from;
    if (from === undefined) return;
    const reply = JSON.stringify({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+${from}`,
      type: 'text',
      text: { body: REPLY_TEXT },
    });
    pool
      .request({ method: 'POST', path, headers, body: reply })
      .then((r) => r.body.dump())
      .catch((err: unknown) => process.stderr.write(`ceiling: reply failed: ${String(err)}\n`));
  });
});
server.maxRequestsPerSocket = 0;
server.listen(port, '127.0.0.1', () => process.stdout.write('ceiling ready\n'));

const stop = (): void => {
  server.close();
  server.closeAllConnections();
  void pool.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
