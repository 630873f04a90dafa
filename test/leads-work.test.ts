import { afterEach, beforeEach, expect, it } from 'vitest';
import { addLeadNote, assignLead, getLead, setLeadStatus } from '../src/ops/lead-work.js';
import { exportUser } from '../src/ops/export-user.js';
import { deleteUser } from '../src/ops/delete-user.js';
import { AppError } from '../src/errors.js';
import { addOperator, setOperatorDisabled } from '../src/ops/operators.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { textMessage } from './helpers/payloads.js';
import { describeEachDb } from './helpers/test-db.js';

const USER = '971500000111';

describeEachDb('lead events, score and work', (kind) => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot(kind);
  });
  afterEach(async () => {
    await bot.stop();
  });

  async function submitLead(name: string, email: string) {
    await bot.say(textMessage(USER, '3'));
    await bot.say(textMessage(USER, name));
    await bot.say(textMessage(USER, email));
  }

  async function leadId(): Promise<number> {
    const row = await bot.runtime.deps.db
      .selectFrom('whatsapp_leads')
      .select('id')
      .where('phone', '=', USER)
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  it('keeps every submission as an event with what changed, and scores the lead with reasons', async () => {
    await bot.say(textMessage(USER, 'hi'));
    await bot.say(textMessage(USER, '2'));
    await bot.say(textMessage(USER, '$300,000'));
    await bot.say(textMessage(USER, '6'));
    await submitLead('Ana Silva', 'ana@example.com');
    const id = await leadId();
    const first = await getLead(bot.runtime.deps.db, id);
    expect(first.status).toBe('new');
    expect(first.history.map((e) => e.kind)).toEqual(['submitted']);
    expect(first.history[0]!.details).toMatchObject({ changes: null, fields: { name: 'Ana Silva', budget: 300000 } });
    // options 2, 6, 3; a budget that reaches the cheapest program; the form; wrote just now.
    expect(Object.fromEntries(first.scoreReasons.map((r) => [r.rule, r.points]))).toEqual({
      budget_fits: 25,
      options_used: 9,
      eligibility_checked: 8,
      brochure_asked: 6,
      form_completed: 12,
      recent_activity: 10,
    });
    expect(first.score).toBe(70);

    await submitLead('Ana M. Silva', 'ana@example.com');
    const second = await getLead(bot.runtime.deps.db, id);
    expect(second.name).toBe('Ana M. Silva');
    expect(second.history.map((e) => e.kind)).toEqual(['submitted', 'submitted']);
    expect(second.history[1]!.details.changes).toEqual([{ field: 'name', from: 'Ana Silva', to: 'Ana M. Silva' }]);
  });

  it('changes status, assignee and notes, each in the history and the audit log, and they persist', async () => {
    await submitLead('Omar', 'omar@example.com');
    const db = bot.runtime.deps.db;
    const id = await leadId();
    const t = Date.UTC(2026, 5, 1, 9);
    const op9 = String(
      (
        await addOperator(
          db,
          { email: 'nine@x.test', display_name: 'Nine', role: 'consultant', password: 'p'.repeat(12) },
          t,
        )
      ).id,
    );
    await setLeadStatus(db, { id, status: 'Contacted', actor: 'op-7', now: t });
    await setLeadStatus(db, { id, status: 'contacted', actor: 'op-7', now: t + 1 }); // no change, no event
    await assignLead(db, { id, assigneeId: op9, actor: 'op-7', now: t + 2 });
    await addLeadNote(db, { id, text: '  Called, wants Portugal  ', actor: 'op-9', now: t + 3 });
    await assignLead(db, { id, assigneeId: null, actor: 'op-7', now: t + 4 });

    const lead = await getLead(db, id);
    expect(lead.status).toBe('contacted');
    expect(lead.assigneeId).toBeNull();
    expect(lead.notes).toBe('Called, wants Portugal');
    expect(lead.notesByOperator).toEqual([
      { at: new Date(t + 3).toISOString(), operator: 'op-9', text: 'Called, wants Portugal' },
    ]);
    expect(lead.history.map((e) => [e.kind, e.actor, e.details])).toEqual([
      ['submitted', 'bot', expect.objectContaining({ changes: null })],
      ['status', 'op-7', { from: 'new', to: 'contacted' }],
      ['assigned', 'op-7', { from: null, to: op9 }],
      ['note', 'op-9', { text: 'Called, wants Portugal' }],
      ['assigned', 'op-7', { from: op9, to: null }],
    ]);
    const audit = await db.selectFrom('audit_log').select(['action', 'actor', 'details']).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['lead_status', 'op-7'],
      ['lead_assigned', 'op-7'],
      ['lead_note', 'op-9'],
      ['lead_assigned', 'op-7'],
    ]);
    expect(audit[2]!.details).not.toContain('Portugal');

    const exported = await exportUser(db, USER, t + 5);
    expect(exported.leadEvents).toHaveLength(5);
    expect(exported.conversationEvents).toEqual([expect.objectContaining({ kind: 'option', value: '3' })]);
    await deleteUser(db, USER, 'cli', t + 6, bot.runtime.deps.media);
    expect(await db.selectFrom('lead_events').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('conversation_events').selectAll().execute()).toEqual([]);
  });

  it('answers bad input clearly and changes nothing', async () => {
    await submitLead('Lina', 'lina@example.com');
    const db = bot.runtime.deps.db;
    const id = await leadId();
    const now = Date.now();
    const fails = async (p: Promise<unknown>, code: string, msg: RegExp) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe(code);
      expect((err as AppError).message).toMatch(msg);
    };
    await fails(
      setLeadStatus(db, { id, status: 'maybe', actor: 'op', now }),
      'VALIDATION_FAILED',
      /one of: new, contacted/,
    );
    await fails(setLeadStatus(db, { id: id + 100, status: 'won', actor: 'op', now }), 'NOT_FOUND', /no lead/);
    await fails(addLeadNote(db, { id, text: '   ', actor: 'op', now }), 'VALIDATION_FAILED', /needs some text/);
    await fails(addLeadNote(db, { id, text: 'x'.repeat(4001), actor: 'op', now }), 'VALIDATION_FAILED', /at most 4000/);
    await fails(assignLead(db, { id, assigneeId: 'op', actor: ' ', now }), 'VALIDATION_FAILED', /operator id/);
    await fails(
      assignLead(db, { id, assigneeId: 'op-9', actor: 'op', now }),
      'VALIDATION_FAILED',
      /operator id \(a number\)/,
    );
    await fails(
      assignLead(db, { id, assigneeId: '999', actor: 'op', now }),
      'VALIDATION_FAILED',
      /no operator with id 999/,
    );
    const gone = await addOperator(
      db,
      { email: 'gone@x.test', display_name: 'Gone', role: 'consultant', password: 'p'.repeat(12) },
      now,
    );
    await setOperatorDisabled(db, gone.email, true);
    await fails(assignLead(db, { id, assigneeId: String(gone.id), actor: 'op', now }), 'VALIDATION_FAILED', /disabled/);
    const lead = await getLead(db, id);
    expect(lead.history).toHaveLength(1);
    expect(lead.status).toBe('new');
  });

  it('works a lead and reads the dashboard through the admin API, with clear 400/404 answers', async () => {
    await submitLead('Sara', 'sara@example.com');
    const id = await leadId();
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      bot.runtime.app.inject({
        method,
        url: `/admin/api${url}`,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        ...(payload && { payload }),
      });
    expect((await call('PUT', `/leads/${id}/status`, { status: 'qualified' })).json()).toMatchObject({
      status: 'qualified',
    });
    const op = await addOperator(
      bot.runtime.deps.db,
      { email: 'one@x.test', display_name: 'One', role: 'consultant', password: 'p'.repeat(12) },
      Date.now(),
    );
    expect((await call('PUT', `/leads/${id}/assignee`, { assigneeId: String(op.id) })).json()).toMatchObject({
      assigneeId: String(op.id),
    });
    expect((await call('PUT', `/leads/${id}/assignee`, { assigneeId: 'op-1' })).statusCode).toBe(400);
    const noted = await call('POST', `/leads/${id}/notes`, { text: 'Prefers e-mail' });
    expect(noted.statusCode).toBe(201);
    const lead = (await call('GET', `/leads/${id}`)).json<{
      history: { kind: string; actor: string }[];
      notes: string;
    }>();
    expect(lead.notes).toBe('Prefers e-mail');
    expect(lead.history.map((e) => `${e.kind}:${e.actor}`)).toEqual([
      'submitted:bot',
      'status:api',
      'assigned:api',
      'note:api',
    ]);
    expect((await call('PUT', `/leads/${id}/status`, { status: 'maybe' })).statusCode).toBe(400);
    expect((await call('GET', `/leads/${id + 99}`)).statusCode).toBe(404);
    const dash = await call('GET', '/dashboard?period=today');
    expect(dash.statusCode).toBe(200);
    expect(dash.json<{ totals: { leads: number } }>().totals.leads).toBe(1);
    const bad = await call('GET', '/dashboard?period=custom&from=2026-01-05&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/end on or after/);
    expect((await bot.runtime.app.inject({ method: 'GET', url: '/admin/api/dashboard' })).statusCode).toBe(401);
  });
});
