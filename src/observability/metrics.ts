// Prometheus metrics of one runtime, in its own registry (never prom-client's global one: tests run
// several runtimes in one process). The runtime feeds it from the workers' callbacks; the webhook
// route reports through the WebhookMetrics interface; queue gauges read the database per scrape.
import type { Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WebhookMetrics } from '../deps.js';
import type { Clock } from '../lib/clock.js';
import type { DeliveryOutcome } from '../notify/types.js';
import type { IngestResult } from '../pipeline/ingest-webhook.js';
import type { OutboundSenderOptions } from '../pipeline/outbound-sender.js';
import type { ProcessOutcome } from '../pipeline/process-inbound.js';
import type { Database } from '../store/schema.js';
import type { ParsedWebhook } from '../whatsapp/types.js';
import { getSendingState, type SendingState } from '../ops/sending-state.js';
import { QUEUE_NAMES, queueStatsSampler } from './queue-stats.js';
import { cappedLabel, messageTypeLabel, sendResultLabels, statusLabel } from './send-result.js';

export type SendResult = Parameters<NonNullable<OutboundSenderOptions['onResult']>>[0];

export interface Metrics extends WebhookMetrics {
  /** This runtime's own metrics. */
  readonly registry: Registry;
  /** The scrape: this runtime's metrics plus the process's (CPU, memory, event loop, GC). */
  text(): Promise<string>;
  /** One answered request to /webhook (GET handshake or POST delivery) and how long the answer took. */
  webhookRequest(method: string, statusCode: number, seconds: number): void;
  inboundProcessed(outcome: ProcessOutcome): void;
  sendResult(result: SendResult): void;
  notificationOutcome(kind: string, status: DeliveryOutcome['status']): void;
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;
/**
 * prom-client's default metrics describe the process, not a runtime, and start monitors that are
 * never stopped: collected once per process, then merged into each runtime's scrape.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(o: {
  db: Kysely<Database>;
  clock: Clock;
  defaultMetrics?: boolean;
  /** SEND_RATE_PER_SECOND (0 = none): the adaptive rate's ceiling, for the send-state gauges. */
  sendRateCeiling?: number;
}): Metrics {
  const registry = new Registry();
  const registers = [registry];

  const webhookRequests = new Counter({
    name: 'nexora_webhook_requests_total',
    help: 'Requests to /webhook by method and HTTP status',
    labelNames: ['method', 'code'],
    registers,
  });
  const ackSeconds = new Histogram({
    name: 'nexora_webhook_ack_seconds',
    help: 'Time from receiving a POST /webhook to answering it (everything stored first)',
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const inbound = new Counter({
    name: 'nexora_inbound_messages_total',
    help: 'New inbound messages stored, by WhatsApp type (redeliveries excluded)',
    labelNames: ['type'],
    registers,
  });
  const duplicates = new Counter({
    name: 'nexora_inbound_duplicates_total',
    help: 'Inbound messages Meta delivered again (already stored, ignored)',
    registers,
  });
  const statuses = new Counter({
    name: 'nexora_outbound_statuses_total',
    help: "Meta's status callbacks for our messages (sent, delivered, read, failed) by error code",
    labelNames: ['status', 'code'],
    registers,
  });
  const processed = new Counter({
    name: 'nexora_inbound_processed_total',
    help: 'Inbound messages handled by the conversation (processed) or too old to answer (expired)',
    labelNames: ['outcome'],
    registers,
  });
  const steps = new Counter({
    name: 'nexora_conversation_steps_total',
    help: 'Processed messages by the conversation step they leave the user in (the funnel: main_menu, choose_category, ask_budget, ask_country, ask_job_keywords, ask_name, ask_email)',
    labelNames: ['step'],
    registers,
  });
  const effects = new Counter({
    name: 'nexora_conversation_effects_total',
    help: 'Side effects the conversation asked for (save_lead, record_country, job_search)',
    labelNames: ['effect'],
    registers,
  });
  const leads = new Counter({
    name: 'nexora_leads_total',
    help: 'Leads saved (a user completed the consultant form)',
    registers,
  });
  const outbound = new Counter({
    name: 'nexora_outbound_messages_total',
    help: 'Send attempts by result (sent, sandbox, retry, failed, token_invalid) and Meta error code',
    labelNames: ['result', 'code'],
    registers,
  });
  const sendSeconds = new Histogram({
    name: 'nexora_send_seconds',
    help: 'Duration of one Graph API send call',
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const notifications = new Counter({
    name: 'nexora_notifications_total',
    help: 'Notification delivery attempts by kind and outcome (sent, retry, failed)',
    labelNames: ['kind', 'outcome'],
    registers,
  });

  const statusCodes = new Set<string>();
  const sample = queueStatsSampler(o.db, o.clock);
  new Gauge({
    name: 'nexora_queue_depth',
    help: 'Unfinished rows per queue, from the database (all instances); -1 when the database did not answer',
    labelNames: ['queue'],
    registers,
    async collect() {
      const stats = await sample();
      for (const q of QUEUE_NAMES) this.set({ queue: q }, stats ? stats[q].depth : -1);
    },
  });
  new Gauge({
    name: 'nexora_queue_oldest_age_seconds',
    help: 'Age of the oldest unfinished row per queue (0 when empty); -1 when the database did not answer',
    labelNames: ['queue'],
    registers,
    async collect() {
      const stats = await sample();
      for (const q of QUEUE_NAMES) this.set({ queue: q }, stats ? (stats[q].oldestAgeMs ?? 0) / 1000 : -1);
    },
  });

  const sendState = async (): Promise<SendingState | null> =>
    getSendingState(o.db, o.sendRateCeiling ?? 0, o.clock.now()).catch(() => null);
  new Gauge({
    name: 'nexora_send_breaker_state',
    help: 'The shared send circuit breaker: 0 closed, 1 half-open (probing), 2 open; -1 when the database did not answer',
    registers,
    async collect() {
      const s = await sendState();
      this.set(s === null ? -1 : { closed: 0, half_open: 1, open: 2 }[s.breaker.state]);
    },
  });
  new Gauge({
    name: 'nexora_send_rate_per_second',
    help: 'The send rate all instances are held to now (adaptive after 130429, at most SEND_RATE_PER_SECOND); 0 = unlimited, -1 when the database did not answer',
    registers,
    async collect() {
      const s = await sendState();
      this.set(s === null ? -1 : (s.rate.current ?? 0));
    },
  });

  return {
    registry,
    text: () => (o.defaultMetrics === false ? registry : Registry.merge([processMetrics(), registry])).metrics(),
    webhookIngested(parsed: ParsedWebhook, result: IngestResult) {
      for (const [type, n] of newMessagesByType(parsed, result)) inbound.inc({ type }, n);
      if (result.duplicateMessages > 0) duplicates.inc(result.duplicateMessages);
      // Statuses are unique per (wamid, status): exact when all were new, else counted as unattributed.
      if (result.storedStatuses === parsed.statuses.length) {
        for (const s of parsed.statuses) {
          statuses.inc({
            status: statusLabel(s.status),
            code: s.errorCode === null ? '' : cappedLabel(statusCodes, String(s.errorCode)),
          });
        }
      } else if (result.storedStatuses > 0) statuses.inc({ status: 'unattributed', code: '' }, result.storedStatuses);
    },
    webhookRequest(method, statusCode, seconds) {
      webhookRequests.inc({ method, code: String(statusCode) });
      if (method === 'POST') ackSeconds.observe(seconds);
    },
    inboundProcessed(outcome) {
      if (outcome.kind !== 'processed' && outcome.kind !== 'expired') return;
      processed.inc({ outcome: outcome.kind });
      if (outcome.kind !== 'processed') return;
      const step = enteredStep(outcome);
      if (step) steps.inc({ step });
      for (const effect of outcome.effects) {
        effects.inc({ effect });
        if (effect === 'save_lead') leads.inc();
      }
    },
    sendResult(r) {
      outbound.inc(sendResultLabels(r));
      if (!('sandbox' in r.outcome)) sendSeconds.observe(r.latencyMs / 1000);
    },
    notificationOutcome(kind, status) {
      notifications.inc({ kind, outcome: status });
    },
  };
}

/**
 * The funnel: the step a processed message leaves the user in. When the outcome also says where the
 * user was (`previousStep`), only moves count, so a re-asked question is not counted twice.
 */
function enteredStep(outcome: Extract<ProcessOutcome, { kind: 'processed' }>): string | null {
  const previous = 'previousStep' in outcome ? outcome.previousStep : undefined;
  return outcome.step === previous ? null : outcome.step;
}

/**
 * Inbound messages newly stored, by type. The ingest result says how many were new, not which:
 * exact when none were redeliveries from an earlier webhook (the usual case); otherwise the new
 * ones are counted as `unattributed`.
 */
function newMessagesByType(parsed: ParsedWebhook, result: IngestResult): Map<string, number> {
  const unique = new Map<string, string>();
  for (const m of parsed.messages) if (!unique.has(m.wamid)) unique.set(m.wamid, messageTypeLabel(m.type));
  const counts = new Map<string, number>();
  if (result.storedMessages === 0) return counts;
  if (result.storedMessages !== unique.size) return counts.set('unattributed', result.storedMessages);
  for (const type of unique.values()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}
