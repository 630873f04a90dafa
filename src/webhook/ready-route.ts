import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { readQueueStats } from '../observability/queue-stats.js';
import { migrationsAreCurrent } from '../store/migrate.js';
import { checkHealth, type HealthReport } from './health.js';

/** Unprocessed inbound or unsent outbound work older than this makes the instance not ready. */
export const READY_MAX_QUEUE_AGE_SECONDS = 300;

export interface ReadyReport {
  status: 'ready' | 'not_ready';
  checks: {
    database: HealthReport['database'];
    migrations: 'current' | 'pending' | 'unknown';
    sending: HealthReport['sending'];
    queue:
      | {
          inboundOldestAgeSeconds: number | null;
          outboundOldestAgeSeconds: number | null;
          maxAgeSeconds: number;
        }
      | 'unknown';
  };
  reasons: string[];
  time: string;
}

/**
 * Readiness: the database answers, its schema is current, Meta has not rejected the configured
 * token, and no inbound or outbound work has waited longer than the limit. Every failing check adds
 * a reason. (Liveness is /webhook/health, which fails only when the database is away.)
 */
export async function checkReady(deps: Deps, maxQueueAgeSeconds = READY_MAX_QUEUE_AGE_SECONDS): Promise<ReadyReport> {
  const health = await checkHealth(deps);
  const reasons: string[] = [];
  const report: ReadyReport = {
    status: 'ready',
    checks: { database: health.database, migrations: 'unknown', sending: health.sending, queue: 'unknown' },
    reasons,
    time: health.time,
  };
  if (health.database !== 'ok') {
    reasons.push(...health.reasons);
  } else {
    if (health.sending === 'token_invalid') reasons.push(...health.reasons);
    await checkMigrations(deps, report);
    await checkQueues(deps, report, maxQueueAgeSeconds);
  }
  report.status = reasons.length === 0 ? 'ready' : 'not_ready';
  return report;
}

async function checkMigrations(deps: Deps, report: ReadyReport): Promise<void> {
  try {
    report.checks.migrations = (await migrationsAreCurrent(deps.db)) ? 'current' : 'pending';
    if (report.checks.migrations === 'pending') {
      report.reasons.push('database schema is not up to date: run `nexora-bot migrate` (or restart, which migrates)');
    }
  } catch (err) {
    report.reasons.push(`could not read the migration state: ${(err as Error).message}`);
  }
}

async function checkQueues(deps: Deps, report: ReadyReport, maxAgeSeconds: number): Promise<void> {
  try {
    const stats = await readQueueStats(deps.db, deps.clock.now());
    const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
    const queue = {
      inboundOldestAgeSeconds: seconds(stats.inbound.oldestAgeMs),
      outboundOldestAgeSeconds: seconds(stats.outbound.oldestAgeMs),
      maxAgeSeconds,
    };
    report.checks.queue = queue;
    if ((queue.inboundOldestAgeSeconds ?? 0) > maxAgeSeconds) {
      report.reasons.push(
        `inbound: the oldest unprocessed message has waited ${queue.inboundOldestAgeSeconds} s (limit ${maxAgeSeconds} s)`,
      );
    }
    if ((queue.outboundOldestAgeSeconds ?? 0) > maxAgeSeconds) {
      report.reasons.push(
        `outbound: the oldest unsent message has waited ${queue.outboundOldestAgeSeconds} s (limit ${maxAgeSeconds} s)`,
      );
    }
  } catch (err) {
    report.reasons.push(`could not read the queues: ${(err as Error).message}`);
  }
}

/** GET /ready: 200 with the checks when ready, 503 with the reasons otherwise. Open, like /webhook/health. */
export async function readyRoute(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get('/ready', async (_req, reply) => {
    const report = await checkReady(deps);
    return reply.code(report.status === 'ready' ? 200 : 503).send(report);
  });
}
