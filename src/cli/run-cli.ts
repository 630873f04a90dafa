import { Command } from 'commander';
import { createCliContext, type CliContext } from './cli-context.js';
import { EXIT_OK, reportError } from './cli-errors.js';
import { registerCannedCommands } from './commands-canned.js';
import { registerDbCommands } from './commands-db.js';
import { registerMaintenanceCommands } from './commands-maintenance.js';
import { registerOperatorCommands } from './commands-operators.js';
import { registerProgramCommands } from './commands-programs.js';
import { registerReportCommands } from './commands-reports.js';
import { registerUserCommands } from './commands-users.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('nexora-bot')
    .description('Nexora WhatsApp bot administration, on the database in DATABASE_URL')
    .option('--verbose', 'show stack traces on errors')
    // Usage errors become exceptions, so the exit code is ours (2), not commander's process.exit.
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerDbCommands(program, ctx);
  registerReportCommands(program, ctx);
  registerUserCommands(program, ctx);
  registerMaintenanceCommands(program, ctx);
  registerProgramCommands(program, ctx);
  registerOperatorCommands(program, ctx);
  registerCannedCommands(program, ctx);
  return program;
}

/** Runs one command line; returns the exit code (0 ok, 1 failure, 2 bad usage). */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  // Read before parsing, so errors raised while parsing are reported the same way.
  const verbose = argv.includes('--verbose');
  try {
    await buildProgram(createCliContext(env)).parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    return reportError(err, verbose, (s) => process.stderr.write(s));
  }
}
