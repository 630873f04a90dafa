import type { Command } from 'commander';
import { initDb, resetDb } from '../ops/migrate-db.js';
import { seedPrograms } from '../ops/programs.js';
import type { CliContext } from './cli-context.js';
import { CliFailure } from './cli-errors.js';
import { confirm } from './confirm.js';
import { printJson, writeOut } from './output.js';

/** init-db, migrate (its alias for deploy scripts), reset-db, seed-programs. */
export function registerDbCommands(program: Command, ctx: CliContext): void {
  initDbCommands(program, ctx);
  resetDbCommand(program, ctx);
  seedProgramsCommand(program, ctx);
}

function initDbCommands(program: Command, ctx: CliContext): void {
  for (const [name, what] of [
    ['init-db', 'create the database tables, or bring them up to date (idempotent)'],
    ['migrate', 'alias of init-db, for deploy scripts'],
  ] as const) {
    program
      .command(name)
      .description(what)
      .option('--json', 'machine-readable output')
      .action(async (o: { json?: boolean }) => {
        const result = await ctx.withDb(async ({ db, describe }) => ({ database: describe, ...(await initDb(db)) }), {
          schema: 'any',
        });
        if (o.json) return printJson(result);
        writeOut(
          result.applied.length > 0
            ? `database ready (${result.database}): applied ${result.applied.join(', ')}`
            : `database ready (${result.database}): already up to date`,
        );
      });
  }
}

function resetDbCommand(program: Command, ctx: CliContext): void {
  program
    .command('reset-db')
    .description('drop every table and create them again, empty (asks for confirmation)')
    .option('--yes', 'do not ask for confirmation')
    .option('--force', 'allow this when NODE_ENV=production')
    .option('--json', 'machine-readable output')
    .action(async (o: { yes?: boolean; force?: boolean; json?: boolean }) => {
      await ctx.withDb(
        async ({ db, describe, config }) => {
          const result = await resetDb(db, {
            production: config.production,
            force: Boolean(o.force),
            confirm: async () =>
              o.yes === true || confirm(`This deletes ALL data in ${describe}: conversations, leads, queued messages.`),
          });
          if (!result.ok && result.reason === 'production_without_force') {
            throw new CliFailure('refusing to reset a production database (NODE_ENV=production) without --force');
          }
          if (!result.ok) throw new CliFailure('aborted: nothing was changed');
          if (o.json) return printJson({ database: describe, reset: true, applied: result.applied });
          writeOut(
            `database reset (${describe}): every table dropped and created again (${result.applied.join(', ')})`,
          );
        },
        { schema: 'any' },
      );
    });
}

function seedProgramsCommand(program: Command, ctx: CliContext): void {
  program
    .command('seed-programs')
    .description('load the program catalogue from a JSON file (adds new names, updates existing ones)')
    .option('--file <path>', 'program list (default: PROGRAMS_FILE, else the bundled data-seed/programs.json)')
    .option('--json', 'machine-readable output')
    .action(async (o: { file?: string; json?: boolean }) => {
      const result = await ctx.withDb(({ db, config }) => seedPrograms(db, o.file ?? config.programsFile, ctx.now()));
      if (o.json) return printJson(result);
      writeOut(
        `programs from ${result.file}: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged`,
      );
    });
}
