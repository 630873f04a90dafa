// Builds everything a running bot needs from the config: database, app, workers. main.ts starts it;
// tests start it on port 0 with their own config.
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { LimiterOptions } from './admin/auth-failure-limiter.js';
import { buildApp, type ExtraRoutes } from './app.js';
import { access, constants as fsConstants, mkdir } from 'node:fs/promises';
import { ConfigError, type Config } from './config.js';
import type { Deps } from './deps.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createMailer, type Mailer } from './notify/mailer.js';
import { InboundWorker } from './pipeline/inbound-worker.js';
import { notificationHandlers } from './pipeline/notification-handlers.js';
import { downloadMediaJob, MEDIA_DOWNLOAD_KIND, MEDIA_DOWNLOAD_RETRY } from './pipeline/media-download.js';
import { localMediaStore } from './media/media-store.js';
import { NotificationWorker } from './pipeline/notification-worker.js';
import { OutboundSender, tokenFingerprint } from './pipeline/outbound-sender.js';
import { createDb, resolveDbTarget, type DbHandle } from './store/create-db.js';
import { migrateToLatest } from './store/migrate.js';
import { ProgramCatalogue } from './store/programs-repository.js';
import { deleteState, readState, STATE_TOKEN_INVALID, type TokenInvalidState } from './store/service-state.js';
import type { GraphClient } from './whatsapp/graph-client.js';
import { createThreadedGraphClient } from './whatsapp/graph-thread.js';
import { DEFAULT_TEMPLATES_FILE, fileTemplateSource, graphTemplateSource } from './whatsapp/template-source.js';
import { queueAdminAlert } from './pipeline/admin-alert.js';
import { RetentionJob } from './pipeline/retention-job.js';
import { RescoreJob } from './pipeline/rescore-job.js';
import { HandoffJob } from './pipeline/handoff-job.js';
import { DashboardRollUpJob } from './pipeline/dashboard-rollup-job.js';
import { prepareOutboundBody } from './pipeline/outbound-media.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { readCurrencyRatesFile } from './store/load-currency-rates.js';

export interface Runtime {
  config: Config;
  deps: Deps;
  db: DbHandle;
  app: FastifyInstance;
  log: Logger;
  inbound: InboundWorker;
  sender: OutboundSender;
  notifications: NotificationWorker;
  /** HANDOFF_TIMEOUT_MINUTES and NOTIFY_AFTER_MINUTES; tests call runOnce() with their clock. */
  handoffJob: HandoffJob;
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
  /** The token guard's limits (tests shrink the tracked-address table). */
  authLimiter?: Partial<LimiterOptions>;
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
  const currencyRates = await readCurrencyRatesFile(config.currencyRatesFile);
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
  await prepareMediaDir(config.mediaDir);
  const media = localMediaStore(config.mediaDir);
  const mediaClient = config.sandbox
    ? null
    : {
        baseUrl: config.whatsapp.graphApiUrl,
        version: config.whatsapp.graphApiVersion,
        phoneNumberId: config.whatsapp.phoneNumberId,
        token: config.whatsapp.token ?? '',
      };
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
    ...(mediaClient === null
      ? {}
      : {
          prepareBody: (row) =>
            prepareOutboundBody({ db: db.db, store: media, client: mediaClient, now: () => clock.now() }, row),
        }),
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
    handlers: {
      ...notificationHandlers(
        config,
        mailer,
        () => sender.wake(),
        () => clock.now(),
      ),
      [MEDIA_DOWNLOAD_KIND]: (row, trxDb) =>
        downloadMediaJob(
          { client: mediaClient, store: media, now: () => clock.now(), onRepliesQueued: () => sender.wake() },
          row,
          trxDb,
        ),
    },
    horizons: { [MEDIA_DOWNLOAD_KIND]: MEDIA_DOWNLOAD_RETRY },
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
        currencyRates,
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
    media,
  });

  const rescore = new RescoreJob({ db: db.db, clock, log: log.child({ worker: 'rescore' }) });
  const rollUp = new DashboardRollUpJob({ db: db.db, clock, log: log.child({ worker: 'dashboard-rollup' }) });

  const handoffJob = new HandoffJob({
    db: db.db,
    clock,
    log: log.child({ worker: 'handoff' }),
    settings: {
      timeoutMs: config.handoff.timeoutMs,
      notifyAfterMs: config.handoff.notifyAfterMs,
      businessHours: config.handoff.businessHours,
      timeZone: config.handoff.timeZone,
      adminEmails: config.adminEmails,
      emailEnabled: Boolean(config.mail.smtpUrl),
    },
    onRepliesQueued: () => sender.wake(),
    onNoticesQueued: () => notifications.wake(),
  });

  const deps: Deps = {
    config,
    db: db.db,
    dbKind: db.kind,
    clock,
    programs,
    templates: config.sandbox
      ? fileTemplateSource(config.templatesFile ?? DEFAULT_TEMPLATES_FILE)
      : graphTemplateSource({
          baseUrl: config.whatsapp.graphApiUrl,
          version: config.whatsapp.graphApiVersion,
          wabaId: config.whatsapp.businessAccountId,
          token: config.whatsapp.token ?? '',
        }),
    workers: { inboundStored: () => inbound.wake() },
    media,
    metrics,
  };
  const app = await buildApp(deps, {
    logger: log,
    extraRoutes: opts.extraRoutes,
    metrics,
    authLimiter: opts.authLimiter,
  });

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
    handoffJob,
    metrics,
    startWorkers() {
      inbound.start();
      sender.start();
      notifications.start();
      retention.start();
      rescore.start();
      rollUp.start();
      handoffJob.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await inbound.stop();
      await retention.stop();
      await rescore.stop();
      await rollUp.stop();
      await handoffJob.stop();
      // In parallel: a hanging mail server must not hold up the sender's clean stop (leases cover
      // whatever is cut short).
      await Promise.all([notifications.stop(), sender.stop()]);
      await graph?.close();
      mailer?.close();
      await db.db.destroy();
    },
  };
}

/** MEDIA_DIR exists and is writable, or the start stops with one clear sentence. */
async function prepareMediaDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, fsConstants.W_OK);
  } catch (err) {
    throw new ConfigError([`MEDIA_DIR ${dir} cannot be created or written to: ${(err as Error).message}`]);
  }
}
