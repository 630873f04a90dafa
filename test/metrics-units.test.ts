// createMetrics without a server: the label decisions, the funnel, and a database that does not
// answer (the scrape still succeeds, the queue gauges say -1).
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMetrics, type SendResult } from '../src/observability/metrics.js';
import { sendResultLabels } from '../src/observability/send-result.js';
import type { ProcessOutcome } from '../src/pipeline/process-inbound.js';
import type { Database } from '../src/store/schema.js';
import type { InboundMessage, ParsedWebhook } from '../src/whatsapp/types.js';
import { metricValue } from './metrics-support.js';

const clock = { now: () => Date.now() };

function closedDb(): Kysely<Database> {
  const raw = new SQLite(':memory:');
  raw.close();
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}

function metrics() {
  return createMetrics({ db: closedDb(), clock, defaultMetrics: false });
}

const msg = (wamid: string, type: string) => ({ wamid, type }) as InboundMessage;
const webhook = (messages: InboundMessage[]): ParsedWebhook => ({ messages, statuses: [], events: [], other: [] });
const row = (attempts: number) => ({
  id: 1,
  phone: '1555',
  type: 'text',
  payload: '{}',
  attempts,
  lockedUntil: 0,
  slotAt: 0,
});
const failure = (
  scope: 'message' | 'recipient' | 'throughput' | 'outage' | 'token',
  retryable: boolean,
  code: number | null,
) => ({ ok: false, scope, retryable, code, title: 't', retryAfterMs: null, httpStatus: 400 }) as const;

describe('createMetrics', () => {
  it('still answers a scrape when the database does not: the queue gauges say -1', async () => {
    const text = await metrics().registry.metrics();
    for (const queue of ['inbound', 'outbound', 'notifications']) {
      expect(metricValue(text, 'nexora_queue_depth', { queue })).toBe(-1);
      expect(metricValue(text, 'nexora_queue_oldest_age_seconds', { queue })).toBe(-1);
    }
  });

  it('keeps a registry per runtime: two can live in one process', async () => {
    const a = metrics();
    const b = metrics();
    a.notificationOutcome('lead_email', 'sent');
    expect(
      metricValue(await a.registry.metrics(), 'nexora_notifications_total', { kind: 'lead_email', outcome: 'sent' }),
    ).toBe(1);
    expect(
      metricValue(await b.registry.metrics(), 'nexora_notifications_total', { kind: 'lead_email', outcome: 'sent' }),
    ).toBeUndefined();
  });

  it('counts new inbound messages by type; a mixed redelivery is counted as unattributed', async () => {
    const m = metrics();
    const parsed = webhook([msg('w1', 'text'), msg('w1', 'text'), msg('w2', 'image'), msg('w3', 'made_up_type')]);
    m.webhookIngested(parsed, { storedMessages: 3, duplicateMessages: 1, storedStatuses: 0 });
    m.webhookIngested(webhook([msg('w1', 'text'), msg('w4', 'text')]), {
      storedMessages: 1,
      duplicateMessages: 1,
      storedStatuses: 0,
    });
    const text = await m.registry.metrics();
    expect(metricValue(text, 'nexora_inbound_messages_total', { type: 'text' })).toBe(1);
    expect(metricValue(text, 'nexora_inbound_messages_total', { type: 'image' })).toBe(1);
    expect(metricValue(text, 'nexora_inbound_messages_total', { type: 'other' })).toBe(1);
    expect(metricValue(text, 'nexora_inbound_messages_total', { type: 'unattributed' })).toBe(1);
    expect(metricValue(text, 'nexora_inbound_duplicates_total')).toBe(2);
  });

  it('counts status callbacks (exact when all are new), keeping error codes from webhook bodies bounded', async () => {
    const m = metrics();
    const st = (status: string, errorCode: number | null) => ({
      wamid: 'w',
      status,
      recipientId: null,
      recipientBsuid: null,
      at: new Date(),
      errorCode,
      errorTitle: null,
      errorDetails: null,
      raw: {},
    });
    const ingest = (statuses: ReturnType<typeof st>[], storedStatuses: number) =>
      m.webhookIngested(
        { messages: [], statuses, events: [], other: [] },
        { storedMessages: 0, duplicateMessages: 0, storedStatuses },
      );
    ingest([st('delivered', null), st('failed', 131026)], 2);
    ingest([st('read', null), st('made_up', null)], 1);
    for (let i = 0; i < 60; i++) ingest([st('failed', 900_000 + i)], 1);
    const text = await m.registry.metrics();
    expect(metricValue(text, 'nexora_outbound_statuses_total', { status: 'delivered', code: '' })).toBe(1);
    expect(metricValue(text, 'nexora_outbound_statuses_total', { status: 'failed', code: '131026' })).toBe(1);
    expect(metricValue(text, 'nexora_outbound_statuses_total', { status: 'unattributed', code: '' })).toBe(1);
    expect(metricValue(text, 'nexora_outbound_statuses_total', { status: 'failed', code: 'other' })).toBe(11);
  });

  it('builds the funnel from the step entered, and counts leads and effects', async () => {
    const m = metrics();
    const processed = (extra: object, effects: ('save_lead' | 'job_search')[] = []) =>
      ({ kind: 'processed', messageId: 1, wamid: 'w', replies: 1, effects, ...extra }) as ProcessOutcome;
    m.inboundProcessed(processed({ step: 'main_menu' }));
    m.inboundProcessed(processed({ step: 'ask_name', previousStep: 'main_menu' }));
    m.inboundProcessed(processed({ step: 'ask_name', previousStep: 'ask_name' }));
    m.inboundProcessed(processed({ step: 'main_menu', previousStep: 'ask_email' }, ['save_lead']));
    m.inboundProcessed({ kind: 'expired', messageId: 2, wamid: 'x', more: false });
    m.inboundProcessed({ kind: 'none' });
    const text = await m.registry.metrics();
    expect(metricValue(text, 'nexora_conversation_steps_total', { step: 'main_menu' })).toBe(2);
    expect(metricValue(text, 'nexora_conversation_steps_total', { step: 'ask_name' })).toBe(1);
    expect(metricValue(text, 'nexora_leads_total')).toBe(1);
    expect(metricValue(text, 'nexora_conversation_effects_total', { effect: 'save_lead' })).toBe(1);
    expect(metricValue(text, 'nexora_inbound_processed_total', { outcome: 'processed' })).toBe(4);
    expect(metricValue(text, 'nexora_inbound_processed_total', { outcome: 'expired' })).toBe(1);
  });

  it('labels each send attempt the way the sender records it', async () => {
    expect(sendResultLabels({ row: row(1), outcome: { ok: true, wamid: 'w' } })).toEqual({ result: 'sent', code: '' });
    expect(sendResultLabels({ row: row(1), outcome: { ok: true, sandbox: true } })).toEqual({
      result: 'sandbox',
      code: '',
    });
    expect(sendResultLabels({ row: row(1), outcome: failure('throughput', true, 130429) })).toEqual({
      result: 'retry',
      code: '130429',
    });
    expect(sendResultLabels({ row: row(10), outcome: failure('throughput', true, 130429) })).toEqual({
      result: 'failed',
      code: '130429',
    });
    expect(sendResultLabels({ row: row(1), outcome: failure('message', false, 131047) })).toEqual({
      result: 'failed',
      code: '131047',
    });
    expect(sendResultLabels({ row: row(1), outcome: failure('token', false, 190) })).toEqual({
      result: 'token_invalid',
      code: '190',
    });
    expect(sendResultLabels({ row: row(1), outcome: failure('outage', true, null) })).toEqual({
      result: 'retry',
      code: '',
    });

    const m = metrics();
    const results: SendResult[] = [
      { row: row(1), outcome: { ok: true, wamid: 'w' }, latencyMs: 120 },
      { row: row(1), outcome: { ok: true, sandbox: true }, latencyMs: 0 },
    ];
    for (const r of results) m.sendResult(r);
    const text = await m.registry.metrics();
    expect(metricValue(text, 'nexora_send_seconds_count')).toBe(1);
    expect(metricValue(text, 'nexora_send_seconds_sum')).toBeCloseTo(0.12);
    expect(metricValue(text, 'nexora_outbound_messages_total', { result: 'sandbox', code: '' })).toBe(1);
  });
});
