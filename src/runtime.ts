// Builds everything a running bot needs from the config: database, app, workers. main.ts starts it;
// tests start it on port 0 with their own config.
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp, type ExtraRoutes } from './app.js';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createMailer, type Mailer } from './notify/mailer.js';
import { InboundWorker } from './pipeline/inbound-worker.js';
import { notificationHandlers } from './pipeline/notification-handlers.js';
import { NotificationWorker } from './pipeline/notification-worker.js';
import { OutboundSender, tokenFingerprint } from './pipeline/outbound-sender.js';
import { createDb, resolveDbTarget, type DbHandle } from './store/create-db.js';
import { migrateToLatest } from './store/migrate.js';
import { ProgramCatalogue } from './store/programs-repository.js';
import { deleteState, readState, STATE_TOKEN_INVALID, type TokenInvalidState } from './store/service-state.js';
import type { GraphClient } from './whatsapp/graph-client.js';
import { createThreadedGraphClient } from './whatsapp/graph-thread.js';
import { queueAdminAlert } from './pipeline/admin-alert.js';
import { RetentionJob } from './pipeline/retention-job.js';
import { createMetrics, type Metrics } from './observability/metrics.js';

export interface Runtime {
  config: Config;
  deps: Deps;
  db: DbHandle;
  app: FastifyInstance;
  log: Logger;
  inbound: InboundWorker;
  sender: OutboundSender;
  notifications: NotificationWorker;
  /** Prometheus metrics of this runtime (served at /metrics). */
  metrics: Metrics;
  /** Starts the workers (the app is started by whoever listens). */
  startWorkers(): void;
  /** Stops intake first, lets in-flight work finish, then closes everything. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  extraRoutes?: ExtraRoutes[];
  pollMs?: number;
  random?: () => number;
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? pino({ level: config.logLevel });
  const db = createDb(resolveDbTarget(config.databaseUrl), { poolSize: config.databasePoolSize });
  await migrateToLatest(db.db);
  const metrics = createMetrics({ db: db.db, clock, sendRateCeiling: config.whatsapp.sendRatePerSecond });

  const fingerprint = tokenFingerprint(config.whatsapp.token);
  // A token marked bad stays bad only while it is still the configured one.
  const bad = await readState<TokenInvalidState>(db.db, STATE_TOKEN_INVALID);
  if (bad && bad.fingerprint !== fingerprint) await deleteState(db.db, STATE_TOKEN_INVALID);

  const programs = new ProgramCatalogue(db.db);
  const graph: GraphClient | null = config.sandbox
    ? null
    : createThreadedGraphClient(
        {
          baseUrl: config.whatsapp.graphApiUrl,
          version: config.whatsapp.graphApiVersion,
          phoneNumberId: config.whatsapp.phoneNumberId,
          token: config.whatsapp.token ?? '',
          // A send must give up well before its lease ends, or another worker could send it again.
          timeoutMs: Math.min(10_000, config.whatsapp.sendLeaseMs / 2),
        },
        log.child({ worker: 'graph' }),
      );
  const mailer: Mailer | null = config.mail.smtpUrl
    ? createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from })
    : null;

  const sender = new OutboundSender({
    db: db.db,
    clock,
    log: log.child({ worker: 'sender' }),
    graph,
    tokenFingerprint: fingerprint,
    ratePerSecond: config.whatsapp.sendRatePerSecond,
    leaseMs: config.whatsapp.sendLeaseMs,
    pollMs: opts.pollMs,
    random: opts.random,
    onResult: (r) => metrics.sendResult(r),
    onTokenInvalid: async (state) => {
      await queueAdminAlert(
        db.db,
        config,
        {
          dedupeKey: `token_invalid:${state.fingerprint}`,
          subject: 'WhatsApp access token rejected: the bot has stopped sending',
          text: `Meta rejected the WhatsApp access token (code ${state.code ?? 'n/a'}: ${state.title}) at ${new Date(state.at).toISOString()}.\n\nReplies are queued, not lost. Configure a new WHATSAPP_TOKEN and restart the service; the queue then drains by itself.`,
          now: clock.now(),
        },
        log,
      );
      notifications.wake();
    },
  });
  const notifications = new NotificationWorker({
    db: db.db,
    clock,
    log: log.child({ worker: 'notifications' }),
    handlers: notificationHandlers(
      config,
      mailer,
      () => sender.wake(),
      () => clock.now(),
    ),
    onOutcome: (kind, outcome) => metrics.notificationOutcome(kind, outcome),
    pollMs: opts.pollMs,
    random: opts.random,
  });
  const inbound = new InboundWorker({
    db: db.db,
    clock,
    log: log.child({ worker: 'inbound' }),
    concurrency: config.workerConcurrency,
    pollMs: opts.pollMs,
    context: async (now) => ({
      programs: await programs.get(now),
      settings: {
        bookingUrl: config.bookingUrl,
        brochureUrl: config.brochure.url,
        brochureFilename: config.brochure.filename,
        brochureCaption: config.brochure.caption,
        sessionTimeoutMs: config.sessionTimeoutMs,
      },
      markRead: config.whatsapp.markRead,
      handoff: { businessHours: config.handoff.businessHours, timeZone: config.handoff.timeZone },
      notifier: {
        adminEmails: config.adminEmails,
        emailEnabled: Boolean(config.mail.smtpUrl),
        webhookEnabled: Boolean(config.leadWebhook.url),
        log: log.child({ worker: 'notifications' }),
      },
    }),
    onProcessed: (outcome) => {
      metrics.inboundProcessed(outcome);
      sender.wake();
      if (outcome.kind === 'processed' && outcome.effects.length > 0) notifications.wake();
    },
  });

  const retention = new RetentionJob({
    db: db.db,
    clock,
    log: log.child({ worker: 'retention' }),
    retentionDays: config.dataRetentionDays,
  });

  const deps: Deps = {
    config,
    db: db.db,
    dbKind: db.kind,
    clock,
    programs,
    workers: { inboundStored: () => inbound.wake() },
    metrics,
  };
  const app = await buildApp(deps, { logger: log, extraRoutes: opts.extraRoutes, metrics });

  let closed = false;
  return {
    config,
    deps,
    db,
    app,
    log,
    inbound,
    sender,
    notifications,
    metrics,
    startWorkers() {
      inbound.start();
      sender.start();
      notifications.start();
      retention.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await inbound.stop();
      await retention.stop();
      // In parallel: a hanging mail server must not hold up the sender's clean stop (leases cover
      // whatever is cut short).
      await Promise.all([notifications.stop(), sender.stop()]);
      await graph?.close();
      mailer?.close();
      await db.db.destroy();
    },
  };
}
