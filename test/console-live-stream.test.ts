// The console's live streams (a conversation's timeline, the inbox) over a real loopback connection:
// they announce a change, and they end with `signed-out` once the operator's session has ended, by
// signing out elsewhere, by their account being disabled, or by the idle timeout.
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { IDLE_TIMEOUT_MS } from '../src/console/auth/sessions.js';
import { addOperator, setOperatorDisabled } from '../src/ops/operators.js';
import { CONSULTANT, PASSWORD } from './helpers/console-browser.js';
import { consoleCookie } from './helpers/console-http.js';
import { envelope, textMessage } from './helpers/payloads.js';
import { ManualClock, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '447700900123';

/** An open event stream: the text received so far, and whether the server has ended it. */
class Stream {
  text = '';
  ended = false;
  private readonly controller = new AbortController();
  constructor(url: string, cookie: string) {
    void fetch(url, { headers: { cookie }, signal: this.controller.signal })
      .then(async (res) => {
        expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) this.text += decoder.decode(chunk);
        this.ended = true;
      })
      .catch(() => {});
  }
  async waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until)
        throw new Error(`stream: no ${what} after ${timeoutMs} ms; got ${JSON.stringify(this.text)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  close(): void {
    this.controller.abort();
  }
}

describeEachDb('console live streams end with the session', (kind) => {
  let bot: TestBot;
  let clock: ManualClock;
  let base: string;
  const streams: Stream[] = [];
  const open = (path: string, cookie: string) => {
    const s = new Stream(`${base}${path}`, cookie);
    streams.push(s);
    return s;
  };

  const start = async () => {
    clock = new ManualClock();
    bot = await startTestBot(kind, {}, { clock });
    await addOperator(
      bot.runtime.deps.db,
      { email: CONSULTANT, display_name: 'Sara', role: 'consultant', password: PASSWORD },
      clock.now(),
    );
    await bot.runtime.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(bot.runtime.app.server.address() as AddressInfo).port}`;
    // The client exists, so its conversation page and stream do.
    expect((await bot.post(envelope({ messages: [textMessage(USER, 'hi')] }))).status).toBe(200);
    await bot.idle();
  };
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await bot.stop();
  });

  it('announces a new client message, then ends both streams when the operator signs out elsewhere', async () => {
    await start();
    const cookie = await consoleCookie(bot, CONSULTANT, PASSWORD);
    const conversation = open(`/console/conversations/${USER}/events`, cookie);
    const inbox = open('/console/inbox/events', cookie);
    await conversation.waitFor(() => conversation.text.includes('retry:'), 'opening');
    await inbox.waitFor(() => inbox.text.includes('retry:'), 'opening');
    await new Promise((r) => setTimeout(r, 1_000)); // the first poll has taken the fingerprint

    expect((await bot.post(envelope({ messages: [textMessage(USER, 'are you there?')] }))).status).toBe(200);
    await conversation.waitFor(() => conversation.text.includes('event: changed'), 'change');
    expect(conversation.ended).toBe(false);

    // Signing out in another tab ends the session; the open streams notice and end.
    const out = await bot.runtime.app.inject({
      method: 'POST',
      url: '/console/logout',
      headers: { cookie, 'x-csrf-token': await csrfOf(bot, cookie) },
    });
    expect(out.statusCode).toBe(303);
    for (const s of [conversation, inbox]) {
      await s.waitFor(() => s.ended, 'end');
      expect(s.text).toContain('event: signed-out');
    }
    // And the stream cannot be opened again with that cookie.
    const again = await fetch(`${base}/console/inbox/events`, { headers: { cookie }, redirect: 'manual' });
    expect(again.status).toBe(303);
  }, 60_000);

  it('ends the stream of an operator an admin disables, and of a session left idle past the timeout', async () => {
    await start();
    const disabledCookie = await consoleCookie(bot, CONSULTANT, PASSWORD);
    const disabled = open('/console/inbox/events', disabledCookie);
    await disabled.waitFor(() => disabled.text.includes('retry:'), 'opening');
    await setOperatorDisabled(bot.runtime.deps.db, CONSULTANT, true);
    await disabled.waitFor(() => disabled.ended, 'end');
    expect(disabled.text).toContain('event: signed-out');

    await setOperatorDisabled(bot.runtime.deps.db, CONSULTANT, false);
    const idleCookie = await consoleCookie(bot, CONSULTANT, PASSWORD);
    const idle = open(`/console/conversations/${USER}/events`, idleCookie);
    await idle.waitFor(() => idle.text.includes('retry:'), 'opening');
    // An open page is not activity: the stream alone does not keep the session alive.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(idle.ended).toBe(false);
    clock.advance(IDLE_TIMEOUT_MS + 1_000);
    await idle.waitFor(() => idle.ended, 'end');
    expect(idle.text).toContain('event: signed-out');
  }, 60_000);
});

/** The session's CSRF token, as the console pages carry it. */
async function csrfOf(bot: TestBot, cookie: string): Promise<string> {
  const page = await bot.runtime.app.inject({ method: 'GET', url: '/console/inbox', headers: { cookie } });
  const token = /data-csrf="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error('no CSRF token on the inbox page');
  return token;
}
