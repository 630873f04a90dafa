// Client documents and media (issue 15) on both databases, against the fake Graph API as a real
// loopback server: the file is fetched off the webhook's path by the notification worker, stored
// once under MEDIA_DIR with its metadata, fetched again when its URL expired, retried after a
// failure, and refused, with one polite sentence to the client, when too large or corrupt.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { envelope, nextWamid, textMessage } from './helpers/payloads.js';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { messagesFor } from '../src/messages.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550006161';
const PDF = Buffer.from('%PDF-1.4\n% a passport scan, for the test\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);

const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (b: Buffer) => createHash('sha256').update(b).digest('base64');

function mediaMessage(kind: string, mediaId: string, fields: Record<string, unknown>, wamid = nextWamid()) {
  return {
    from: USER,
    id: wamid,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: kind,
    [kind]: { id: mediaId, ...fields },
  };
}

describeEachDb('inbound media', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function start(): Promise<TestBot> {
    bot = await startTestBot(kind, { MARK_READ: 'false' });
    return bot;
  }

  /** The download job of a message, once the worker has finished with it (sent or failed for good). */
  async function jobDone(wamid: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await bot!.runtime.deps.db
        .selectFrom('notifications')
        .selectAll()
        .where('dedupe_key', '=', `media:${wamid}`)
        .executeTakeFirst();
      if (job && (job.status === 'sent' || job.status === 'failed')) return job;
      if (Date.now() > deadline) throw new Error(`media job not done: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const files = () => bot!.runtime.deps.db.selectFrom('media_files').selectAll().orderBy('id').execute();
  const onDisk = () =>
    readdirSync(bot!.runtime.config.mediaDir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name));

  it('stores a client document once, even when the webhook is delivered twice', async () => {
    await start();
    bot!.graph.media.set('700000000000001', { bytes: PDF, mimeType: 'application/pdf' });
    // Meta's webhook gives the hash in base64; GET /{media-id} in hex: both spellings are checked.
    const message = mediaMessage('document', '700000000000001', {
      mime_type: 'application/pdf',
      sha256: b64(PDF),
      filename: 'passport.pdf',
    });
    const body = envelope({ messages: [message] });
    expect((await bot!.post(body)).status).toBe(200);
    expect((await bot!.post(body)).status).toBe(200);
    const job = await jobDone(message.id);
    expect(job.status).toBe('sent');
    await bot!.idle(30_000);

    const rows = await files();
    expect(rows).toHaveLength(1);
    const [file] = rows;
    expect(file).toMatchObject({
      phone: USER,
      direction: 'incoming',
      kind: 'document',
      media_id: '700000000000001',
      mime_type: 'application/pdf',
      filename: 'passport.pdf',
      status: 'stored',
      sha256: hex(PDF),
      problem: null,
    });
    expect(Number(file!.size)).toBe(PDF.length);
    const stored = await bot!.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select('id')
      .where('message_id', '=', message.id)
      .executeTakeFirstOrThrow();
    expect(Number(file!.message_row_id)).toBe(Number(stored.id));
    // The bytes, under a random name that says nothing about the person or the file.
    expect(file!.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(readFileSync(join(bot!.runtime.config.mediaDir, file!.storage_key!)).equals(PDF)).toBe(true);
    expect(onDisk()).toHaveLength(1);
    expect(bot!.graph.downloads).toEqual(['700000000000001']);
    // Meta's two-step contract: the id asked with the business number, the URL fetched with the token.
    const info = bot!.graph.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v24.0/700000000000001?'));
    expect(info).toHaveLength(1);
    expect(info[0]!.path).toBe(`/v24.0/700000000000001?phone_number_id=200000000000002`);
    const download = bot!.graph.requests.find((r) => r.path.startsWith('/fake-media/'));
    expect(download?.headers.authorization).toBe('Bearer test-whatsapp-token');
  });

  it('asks Meta again for a URL that has expired, and retries the job after a failure', async () => {
    await start();
    bot!.graph.media.set('700000000000002', { bytes: JPEG, mimeType: 'image/jpeg' });
    let infoCalls = 0;
    bot!.graph.respondWith((req) => {
      if (req.method !== 'GET' || !req.path.startsWith('/v24.0/700000000000002?')) return undefined;
      infoCalls += 1;
      // The first attempt meets an outage: the job is retried later, nothing is lost.
      return infoCalls === 1
        ? { status: 503, body: { error: { message: 'Service unavailable', code: 2 } } }
        : undefined;
    });
    bot!.graph.expireMediaUrls(1);
    const message = mediaMessage('image', '700000000000002', { mime_type: 'image/jpeg', sha256: hex(JPEG) });
    expect((await bot!.post(envelope({ messages: [message] }))).status).toBe(200);
    const job = await jobDone(message.id);
    expect(job.status).toBe('sent');
    expect(job.attempts).toBe(2);
    // Outage, then a URL that had expired, then a fresh one that worked.
    expect(infoCalls).toBe(3);
    const downloads = bot!.graph.requests.filter((r) => r.path.startsWith('/fake-media/'));
    expect(downloads.map((r) => (r.response === 'dropped' ? 0 : r.response?.status))).toEqual([404, 200]);
    const [file] = await files();
    expect(file).toMatchObject({ status: 'stored', kind: 'image', sha256: hex(JPEG) });
    expect(onDisk()).toHaveLength(1);
  });

  it('refuses a file over the limit politely, without downloading what Meta says is too large', async () => {
    await start();
    // Meta reports a 6 MB image: over WhatsApp's 5 MB, refused before any download.
    bot!.graph.media.set('700000000000003', { bytes: JPEG, mimeType: 'image/jpeg', fileSize: 6 * 1024 * 1024 });
    // A sticker whose size Meta under-reports: the download itself stops at the 500 KB limit.
    const big = Buffer.alloc(600 * 1024, 1);
    bot!.graph.media.set('700000000000004', { bytes: big, mimeType: 'image/webp', fileSize: 1000 });
    await bot!.say(textMessage(USER, 'Bonjour, je voudrais des informations'));
    const image = mediaMessage('image', '700000000000003', { mime_type: 'image/jpeg', sha256: hex(JPEG) });
    const sticker = mediaMessage('sticker', '700000000000004', { mime_type: 'image/webp', sha256: hex(big) });
    expect((await bot!.post(envelope({ messages: [image, sticker] }))).status).toBe(200);
    expect((await jobDone(image.id)).status).toBe('sent');
    expect((await jobDone(sticker.id)).status).toBe('sent');
    await bot!.idle(30_000);

    const rows = await files();
    expect(rows.map((r) => [r.kind, r.status, r.storage_key])).toEqual([
      ['image', 'refused', null],
      ['sticker', 'refused', null],
    ]);
    expect(rows[0]!.problem).toContain("over WhatsApp's 5242880-byte limit");
    expect(Number(rows[1]!.size)).toBeGreaterThan(500 * 1024);
    expect(bot!.graph.downloads).not.toContain('700000000000003');
    expect(onDisk()).toEqual([]);
    // The client, who writes French, is told in French what went wrong and what to do.
    const told = bot!.sentTo(USER).map(bodyText);
    expect(told).toContain(
      '📎 Désolés, nous n’avons pas pu recevoir votre fichier : il dépasse 5 MB, le maximum que WhatsApp nous permet d’accepter. Envoyez un fichier plus léger, ou découpez-le en plusieurs.',
    );
    expect(told.filter((t) => t.includes('500 KB'))).toHaveLength(1);
  });

  it('retries a file whose SHA-256 does not match, then refuses it as corrupt and keeps nothing', async () => {
    await start();
    bot!.graph.media.set('700000000000005', { bytes: PDF, mimeType: 'application/pdf', sha256: hex(JPEG) });
    const message = mediaMessage('document', '700000000000005', { mime_type: 'application/pdf', filename: 'bank.pdf' });
    expect((await bot!.post(envelope({ messages: [message] }))).status).toBe(200);
    const job = await jobDone(message.id);
    expect(job.status).toBe('sent');
    expect(job.attempts).toBe(3);
    await bot!.idle(30_000);
    const [file] = await files();
    expect(file).toMatchObject({ status: 'refused', storage_key: null, filename: 'bank.pdf' });
    expect(file!.problem).toContain('SHA-256 is not the one Meta gave');
    expect(bot!.graph.downloads).toHaveLength(3);
    expect(onDisk()).toEqual([]);
    expect(bot!.sentTo(USER).map(bodyText)).toContain(
      "📎 Sorry, your file arrived damaged and we couldn't open it. Please send it again.",
    );
  });

  it('records a media id Meta no longer knows as refused, without retrying or bothering the client', async () => {
    await start();
    const message = mediaMessage('audio', '700000000000099', { mime_type: 'audio/ogg', sha256: 'x', voice: true });
    expect((await bot!.post(envelope({ messages: [message] }))).status).toBe(200);
    const job = await jobDone(message.id);
    expect(job).toMatchObject({ status: 'sent', attempts: 1 });
    await bot!.idle(30_000);
    const [file] = await files();
    expect(file).toMatchObject({ kind: 'audio', status: 'refused', storage_key: null });
    expect(file!.problem).toContain('code 100');
    // The voice note itself is acknowledged (the conversation's answer); no word about the download.
    expect(
      bot!
        .sentTo(USER)
        .map(bodyText)
        .filter((t) => t.startsWith('📎') && t !== messagesFor('en').t('input.fileReceived')),
    ).toEqual([]);
  });
});
