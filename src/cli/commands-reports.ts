import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { getStats } from '../ops/get-stats.js';
import { leadsCsvStream } from '../ops/leads-csv.js';
import { INTEREST_HELP, requireLeadInterest } from '../ops/lead-interests.js';
import { iterateLeads, type LeadFilter, type LeadView } from '../ops/list-leads.js';
import type { CliContext } from './cli-context.js';
import { parseSince, positiveInt } from './parse-args.js';
import { printJson, printRecord, printTable, shortTime, writeOut } from './output.js';

/** stats, list-leads. */
export function registerReportCommands(program: Command, ctx: CliContext): void {
  statsCommand(program, ctx);
  listLeadsCommand(program, ctx);
}

function statsCommand(program: Command, ctx: CliContext): void {
  program
    .command('stats')
    .description('activity over the last days, opted-out users and the current backlog')
    .option('--days <n>', 'length of the period', positiveInt, 7)
    .option('--json', 'machine-readable output')
    .action(async (o: { days: number; json?: boolean }) => {
      const s = await ctx.withDb(({ db }) => getStats(db, { days: o.days }, ctx.now()));
      if (o.json) return printJson(s);
      printRecord(`Activity in the last ${s.days} day(s), since ${shortTime(s.since)} UTC`, {
        'users (all time)': s.users.total,
        'users active in period': s.users.activeInPeriod,
        'active sessions': s.users.activeSessions,
        'opted out (STOP)': s.users.optedOut,
        'messages in': s.messages.incoming,
        'messages out': s.messages.outgoing,
        'messages out failed': s.messages.outgoingFailed,
        'inbound waiting': s.messages.inboundPending,
        'outbound queued': s.messages.outboundQueued,
        'leads (all time)': s.leads.total,
        'new leads in period': s.leads.newInPeriod,
        'notifications pending': s.notifications.pending,
        'notifications failed': s.notifications.failed,
      });
    });
}

interface ListLeadsOptions {
  since?: string;
  until?: string;
  interest?: string;
  source?: string;
  json?: boolean;
  csv?: boolean;
}

function listLeadsCommand(program: Command, ctx: CliContext): void {
  program
    .command('list-leads')
    .description('leads, oldest first: a table, --json or --csv (safe to open in a spreadsheet)')
    .option('--since <date>', 'created at or after: 2024-02-01, an ISO time, or a duration such as 7d')
    .option('--until <date>', 'created before')
    .option('--interest <text>', `only leads with this interest: ${INTEREST_HELP}`)
    .option('--source <text>', 'only leads from this source, exactly: "ad <headline>" or "direct"')
    .addOption(new Option('--json', 'machine-readable output').conflicts('csv'))
    .addOption(new Option('--csv', 'CSV on stdout').conflicts('json'))
    .action(async (o: ListLeadsOptions) => {
      const now = ctx.now();
      const filter: LeadFilter = {
        ...(o.since ? { since: parseSince(o.since, now) } : {}),
        ...(o.until ? { until: parseSince(o.until, now, '--until') } : {}),
        ...(o.source ? { source: o.source } : {}),
      };
      await ctx.withDb(async ({ db }) => {
        if (o.interest) filter.interest = await requireLeadInterest(db, o.interest);
        if (o.csv) return pipeline(leadsCsvStream(iterateLeads(db, filter)), process.stdout, { end: false });
        const leads: LeadView[] = [];
        for await (const lead of iterateLeads(db, filter)) leads.push(lead);
        if (o.json) return printJson(leads);
        printTable(
          ['id', 'created (UTC)', 'name', 'phone', 'email', 'interest', 'budget USD', 'country'],
          leads.map((l) => [
            l.id,
            shortTime(l.createdAt),
            l.name,
            l.phone,
            l.email,
            l.interest,
            l.budget,
            l.countryOfInterest,
          ]),
        );
        writeOut(`${leads.length} lead(s)`);
      });
    });
}
