// Operators send a client an image or a document (issue 15), on both databases, against the fake
// Graph API as a real loopback server: the upload request and the send body exactly as the Cloud API
// reference writes them, each sent once; the window, STOP, the file types and the size cap refused
// before anything is queued or kept; a failed upload retried without a second send, a failed send
// retried with the same media id, and an upload that outlasts its lease never sent twice.
import { readdirSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { getTimeline } from '../src/ops/conversations.js';
import { ACCEPTED_EXTENSIONS, cleanFilename, sendMediaAsOperator, storeOperatorUpload } from '../src/ops/send-media.js';
import { addOperator } from '../src/ops/operators.js';
import { consoleCookie } from './helpers/console-http.js';
import { graphErrorBody } from './helpers/fake-graph.js';
import { textMessage } from './helpers/payloads.js';
import { ManualClock, startTestBot, TEST_ADMIN_TOKEN, TEST_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550007070';
const HOUR = 60 * 60 * 1000;
const CONSULTANT = 'karim@nexora.test';
const PASSWORD = 'correct horse battery staple';
/** A small but real PDF's first bytes (its type is checked from them, not from the name). */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% Nexora test\n'), Buffer.alloc(2000, 0x20), Buffer.from('%%EOF\n')]);

async function* chunks(buf: Buffer, size = 700): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** A browser's multipart form, as bytes and its content type. */
async function multipartForm(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type') ?? '' };
}

describeEachDb('operators send images and documents', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function start(env: Record<string, string> = {}, clock?: ManualClock): Promise<TestBot> {
    bot = await startTestBot(kind, { MARK_READ: 'false', ...env }, { clock });
    return bot;
  }

  function storedFiles(b: TestBot): string[] {
    const dir = b.runtime.deps.config.mediaDir;
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /[0-9a-f]{32}/.test(f));
  }

  async function outgoing(b: TestBot) {
    return b.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('phone', '=', USER)
      .where('direction', '=', 'outgoing')
      .where('operator', 'is not', null)
      .execute();
  }

  async function api(b: TestBot, url: string, payload: Record<string, unknown>) {
    const res = await b.runtime.app.inject({
      method: 'POST',
      url: `/admin/api${url}`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload,
    });
    return { status: res.statusCode, body: res.json<Record<string, any>>() };
  }

  async function sendPdf(b: TestBot, caption = 'Your contract', name = 'contract-42.pdf') {
    const upload = await storeOperatorUpload(
      b.runtime.deps.media,
      { filename: name, bytes: chunks(PDF) },
      b.runtime.deps.config.mediaUploadMaxBytes,
    );
    return sendMediaAsOperator(
      b.runtime.deps.db,
      b.runtime.deps.media,
      USER,
      'sara',
      { source: { upload }, caption },
      b.runtime.deps.clock.now(),
    );
  }

  it('uploads a document to the Graph media API once and sends it by id with its file name and caption', async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    const before = b.sentTo(USER).length;
    const { id } = await sendPdf(b);
    await b.idle();

    expect(b.graph.uploads).toHaveLength(1);
    const up = b.graph.uploads[0]!;
    expect(up.fields).toEqual({ messaging_product: 'whatsapp', type: 'application/pdf' });
    expect(up.file).toEqual({ filename: 'contract-42.pdf', mimeType: 'application/pdf', bytes: PDF });
    const request = b.graph.requests.find((r) => r.upload === up)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v24.0/200000000000002/media');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);

    const sent = b.sentTo(USER).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+${USER}`,
      type: 'document',
      document: { id: up.id, filename: 'contract-42.pdf', caption: 'Your contract' },
    });
    expect(b.graph.sent.filter((r) => (r.body as { type?: string }).type === 'document')).toHaveLength(1);

    const [row] = await outgoing(b);
    expect(row).toMatchObject({ id, operator: 'sara', status: 'sent', type: 'document' });
    expect(row!.message).toBe('[document: contract-42.pdf] Your contract');
    const file = await b.runtime.deps.db
      .selectFrom('media_files')
      .selectAll()
      .where('message_row_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({
      direction: 'outgoing',
      kind: 'document',
      media_id: up.id,
      mime_type: 'application/pdf',
      filename: 'contract-42.pdf',
      status: 'stored',
      operator: 'sara',
    });
    expect(Number(file.size)).toBe(PDF.length);
    // The timeline shows the file, which operators can open.
    const t = await getTimeline(b.runtime.deps.db, USER);
    expect(t.media.get(id)).toMatchObject({
      name: 'contract-42.pdf',
      href: `/console/media/${file.id}`,
      inline: false,
    });
  });

  it('sends an image by link through the admin API with the exact body, and refuses a link that is not https', async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    const before = b.sentTo(USER).length;
    const res = await api(b, `/conversations/${USER}/reply`, {
      image: { link: 'https://files.example.test/office.png', caption: 'Our office' },
      operator: 'sara',
    });
    expect(res.status).toBe(202);
    await b.idle();
    const sent = b.sentTo(USER).slice(before);
    expect(sent.map((r) => r.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: `+${USER}`,
        type: 'image',
        image: { link: 'https://files.example.test/office.png', caption: 'Our office' },
      },
    ]);
    expect(b.graph.uploads).toHaveLength(0);
    const [row] = await outgoing(b);
    expect(row).toMatchObject({ operator: 'sara', status: 'sent' });

    // A document by link: its file name from the link unless given.
    const doc = await api(b, `/conversations/${USER}/reply`, {
      document: { link: 'https://files.example.test/guides/Portugal%20guide.pdf' },
      operator: 'sara',
    });
    expect(doc.status).toBe(202);
    await b.idle();
    expect(b.sentTo(USER).at(-1)!.body).toMatchObject({
      type: 'document',
      document: { link: 'https://files.example.test/guides/Portugal%20guide.pdf', filename: 'Portugal guide.pdf' },
    });

    expect(
      await api(b, `/conversations/${USER}/reply`, {
        document: { link: 'http://files.example.test/a.pdf' },
        operator: 'sara',
      }),
    ).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED', field: 'link' } });
    expect(
      await api(b, `/conversations/${USER}/reply`, { text: 'hi', image: { link: 'https://x.test/a.png' } }),
    ).toMatchObject({
      status: 400,
      body: { message: 'the body must be exactly one of text, template (with language), document or image' },
    });
  });

  it('a CRM uploads an image through the admin API as multipart: uploaded and sent by id once', async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    const before = b.sentTo(USER).length;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(900, 7)]);
    const upload = async (fields: Record<string, string>, file?: { name: string; bytes: Buffer; type: string }) => {
      const form = await multipartForm(fields, file);
      const res = await b.runtime.app.inject({
        method: 'POST',
        url: `/admin/api/conversations/${USER}/media`,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': form.contentType },
        payload: form.payload,
      });
      return { status: res.statusCode, body: res.json<Record<string, any>>() };
    };
    const res = await upload(
      { caption: 'Our office', operator: 'sara' },
      { name: 'office.png', bytes: png, type: 'image/png' },
    );
    expect(res.status).toBe(202);
    await b.idle();
    expect(b.graph.uploads.map((u) => [u.fields, u.file])).toEqual([
      [
        { messaging_product: 'whatsapp', type: 'image/png' },
        { filename: 'office.png', mimeType: 'image/png', bytes: png },
      ],
    ]);
    expect(
      b
        .sentTo(USER)
        .slice(before)
        .map((r) => r.body),
    ).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: `+${USER}`,
        type: 'image',
        image: { id: b.graph.uploads[0]!.id, caption: 'Our office' },
      },
    ]);
    const [row] = await outgoing(b);
    expect(row).toMatchObject({ id: res.body.id, operator: 'sara', status: 'sent', type: 'image' });

    // Refusals keep the error vocabulary, and keep nothing.
    expect(
      await upload(
        { operator: 'sara' },
        { name: 'big.png', bytes: Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]), type: 'image/png' },
      ),
    ).toMatchObject({
      status: 413,
      body: {
        error: 'PAYLOAD_TOO_LARGE',
        message: '"big.png" is too large: WhatsApp accepts images up to 5 MB. Send a smaller file, or a link.',
        field: 'file',
      },
    });
    expect(await upload({ operator: 'sara' })).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect(await api(b, `/conversations/${USER}/media`, { file: 'office.png' })).toMatchObject({
      status: 415,
      body: { error: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(storedFiles(b)).toHaveLength(1);
    const doc = (
      await b.runtime.app.inject({
        method: 'GET',
        url: '/admin/api/openapi.json',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      })
    ).json<Record<string, any>>();
    expect(Object.keys(doc.paths['/admin/api/conversations/{phone}/media'].post.requestBody.content)).toEqual([
      'multipart/form-data',
    ]);
  });

  it('an upload that outlasts its lease: the worker that took the message over sends it, the slow one sends nothing', async () => {
    const b = await start({ SEND_LEASE_SECONDS: '2' });
    await b.say(textMessage(USER, 'hi'));
    const before = b.sentTo(USER).length;
    // The first upload answers after 3 s, past the 2 s lease: the row is claimed again meanwhile.
    b.graph.delay(3_000, { times: 1 });
    const { id } = await sendPdf(b, 'slow');
    await b.graph.waitFor((reqs) => reqs.filter((r) => r.upload !== undefined && r.response).length === 2, 15_000);
    await b.idle();
    await new Promise((r) => setTimeout(r, 300));
    const [first, second] = b.graph.uploads;
    expect(first!.id).toBeDefined();
    expect(second!.id).toBeDefined();
    const sent = b.sentTo(USER).slice(before);
    expect(sent.map((r) => r.body)).toEqual([
      expect.objectContaining({ document: { id: second!.id, filename: 'contract-42.pdf', caption: 'slow' } }),
    ]);
    expect(b.graph.sent.filter((r) => (r.body as any).document?.caption === 'slow')).toHaveLength(1);
    const row = await b.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .select(['status', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', attempts: 2 });
    const file = await b.runtime.deps.db
      .selectFrom('media_files')
      .select('media_id')
      .where('message_row_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(file.media_id).toBe(second!.id);
  });

  it('after the 24-hour window a file is refused before anything is queued, uploaded or kept', async () => {
    const clock = new ManualClock();
    const b = await start({}, clock);
    await b.say(textMessage(USER, 'hi'));
    clock.advance(25 * HOUR);
    const queued = (await outgoing(b)).length;
    await expect(sendPdf(b)).rejects.toMatchObject({
      code: 'WINDOW_CLOSED',
      message: 'the client last wrote more than 24 hours ago: WhatsApp only allows an approved template now',
    });
    expect(
      await api(b, `/conversations/${USER}/reply`, { document: { link: 'https://files.example.test/a.pdf' } }),
    ).toMatchObject({ status: 409, body: { error: 'WINDOW_CLOSED' } });
    expect(await outgoing(b)).toHaveLength(queued);
    expect(storedFiles(b)).toEqual([]);
    expect(b.graph.uploads).toHaveLength(0);
  });

  it('once the client sent STOP, a file is refused with OPTED_OUT, nothing is queued or kept', async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    await b.say(textMessage(USER, 'STOP'));
    const queued = (await outgoing(b)).length;
    await expect(sendPdf(b)).rejects.toMatchObject({ code: 'OPTED_OUT' });
    expect(
      await api(b, `/conversations/${USER}/reply`, { image: { link: 'https://files.example.test/a.png' } }),
    ).toMatchObject({
      status: 409,
      body: { error: 'OPTED_OUT', message: 'the client sent STOP: nothing may be sent until they write START' },
    });
    expect(await outgoing(b)).toHaveLength(queued);
    expect(storedFiles(b)).toEqual([]);
    expect(b.graph.uploads).toHaveLength(0);
  });

  it('the console refuses a file over the cap and a file of another type with a sentence, keeping nothing', async () => {
    const b = await start({ MEDIA_UPLOAD_MAX_MB: '0.001' }); // 1049 bytes
    await b.say(textMessage(USER, 'hi'));
    const now = Date.now();
    await addOperator(
      b.runtime.deps.db,
      { email: CONSULTANT, display_name: 'Karim', role: 'consultant', password: PASSWORD },
      now,
    );
    const cookie = await consoleCookie(b, CONSULTANT, PASSWORD);
    const page = await b.runtime.app.inject({
      method: 'GET',
      url: `/console/conversations/${USER}`,
      headers: { cookie },
    });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    // The form's accept list is the server's.
    expect(page.body).toContain(`accept="${ACCEPTED_EXTENSIONS.join(',')}"`);
    const post = async (file: { name: string; bytes: Buffer; type: string }, fields: Record<string, string> = {}) => {
      const form = await multipartForm({ _csrf: csrf, caption: 'hello', ...fields }, file);
      const res = await b.runtime.app.inject({
        method: 'POST',
        url: `/console/inbox/conversations/${USER}/media`,
        headers: { cookie, 'content-type': form.contentType },
        payload: form.payload,
      });
      return { status: res.statusCode, text: res.body.replace(/&quot;/g, '"').replace(/&#39;/g, "'") };
    };

    const big = await post({ name: 'scan.pdf', bytes: PDF, type: 'application/pdf' });
    expect(big.status).toBe(413);
    expect(big.text).toContain(
      '"scan.pdf" is too large: the console accepts files up to 1 KB (MEDIA_UPLOAD_MAX_MB). Send a smaller file, or a link.',
    );
    const exe = await post({ name: 'setup.exe', bytes: Buffer.from('MZ'), type: 'application/octet-stream' });
    expect(exe.status).toBe(400);
    expect(exe.text).toContain(
      'WhatsApp takes images as JPEG or PNG and documents as PDF, TXT, DOC, DOCX, XLS, XLSX, PPT or PPTX: "setup.exe" is none of these. Choose another file.',
    );
    const fake = await post({ name: 'photo.png', bytes: Buffer.from('<html>not a png</html>'), type: 'image/png' });
    expect(fake.status).toBe(400);
    expect(fake.text).toContain('"photo.png" is not really a image/png file');
    // Without the session's CSRF token nothing is read into MEDIA_DIR either.
    const forged = await post({ name: 'a.pdf', bytes: PDF.subarray(0, 500), type: 'application/pdf' }, { _csrf: 'x' });
    expect(forged.status).toBe(403);

    expect(await outgoing(b)).toEqual([]);
    expect(storedFiles(b)).toEqual([]);

    // A small one goes through the same form, and the conversation becomes the consultant's.
    const small = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x20)]);
    const ok = await post({ name: 'note.pdf', bytes: small, type: 'application/pdf' });
    expect(ok.status).toBe(303);
    await b.idle();
    expect(b.graph.uploads.map((u) => u.file?.bytes)).toEqual([small]);
    expect(b.sentTo(USER).at(-1)!.body).toMatchObject({
      type: 'document',
      document: { id: b.graph.uploads[0]!.id, filename: 'note.pdf', caption: 'hello' },
    });
    expect(await outgoing(b)).toMatchObject([{ operator: CONSULTANT, status: 'sent' }]);
    expect(storedFiles(b)).toHaveLength(1);
  });

  it('a failed upload is retried and the message sent once; a failed send is retried with the same media id', async () => {
    const b = await start();
    await b.say(textMessage(USER, 'hi'));
    const before = b.sentTo(USER).length;
    // Scripted answers by hand: the fake's fault script counts an upload as a send.
    let failUploads = 1;
    let failSends = 0;
    let refuseUploads = 0;
    b.graph.respondWith((r) => {
      if (r.upload !== undefined && refuseUploads > 0 && refuseUploads--)
        return { status: 400, body: graphErrorBody(131053, 'Media upload error') };
      if (r.upload !== undefined && failUploads > 0 && failUploads--)
        return { status: 500, body: graphErrorBody(131000) };
      if (r.kind === 'send' && failSends > 0 && failSends--) return { status: 500, body: graphErrorBody(131000) };
      return undefined;
    });
    const { id } = await sendPdf(b, 'first');
    await b.idle();
    expect(b.graph.uploads).toHaveLength(2);
    expect(b.graph.uploads[0]!.id).toBeUndefined();
    const mediaId = b.graph.uploads[1]!.id!;
    expect(
      b
        .sentTo(USER)
        .slice(before)
        .map((r) => r.body),
    ).toEqual([expect.objectContaining({ document: { id: mediaId, filename: 'contract-42.pdf', caption: 'first' } })]);
    expect(b.graph.sent.filter((r) => (r.body as { type?: string }).type === 'document')).toHaveLength(1);
    const row = await b.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });

    // Meta fails the send itself: the retry sends the same id, with no second upload.
    failSends = 1;
    await sendPdf(b, 'second');
    await b.idle();
    expect(b.graph.uploads).toHaveLength(3);
    const second = b.graph.uploads[2]!.id!;
    const attempts = b.graph.sent.filter(
      (r) => (r.body as { document?: { caption?: string } }).document?.caption === 'second',
    );
    expect(attempts.map((r) => r.body)).toEqual([
      expect.objectContaining({ document: { id: second, filename: 'contract-42.pdf', caption: 'second' } }),
      expect.objectContaining({ document: { id: second, filename: 'contract-42.pdf', caption: 'second' } }),
    ]);
    expect(b.sentTo(USER).filter((r) => (r.body as any).document?.caption === 'second')).toHaveLength(1);
    // An upload Meta refuses for good (131053) fails the message with Meta's words, never sent.
    refuseUploads = 1;
    const { id: refused } = await sendPdf(b, 'third');
    await b.idle();
    const failed = await b.runtime.deps.db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('id', '=', refused)
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', error_code: 131053 });
    expect(failed.error_title).toContain('upload failed');
    expect(b.graph.sent.filter((r) => (r.body as any).document?.caption === 'third')).toHaveLength(0);
  });
});

it('keeps a file name without folders or control characters', () => {
  expect(cleanFilename('C:\\Users\\sara\\..\\contract\u0000 v2.pdf')).toBe('contract v2.pdf');
  expect(cleanFilename('../../etc/passwd')).toBe('passwd');
  expect(cleanFilename('x'.repeat(300) + '.pdf')).toHaveLength(200);
  expect(cleanFilename('x'.repeat(300) + '.pdf').endsWith('.pdf')).toBe(true);
});
