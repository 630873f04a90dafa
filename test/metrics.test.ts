// GET /metrics end to end: the admin token guard, the Prometheus format, and the counters a real
// conversation moves (webhook requests and ack latency, inbound by type, duplicates, processing,
// sends by result and Meta error code, send latency, status callbacks, queue gauges).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { envelope, imageMessage, statusUpdate, textMessage } from './helpers/payloads.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from './helpers/test-bot.js';
import { describeEachDb } from './helpers/test-db.js';
import { metricValue } from './metrics-support.js';

const USER = '15550007001';
const UNREACHABLE = '15550007002';

describeEachDb('GET /metrics', (kind) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(kind);
  });
  afterAll(async () => bot.stop());

  const scrape = async () => {
    const res = await bot.runtime.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('is closed without the admin bearer token', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TEST_ADMIN_TOKEN },
    ]) {
      const res = await bot.runtime.app.inject({ url: '/metrics', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
    }
  });

  it('answers in Prometheus text format with the process metrics and empty queues', async () => {
    const res = await bot.runtime.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toMatch(/^# HELP process_cpu_user_seconds_total /m);
    expect(res.body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    for (const queue of ['inbound', 'outbound', 'notifications']) {
      expect(metricValue(res.body, 'nexora_queue_depth', { queue })).toBe(0);
      expect(metricValue(res.body, 'nexora_queue_oldest_age_seconds', { queue })).toBe(0);
    }
  });

  it('counts webhook requests, ack latency, inbound types, processing and sends', async () => {
    const wamid = 'wamid.METRICS_TEXT_1';
    await bot.say(textMessage(USER, 'hi', { wamid }));
    await bot.say(imageMessage(USER));
    // Meta delivers the first webhook again: stored once, counted as a duplicate, not as new.
    expect((await bot.post(envelope({ messages: [textMessage(USER, 'hi', { wamid })] }))).status).toBe(200);
    expect((await bot.post({ object: 'whatsapp_business_account' }, { sign: 'sha256=00' })).status).toBe(401);

    const text = await scrape();
    expect(metricValue(text, 'nexora_webhook_requests_total', { method: 'POST', code: '200' })).toBe(3);
    expect(metricValue(text, 'nexora_webhook_requests_total', { method: 'POST', code: '401' })).toBe(1);
    expect(metricValue(text, 'nexora_webhook_ack_seconds_count')).toBe(4);
    expect(metricValue(text, 'nexora_webhook_ack_seconds_bucket', { le: '+Inf' })).toBe(4);
    expect(metricValue(text, 'nexora_inbound_messages_total', { type: 'text' })).toBe(1);
    expect(metricValue(text, 'nexora_inbound_messages_total', { type: 'image' })).toBe(1);
    expect(metricValue(text, 'nexora_inbound_duplicates_total')).toBe(1);
    expect(metricValue(text, 'nexora_inbound_processed_total', { outcome: 'processed' })).toBe(2);
    // The funnel counts moves: the first message enters the menu, the image keeps the user there.
    expect(metricValue(text, 'nexora_conversation_steps_total', { step: 'main_menu' })).toBe(1);
    const sent = metricValue(text, 'nexora_outbound_messages_total', { result: 'sent', code: '' });
    // Per message: a mark-read, and at least one reply.
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(metricValue(text, 'nexora_send_seconds_count')).toBe(sent);
  });

  it("counts a permanent send failure with Meta's code, and Meta's status callbacks", async () => {
    bot.graph.fail({ code: 131026, to: UNREACHABLE, times: Infinity });
    await bot.say(textMessage(UNREACHABLE, 'hi'));
    const accepted = bot.graph.accepted.find((a) => a.to.replace(/\D/g, '') === USER);
    expect(accepted).toBeDefined();
    await bot.post(
      envelope({
        statuses: [statusUpdate(accepted!.wamid, 'delivered', USER), statusUpdate(accepted!.wamid, 'read', USER)],
      }),
    );

    const text = await scrape();
    expect(metricValue(text, 'nexora_outbound_messages_total', { result: 'failed', code: '131026' })).toBe(1);
    expect(metricValue(text, 'nexora_outbound_statuses_total', { status: 'delivered', code: '' })).toBe(1);
    expect(metricValue(text, 'nexora_outbound_statuses_total', { status: 'read', code: '' })).toBe(1);
  });

  it('reports the backlog from the database: depth and age of the oldest unprocessed message', async () => {
    await bot.runtime.inbound.stop();
    await bot.post(envelope({ messages: [textMessage(USER, 'menu')] }));
    const text = await scrape();
    expect(metricValue(text, 'nexora_queue_depth', { queue: 'inbound' })).toBe(1);
    expect(metricValue(text, 'nexora_queue_oldest_age_seconds', { queue: 'inbound' })).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'nexora_queue_depth', { queue: 'outbound' })).toBe(0);
  });
});
