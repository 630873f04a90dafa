import { afterEach, beforeEach, expect, it } from 'vitest';
import { bodyText, startTestBot, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { BUSINESS, envelope, imageMessage, listReply, textMessage } from './helpers/payloads.js';

const USER = '15550002222';

describeEachDb('the whole scripted conversation through POST /webhook', (kind) => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot(kind, {
      BOOKING_URL: 'https://book.example.test/nexora',
      BROCHURE_URL: 'https://files.example.test/brochure.pdf',
    });
  });
  afterEach(async () => bot.stop());

  it('greets with the main menu as a list message, exactly as Meta expects it', async () => {
    const [menu] = await bot.say(textMessage(USER, 'hi'));
    expect(menu!.path).toBe(`/v24.0/${BUSINESS.phoneNumberId}/messages`);
    expect(menu!.headers.authorization).toBe('Bearer test-whatsapp-token');
    const body = menu!.body as any;
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+${USER}`,
      type: 'interactive',
    });
    expect(body.interactive.type).toBe('list');
    expect(body.interactive.body.text).toContain('Welcome to Nexora Investments!');
    const rows = body.interactive.action.sections.flatMap((s: any) => s.rows);
    expect(rows.map((r: any) => r.id)).toEqual([
      'menu:1',
      'menu:2',
      'menu:3',
      'menu:4',
      'menu:5',
      'menu:6',
      'menu:7',
      'nav:language',
    ]);
    // The inbound message was marked read through the same queue.
    await bot.graph.waitFor((reqs) => reqs.some((r) => r.kind === 'read'));
    const read = bot.graph.requests.find((r) => r.kind === 'read')!;
    expect(read.body).toMatchObject({ messaging_product: 'whatsapp', status: 'read' });
  });

  it('runs explore → category → top programs, by number and by list reply', async () => {
    await bot.say(textMessage(USER, 'hi'));
    const [cats] = await bot.say(textMessage(USER, ' 1 '));
    expect(bodyText(cats!)).toMatch(/Residency Categories/);
    const progs = await bot.say(listReply(USER, 'cat:A', 'Europe Golden Visa'));
    const text = bodyText(progs[0]!);
    expect(text).toContain('Portugal Golden Residency Program');
    expect(text).toContain('$280,000');
    expect(text).toContain('3-4 months');
    expect(text).toContain('https://nexorainvestments.com/portugal-golden-visa');
    expect(text.indexOf('Portugal')).toBeLessThan(text.indexOf('Greece'));
  });

  it('checks eligibility from a budget, re-asking on nonsense', async () => {
    await bot.say(textMessage(USER, '2'));
    const [reask] = await bot.say(textMessage(USER, 'lots of money'));
    expect(bodyText(reask!)).toMatch(/budget/i);
    const [answer] = await bot.say(textMessage(USER, '$300k'));
    const text = bodyText(answer!);
    expect(text).toContain('$300,000');
    expect(text).toContain('Portugal Golden Residency Program');
    expect(text).toContain('Dominica Citizenship by Investment');
    expect(text).not.toContain('Spain Golden Visa Program');
  });

  it('converts a budget in euros, offers the rest with a "more" row, and stores the budget in dollars', async () => {
    await bot.say(textMessage(USER, '2'));
    const [answer, menu] = await bot.say(textMessage(USER, '€1.5M'));
    const text = bodyText(answer!);
    expect(text).toContain('€1,500,000 (≈ $1,635,000 at the rates of Nov 30, 2026)');
    expect(text).toContain('7 programs fit your budget');
    const rows = (menu!.body as any).interactive.action.sections.flatMap((s: any) => s.rows);
    expect(rows[0]).toEqual({ id: 'more:eligible:5', title: '➕ More programs', description: 'Programs 6–7 of 7' });
    const [page] = await bot.say(listReply(USER, 'more:eligible:5', '➕ More programs'));
    expect(bodyText(page!)).toMatch(/6\. UAE Golden Visa[\s\S]*7\. EB-5/);
    const session = await bot.runtime.deps.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', USER)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(session.metadata)).toMatchObject({ budget: 1_635_000 });
    const events = await bot.runtime.deps.db
      .selectFrom('conversation_events')
      .select(['kind', 'value'])
      .where('phone', '=', USER)
      .where('kind', '=', 'budget')
      .execute();
    expect(events).toEqual([{ kind: 'budget', value: '1635000' }]);
  });

  it('answers a free-text question with the program card, and an FAQ question with its answer', async () => {
    await bot.say(textMessage(USER, 'hi'));
    const [card, menu] = await bot.say(textMessage(USER, 'how much is the Portugal golden visa?'));
    expect(bodyText(card!)).toContain('Portugal Golden Residency Program');
    expect(bodyText(card!)).toContain('$280,000');
    expect((menu!.body as any).type).toBe('interactive');
    const [faq] = await bot.say(textMessage(USER, 'visa-free travel'));
    expect(bodyText(faq!)).toContain('Schengen');
  });

  it('refuses a question typed as the name and asks for the name again', async () => {
    await bot.say(textMessage(USER, '3'));
    const [reask] = await bot.say(textMessage(USER, 'how much does Portugal cost?'));
    expect(bodyText(reask!)).not.toContain('Thanks, how much');
    const [email] = await bot.say(textMessage(USER, 'Maria Silva'));
    expect(bodyText(email!)).toContain('Maria Silva');
  });

  it('captures a lead: name, bad e-mail re-asked, good e-mail → lead row and a durable notification', async () => {
    await bot.runtime.close();
    bot = await startTestBot(kind, { ADMIN_EMAIL: 'team@nexora.example' }, { database: bot.database });
    await bot.say(textMessage(USER, '2'));
    await bot.say(textMessage(USER, '250000'));
    await bot.say(textMessage(USER, '3'));
    await bot.say(textMessage(USER, 'María José van der Berg'));
    const [reask] = await bot.say(textMessage(USER, 'not-an-email'));
    expect(bodyText(reask!)).toMatch(/e-?mail/i);
    const [thanks] = await bot.say(textMessage(USER, 'maria@example.com'));
    expect(bodyText(thanks!)).toContain('María José van der Berg');
    const lead = await bot.runtime.deps.db
      .selectFrom('whatsapp_leads')
      .selectAll()
      .where('phone', '=', USER)
      .executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ name: 'María José van der Berg', email: 'maria@example.com', budget: 250000 });
    // The notification worker settles it in the background (idle() waits for replies, not for it).
    const settled = async () =>
      bot.runtime.deps.db.selectFrom('notifications').selectAll().where('kind', '=', 'lead_email').execute();
    let notes = await settled();
    for (
      const deadline = Date.now() + 5_000;
      notes.some((n) => n.status === 'pending') && Date.now() < deadline;
      notes = await settled()
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(notes).toHaveLength(1);
    expect(notes[0]!.status).toBe('skipped'); // no SMTP_URL in this test
    expect(JSON.parse(notes[0]!.payload)).toMatchObject({
      version: 1,
      event: 'lead.created',
      lead: { phone: USER, email: 'maria@example.com' },
    });
  });

  it('answers job search with a useful link and records the country', async () => {
    await bot.say(textMessage(USER, '4'));
    await bot.say(textMessage(USER, 'U.K.'));
    const replies = await bot.say(textMessage(USER, 'any'));
    expect(bodyText(replies[1]!)).toMatch(/careerjet/i);
    const session = await bot.runtime.deps.db
      .selectFrom('whatsapp_sessions')
      .selectAll()
      .where('phone', '=', USER)
      .executeTakeFirstOrThrow();
    expect(session.country_of_interest).toMatch(/U\.?K|United Kingdom/i);
  });

  it('sends the booking link and the brochure as a document', async () => {
    const [booking] = await bot.say(textMessage(USER, '5'));
    expect(bodyText(booking!)).toContain('https://book.example.test/nexora');
    const [doc] = await bot.say(listReply(USER, 'menu:6', 'Download Brochure'));
    expect(doc!.body).toMatchObject({
      type: 'document',
      document: { link: 'https://files.example.test/brochure.pdf' },
    });
  });

  it('answers non-text messages politely, with the menu', async () => {
    const replies = await bot.say(imageMessage(USER));
    expect(bodyText(replies[0]!)).toMatch(/text/i);
    expect((replies[1]!.body as any).type).toBe('interactive');
  });

  it('reads an image caption as what the user typed, not as a message it cannot read', async () => {
    const replies = await bot.say(imageMessage(USER, { caption: 'menu' }));
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(bodyText(r)).not.toMatch(/only read text/i);
    expect((replies[0]!.body as any).type).toBe('interactive');
  });

  it('handles a batched payload with several users, each answered once', async () => {
    const users = ['15550003001', '15550003002', '15550003003'];
    const res = await bot.post(envelope({ messages: users.map((u) => textMessage(u, 'hi')) }));
    expect(res.status).toBe(200);
    await bot.idle();
    for (const u of users) expect(bot.sentTo(u)).toHaveLength(1);
  });
});
