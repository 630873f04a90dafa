import type { Command } from 'commander';
import { addProgram, listProgramsOp, removeProgram, updateProgram, type ProgramInput } from '../ops/programs.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-errors.js';
import { positiveInt } from './parse-args.js';
import { printJson, printTable, writeOut } from './output.js';

interface ProgramOptions {
  country?: string;
  category?: string;
  description?: string;
  minInvestment?: number;
  processingTime?: string;
  link?: string;
  rank?: number;
  json?: boolean;
}

function withProgramOptions(cmd: Command): Command {
  return cmd
    .option('--country <text>', 'country')
    .option('--category <text>', 'category, as the menu names it (e.g. "Europe Golden Visa")')
    .option('--description <text>', 'one-line description')
    .option('--min-investment <usd>', 'minimum investment in whole USD', positiveInt)
    .option('--processing-time <text>', 'e.g. "3-4 months"')
    .option('--link <url>', 'program page')
    .option('--rank <n>', 'order within the category (1 = first)', positiveInt)
    .option('--json', 'machine-readable output');
}

/** Options → the snake_case fields the ops validate (missing ones stay undefined). */
function fields(o: ProgramOptions): Partial<Omit<ProgramInput, 'name'>> {
  return {
    country: o.country,
    category: o.category,
    description: o.description,
    minimum_investment: o.minInvestment,
    processing_time: o.processingTime,
    link: o.link,
    rank: o.rank,
  };
}

/** What `programs add` needs, as the options are spelled (the API's schema requires the same fields). */
const REQUIRED_FOR_ADD: [keyof ProgramOptions, string][] = [
  ['country', '--country'],
  ['category', '--category'],
  ['minInvestment', '--min-investment'],
  ['link', '--link'],
  ['rank', '--rank'],
];

/** Every missing option named at once (commander's requiredOption stops at the first). */
function requireAddOptions(o: ProgramOptions): void {
  const missing = REQUIRED_FOR_ADD.filter(([key]) => o[key] === undefined).map(([, flag]) => flag);
  if (missing.length > 0)
    throw new UsageError(`missing required option${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`);
}

/** programs list|add|update|remove: the catalogue, without editing files. */
export function registerProgramCommands(program: Command, ctx: CliContext): void {
  const programs = program.command('programs').description('manage the program catalogue');
  programs
    .command('list')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const list = await ctx.withDb(({ db }) => listProgramsOp(db));
      if (o.json) return printJson(list);
      printTable(
        ['category', 'rank', 'name', 'country', 'min USD', 'processing', 'link'],
        list.map((p) => [p.category, p.rank, p.name, p.country, p.minimum_investment, p.processing_time, p.link]),
      );
    });
  withProgramOptions(
    programs
      .command('add <name>')
      .description('add a program (country, category, min-investment, link and rank required)'),
  ).action(async (name: string, o: ProgramOptions) => {
    requireAddOptions(o);
    const added = await ctx.withDb(({ db, config }) =>
      addProgram(db, { ...fields(o), name } as ProgramInput, ctx.now(), { allowHttpLinks: config.development }),
    );
    if (o.json) return printJson(added);
    writeOut(`added "${added.name}" (#${added.id})`);
  });
  withProgramOptions(programs.command('update <name>').description('change the given fields of a program')).action(
    async (name: string, o: ProgramOptions) => {
      const updated = await ctx.withDb(({ db, config }) =>
        updateProgram(db, name, fields(o), ctx.now(), { allowHttpLinks: config.development }),
      );
      if (o.json) return printJson(updated);
      writeOut(`updated "${updated.name}"`);
    },
  );
  programs
    .command('remove <name>')
    .option('--json', 'machine-readable output')
    .action(async (name: string, o: { json?: boolean }) => {
      await ctx.withDb(({ db }) => removeProgram(db, name));
      if (o.json) return printJson({ removed: name });
      writeOut(`removed "${name}"`);
    });
}
