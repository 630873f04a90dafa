// HANDOFF_TIMEOUT_MINUTES and NOTIFY_AFTER_MINUTES with a clock the test moves, on both databases:
// the handoff job's pass (runtime.handoffJob.runOnce) is what the server runs every half minute.
import { afterEach, expect, it } from 'vitest';
import { getHandoff, listHandoffEvents } from '../src/handoff/handoff-store.js';
import { addOperator } from '../src/ops/operators.js';
import {
  assignConversation,
  markConversationSeen,
  replyAsOperator,
  resolveConversation,
} from '../src/ops/handoff-conversations.js';
import { notificationsOf, waitForNotification } from './helpers/fake-smtp.js';
import { MAIL_ENV, useMailFixture } from './helpers/mail-fixture.js';
import { textMessage } from './helpers/payloads.js';
import { bodyText, ManualClock, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '15550004343';
const MIN = 60_000;
const TIMED_OUT = /no consultant could answer you in time/;

/**
 * BUSINESS_HOURS of three hours a day and a TIMEZONE in which the test's "now" is about 05:30: the
 * hours open at the whole minute 30 minutes from now (06:mm there) and close three hours later.
 */
function openingInHalfAnHour(): { now: number; env: { BUSINESS_HOURS: string; TIMEZONE: string } } {
  const now = Date.now();
  const start30 = new Date(now + 30 * MIN);
  const offsetHours = (((6 - start30.getUTCHours()) % 24) + 24) % 24;
  const offset = offsetHours > 12 ? offsetHours - 24 : offsetHours;
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const mm = String(start30.getUTCMinutes()).padStart(2, '0');
  return { now, env: { BUSINESS_HOURS: `Sun-Sat 06:${mm}-09:${mm}`, TIMEZONE: zone } };
}

/**
 * `count` conversations a consultant holds: claimed and answered at `answeredAt` (their place in the
 * job's order), and, when `clientWroteAt` is given, a client message since then that nobody has seen.
 */
async function heldConversations(
  db: TestBot['runtime']['deps']['db'],
  count: number,
  answeredAt: number,
  clientWroteAt?: number,
): Promise<string[]> {
  const phones = Array.from({ length: count }, (_, i) => String(15550100000 + i));
  await db
    .insertInto('conversation_handoffs')
    .values(
      phones.map((phone) => ({
        phone,
        owner: 'human' as const,
        operator: 'sara',
        status: 'open' as const,
        requested_at: null,
        claimed_at: answeredAt,
        last_operator_reply_at: answeredAt,
        updated_at: answeredAt,
      })),
    )
    .execute();
  if (clientWroteAt !== undefined) {
    await db
      .insertInto('whatsapp_messages')
      .values(
        phones.map((phone, i) => ({
          phone,
          message: 'later',
          direction: 'incoming' as const,
          timestamp: Math.floor(clientWroteAt / 1000),
          message_id: `wamid.held-${i}`,
          status: 'processed' as const,
          type: 'text',
          payload: '{}',
          next_attempt_at: null,
          locked_until: null,
          error_code: null,
          error_title: null,
          reply_to: null,
          created_at: clientWroteAt,
          updated_at: clientWroteAt,
          processed_at: clientWroteAt,
          sent_at: null,
        })),
      )
      .execute();
  }
  return phones;
}

describeEachDb('the handoff timeout', (kind) => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function start(env: Record<string, string> = {}): Promise<{ b: TestBot; clock: ManualClock }> {
    const clock = new ManualClock();
    bot = await startTestBot(kind, { HANDOFF_TIMEOUT_MINUTES: '120', MARK_READ: 'false', ...env }, { clock });
    return { b: bot, clock };
  }

  /** One pass of the job, then everything it queued is sent; returns what the client received. */
  async function pass(b: TestBot): Promise<string[]> {
    const before = b.sentTo(USER).length;
    await b.runtime.handoffJob.runOnce();
    await b.idle();
    return b.sentTo(USER).slice(before).map(bodyText);
  }

  it('a request nobody claims goes back to the bot after 120 minutes, the client is told once, the bot answers again', async () => {
    const { b, clock } = await start();
    await b.say(textMessage(USER, 'agent'));
    clock.advance(119 * MIN);
    expect(await pass(b)).toEqual([]);
    expect(await getHandoff(b.runtime.deps.db, USER)).toMatchObject({ status: 'pending' });

    clock.advance(1 * MIN);
    const told = await pass(b);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(TIMED_OUT);
    expect(await pass(b)).toEqual([]);
    expect(await getHandoff(b.runtime.deps.db, USER)).toMatchObject({ owner: 'bot', status: 'resolved' });
    const events = await listHandoffEvents(b.runtime.deps.db, USER);
    expect(events.at(-1)).toMatchObject({
      actor: 'timeout',
      event: 'timeout',
      from_state: 'bot/pending',
      to_state: 'bot/resolved',
      created_at: clock.now(),
    });
    const next = await b.say(textMessage(USER, 'hello?'));
    expect(next.map(bodyText).join('\n')).toContain('Explore Residency Programs');
  });

  it('a claim does not stop the clock: a request claimed but never answered times out 120 minutes after it was made', async () => {
    const { b, clock } = await start();
    const db = b.runtime.deps.db;
    await b.say(textMessage(USER, 'human'));
    clock.advance(100 * MIN);
    await assignConversation(db, USER, 'sara', 'sara', clock.now());
    clock.advance(19 * MIN);
    expect(await pass(b)).toEqual([]);
    clock.advance(1 * MIN);
    expect(await pass(b)).toEqual([expect.stringMatching(TIMED_OUT)]);
    expect((await listHandoffEvents(db, USER)).at(-1)).toMatchObject({
      event: 'timeout',
      from_state: 'human:sara/open',
      to_state: 'bot/resolved',
    });
  });

  it('an operator who answered keeps the conversation while the client is silent; a client message unanswered for 120 minutes times it out', async () => {
    const { b, clock } = await start();
    const db = b.runtime.deps.db;
    await b.say(textMessage(USER, 'human'));
    await assignConversation(db, USER, 'sara', 'sara', clock.now());
    clock.advance(10 * MIN);
    await replyAsOperator(db, USER, 'sara', 'Hello, Sara here. Which country interests you?', clock.now());
    await b.idle();
    // The consultant waits for the client: hours pass, nothing is taken back and nothing is said.
    for (const step of [120, 500, 600]) {
      clock.advance(step * MIN);
      expect(await pass(b)).toEqual([]);
      expect(await getHandoff(db, USER)).toMatchObject({ owner: 'human', operator: 'sara', status: 'open' });
    }
    // The client answers (at the test clock's time: the 24-hour window opens again); now the client waits.
    const nowTs = () => ({ ts: Math.floor(clock.now() / 1000) });
    await b.say(textMessage(USER, 'Portugal, and my budget is 300k', nowTs()));
    clock.advance(119 * MIN);
    expect(await pass(b)).toEqual([]);
    // An answer in time stops it again.
    await replyAsOperator(db, USER, 'sara', 'Great, let me check the options.', clock.now());
    await b.idle();
    clock.advance(300 * MIN);
    expect(await pass(b)).toEqual([]);
    await b.say(textMessage(USER, 'Any news?', nowTs()));
    clock.advance(120 * MIN);
    expect(await pass(b)).toEqual([expect.stringMatching(TIMED_OUT)]);
    expect((await listHandoffEvents(db, USER)).at(-1)).toMatchObject({
      actor: 'timeout',
      from_state: 'human:sara/open',
      to_state: 'bot/resolved',
    });
  });

  it('a resolved conversation never times out', async () => {
    const { b, clock } = await start();
    const db = b.runtime.deps.db;
    await b.say(textMessage(USER, 'consultant'));
    await assignConversation(db, USER, 'omar', 'omar', clock.now());
    await resolveConversation(db, USER, 'omar', clock.now());
    clock.advance(500 * MIN);
    expect(await pass(b)).toEqual([]);
    expect((await listHandoffEvents(db, USER)).at(-1)).toMatchObject({ event: 'resolve' });
  });

  it('after the 24-hour window the conversation goes back to the bot without a message', async () => {
    const { b, clock } = await start({ HANDOFF_TIMEOUT_MINUTES: '1500' });
    await b.say(textMessage(USER, 'agent'));
    clock.advance(1500 * MIN);
    expect(await pass(b)).toEqual([]);
    expect(await getHandoff(b.runtime.deps.db, USER)).toMatchObject({ owner: 'bot', status: 'resolved' });
  });

  it('with BUSINESS_HOURS only working minutes count: a request made before opening waits for the morning', async () => {
    // A zone in which the test's "now" is 05:30: the hours open at 06:00 and close at 09:00.
    const { now, env } = openingInHalfAnHour();
    const { b, clock } = await start(env);
    const asked = await b.say(textMessage(USER, 'agent'));
    expect(bodyText(asked[0]!)).toContain(`available ${env.BUSINESS_HOURS}`);
    // Closed until 06:mm (30 minutes less the seconds past the minute), then 119 open minutes or so.
    clock.advance(149 * MIN - (now % MIN) - (clock.now() - now) - 1000);
    expect(await pass(b)).toEqual([]);
    clock.advance(2 * MIN);
    expect(await pass(b)).toEqual([expect.stringMatching(TIMED_OUT)]);
  });

  it('reaches every due conversation, however many that are not due yet come first', async () => {
    // Working hours 06:mm–09:mm in a zone where the test's "now" is 05:30; USER asks now, before opening.
    // 150 conversations answered an hour earlier (so before USER in the job's order) get a client
    // message half an hour before closing: the next morning they have waited 22 hours, but only 119
    // working minutes, while USER has waited far longer.
    const { now, env } = openingInHalfAnHour();
    const { b, clock } = await start(env);
    const db = b.runtime.deps.db;
    await b.say(textMessage(USER, 'agent'));
    const opens = now + 30 * MIN - (now % MIN);
    const held = await heldConversations(db, 150, clock.now() - 60 * MIN, opens + 150 * MIN);
    const count = async (owner: 'bot' | 'human') =>
      Number(
        (
          await db
            .selectFrom('conversation_handoffs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('phone', 'in', held)
            .where('owner', '=', owner)
            .executeTakeFirstOrThrow()
        ).n,
      );
    clock.advance(opens + 24 * 60 * MIN + 89 * MIN - clock.now());
    await b.runtime.handoffJob.runOnce();
    expect(await getHandoff(db, USER)).toMatchObject({ owner: 'bot', status: 'resolved' });
    expect(await count('human')).toBe(150);
    // Two working minutes later their wait is over too: all of them go back to the bot in one pass.
    clock.advance(2 * MIN);
    await b.runtime.handoffJob.runOnce();
    expect(await count('bot')).toBe(150);
  });
});

describeEachDb('the unseen-message e-mail', (kind) => {
  const { bot, smtp } = useMailFixture(kind);

  it("e-mails the owner once when the client's message has waited 15 minutes unseen; a look in time stops the next one", async () => {
    const server = await smtp({ kind: 'accept' });
    const clock = new ManualClock();
    const b = await bot({ SMTP_URL: server.url, NOTIFY_AFTER_MINUTES: '15', MARK_READ: 'false' }, { clock });
    const db = b.runtime.deps.db;
    const sara = 'sara@nexora.test';
    await addOperator(
      db,
      { email: sara, display_name: 'Sara', role: 'consultant', password: 'a long enough password 1' },
      clock.now(),
    );
    await b.say(textMessage(USER, 'agent'));
    await assignConversation(db, USER, sara, sara, clock.now());
    clock.advance(MIN);
    await b.say(textMessage(USER, 'Thanks Sara, can you call me tomorrow at 10?'));
    clock.advance(14 * MIN);
    await b.runtime.handoffJob.runOnce();
    expect(await notificationsOf(b, 'handoff_unseen')).toHaveLength(0);

    clock.advance(MIN);
    await b.runtime.handoffJob.runOnce();
    await b.runtime.handoffJob.runOnce();
    const sent = await waitForNotification(b, 'handoff_unseen', (r) => r.status === 'sent');
    expect(await notificationsOf(b, 'handoff_unseen')).toHaveLength(1);
    expect(server.accepted).toHaveLength(1);
    const mail = server.accepted[0]!;
    expect(mail.to).toEqual([sara]);
    expect(mail.headers.get('subject')).toBe('A client has been waiting 15 min for Sara on WhatsApp');
    expect(mail.text).toContain(`+${USER}`);
    // Personal data stays in the console: the client's words are not e-mailed.
    expect(mail.text).not.toContain('call me tomorrow');
    expect(sent.phone).toBe(USER);

    // Sara opens it: the next message is a new unread stretch, and a look in time prevents its e-mail.
    await markConversationSeen(db, USER, sara, clock.now());
    await b.say(textMessage(USER, 'Are you there?'));
    clock.advance(10 * MIN);
    await markConversationSeen(db, USER, sara, clock.now());
    clock.advance(30 * MIN);
    await b.runtime.handoffJob.runOnce();
    expect(await notificationsOf(b, 'handoff_unseen')).toHaveLength(1);

    // A bot-owned conversation is never anyone's to read.
    await resolveConversation(db, USER, sara, clock.now());
    await b.say(textMessage(USER, 'ok'));
    clock.advance(30 * MIN);
    await b.runtime.handoffJob.runOnce();
    expect(await notificationsOf(b, 'handoff_unseen')).toHaveLength(1);
  });

  it('reaches the one waiting client behind 600 held conversations with nothing unread', async () => {
    const server = await smtp({ kind: 'accept' });
    const clock = new ManualClock();
    const b = await bot({ SMTP_URL: server.url, NOTIFY_AFTER_MINUTES: '15', MARK_READ: 'false' }, { clock });
    const db = b.runtime.deps.db;
    await heldConversations(db, 600, clock.now() - 24 * 60 * MIN);
    await b.say(textMessage(USER, 'agent'));
    await assignConversation(db, USER, 'sara', 'sara', clock.now());
    clock.advance(MIN);
    await b.say(textMessage(USER, 'Can you call me?'));
    clock.advance(15 * MIN);
    await b.runtime.handoffJob.runOnce();
    expect((await notificationsOf(b, 'handoff_unseen')).map((n) => n.phone)).toEqual([USER]);
  });

  it('an owner who is not a console operator: the admins are e-mailed; without SMTP it is recorded as skipped', async () => {
    const clock = new ManualClock();
    const server = await smtp({ kind: 'accept' });
    const b = await bot({ SMTP_URL: server.url, MARK_READ: 'false' }, { clock });
    await b.say(textMessage(USER, 'agent'));
    await assignConversation(b.runtime.deps.db, USER, 'crm-agent-7', 'admin-api', clock.now());
    clock.advance(MIN);
    await b.say(textMessage(USER, 'hello?'));
    clock.advance(16 * MIN);
    await b.runtime.handoffJob.runOnce();
    await waitForNotification(b, 'handoff_unseen', (r) => r.status === 'sent');
    expect(server.accepted[0]!.to).toEqual(['ops@nexora.test', 'sales@nexora.test']);

    const quiet = await startTestBot(kind, { ...MAIL_ENV, MARK_READ: 'false' }, { clock });
    try {
      await quiet.say(textMessage(USER, 'agent'));
      await assignConversation(quiet.runtime.deps.db, USER, 'sara', 'sara', clock.now());
      clock.advance(MIN);
      await quiet.say(textMessage(USER, 'hello?'));
      clock.advance(16 * MIN);
      await quiet.runtime.handoffJob.runOnce();
      expect(await notificationsOf(quiet, 'handoff_unseen')).toMatchObject([
        { status: 'skipped', last_error: 'SMTP_URL is not set' },
      ]);
    } finally {
      await quiet.stop();
    }
  });
});
