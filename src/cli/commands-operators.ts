import type { Command } from 'commander';
import { addOperator, listOperators, resetOperatorPassword, setOperatorDisabled } from '../ops/operators.js';
import type { CliContext } from './cli-context.js';
import { printJson, printTable, writeOut } from './output.js';
import { readNewPassword } from './read-password.js';

/** operators add|list|disable|enable|reset-password: who may sign in to the console. */
export function registerOperatorCommands(program: Command, ctx: CliContext): void {
  const operators = program.command('operators').description('manage the console operators');
  operators
    .command('add <email>')
    .description('create an operator (the password is asked for, or read from stdin)')
    .requiredOption('--name <text>', 'display name')
    .requiredOption('--role <role>', 'admin, consultant or viewer')
    .option('--password-stdin', 'read the password as one line from stdin')
    .action(async (email: string, o: { name: string; role: string; passwordStdin?: boolean }) => {
      const password = await readNewPassword(o.passwordStdin);
      const op = await ctx.withDb(({ db }) =>
        addOperator(db, { email, display_name: o.name, role: o.role as 'viewer', password }, ctx.now()),
      );
      writeOut(`added operator ${op.email} (${op.role}); sign in at /console/login\n`);
    });
  operators
    .command('list')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const list = await ctx.withDb(({ db }) => listOperators(db));
      if (o.json) return printJson(list);
      printTable(
        ['email', 'name', 'role', 'state', 'last sign-in'],
        list.map((x) => [
          x.email,
          x.display_name,
          x.role,
          x.disabled ? 'disabled' : 'active',
          x.last_login_at ?? 'never',
        ]),
      );
    });
  operators
    .command('disable <email>')
    .description('stop an operator signing in and end their sessions')
    .action(async (email: string) => {
      const op = await ctx.withDb(({ db }) => setOperatorDisabled(db, email, true));
      writeOut(`disabled ${op.email}; their sessions have ended\n`);
    });
  operators
    .command('enable <email>')
    .description('let a disabled operator sign in again (clears their failed sign-ins)')
    .action(async (email: string) => {
      const op = await ctx.withDb(({ db }) => setOperatorDisabled(db, email, false));
      writeOut(`enabled ${op.email}; they can sign in again\n`);
    });
  operators
    .command('reset-password <email>')
    .description('set a new password (asked for, or read from stdin) and end their sessions')
    .option('--password-stdin', 'read the password as one line from stdin')
    .action(async (email: string, o: { passwordStdin?: boolean }) => {
      const password = await readNewPassword(o.passwordStdin);
      const op = await ctx.withDb(({ db }) => resetOperatorPassword(db, email, password));
      writeOut(`new password set for ${op.email}; their sessions have ended\n`);
    });
}
