import { localMediaStore } from '../media/media-store.js';
import type { Command } from 'commander';
import { cleanupSessions } from '../ops/cleanup-sessions.js';
import { replayInbound } from '../ops/replay-inbound.js';
import { rescoreLeads } from '../ops/rescore-leads.js';
import { retryFailed } from '../ops/retry-failed.js';
import type { CliContext } from './cli-context.js';
import { durationOption, parseSince } from './parse-args.js';
import { printJson, progressReporter, writeOut } from './output.js';

/** cleanup-sessions, retry-failed, replay, rescore-leads. */
export function registerMaintenanceCommands(program: Command, ctx: CliContext): void {
  cleanupSessionsCommand(program, ctx);
  retryFailedCommand(program, ctx);
  replayCommand(program, ctx);
  rescoreLeadsCommand(program, ctx);
}

function rescoreLeadsCommand(program: Command, ctx: CliContext): void {
  program
    .command('rescore-leads')
    .description("score every lead again now (the server does it daily: the score's recency decays)")
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const result = await ctx.withDb(({ db }) => rescoreLeads(db, ctx.now()));
      if (o.json) return printJson(result);
      writeOut(`${result.leadsScored} lead(s) scored again at ${result.at}`);
    });
}

function cleanupSessionsCommand(program: Command, ctx: CliContext): void {
  program
    .command('cleanup-sessions')
    .description(
      'reset idle sessions to the main menu; with DATA_RETENTION_DAYS, purge finished messages older than that',
    )
    .option('--older-than <duration>', 'idle for longer than this (30m, 24h, 7d)', durationOption, 24 * 3_600_000)
    .option('--json', 'machine-readable output')
    .action(async (o: { olderThan: number; json?: boolean }) => {
      const progress = progressReporter('cleanup-sessions');
      const result = await ctx.withDb(({ db, config }) =>
        cleanupSessions(
          db,
          {
            olderThanMs: o.olderThan,
            retentionDays: config.dataRetentionDays,
            onProgress: progress,
            media: localMediaStore(config.mediaDir),
          },
          ctx.now(),
        ),
      );
      progress.end();
      if (o.json) return printJson(result);
      writeOut(`${result.sessionsReset} idle session(s) reset to the main menu`);
      writeOut(
        result.purgedBefore
          ? `${result.messagesPurged} message(s), ${result.statusesPurged} status(es) and ${result.filesPurged} file(s) from before ${result.purgedBefore} purged (DATA_RETENTION_DAYS)`
          : 'no message purge: DATA_RETENTION_DAYS is not set',
      );
    });
}

function retryFailedCommand(program: Command, ctx: CliContext): void {
  program
    .command('retry-failed')
    .description('put failed outbound messages and notifications back in their queues')
    .option('--since <date>', 'only those that failed since: 2024-02-01, an ISO time, or a duration such as 2h')
    .option('--json', 'machine-readable output')
    .action(async (o: { since?: string; json?: boolean }) => {
      const now = ctx.now();
      const since = o.since === undefined ? undefined : parseSince(o.since, now);
      const result = await ctx.withDb(({ db }) => retryFailed(db, since === undefined ? {} : { since }, now));
      if (o.json) return printJson(result);
      writeOut(
        `requeued ${result.messages} message(s) and ${result.notifications} notification(s); the running server retries them`,
      );
    });
}

function replayCommand(program: Command, ctx: CliContext): void {
  program
    .command('replay <wamid>')
    .description('process a stored inbound message again (the running server picks it up)')
    .option('--json', 'machine-readable output')
    .action(async (wamid: string, o: { json?: boolean }) => {
      const result = await ctx.withDb(({ db }) => replayInbound(db, wamid, ctx.now()));
      if (o.json) return printJson(result);
      writeOut(`message #${result.id} from ${result.phone} (was ${result.previousStatus}) queued for processing again`);
      if (result.willExpire)
        writeOut('warning: it is older than 24 hours, so it will be marked expired rather than answered');
    });
}
