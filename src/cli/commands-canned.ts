import type { Command } from 'commander';
import {
  addCannedReply,
  deleteCannedReply,
  getCannedReply,
  listCannedReplies,
  updateCannedReply,
} from '../ops/canned-replies.js';
import type { CliContext } from './cli-context.js';
import { printJson, printTable, writeOut } from './output.js';

/** canned list|add|edit|remove: the canned replies consultants pick on the conversation page. */
export function registerCannedCommands(program: Command, ctx: CliContext): void {
  const canned = program.command('canned').description('manage the canned replies consultants start a reply from');
  canned
    .command('list')
    .option('--language <tag>', "only this language's replies and those for every language")
    .option('--json', 'machine-readable output')
    .action(async (o: { language?: string; json?: boolean }) => {
      const list = await ctx.withDb(({ db }) =>
        listCannedReplies(db, o.language === undefined ? {} : { language: o.language }),
      );
      if (o.json) return printJson(list);
      printTable(
        ['id', 'title', 'language', 'text'],
        list.map((c) => [c.id, c.title, c.language ?? 'every', c.body.replace(/\s+/g, ' ').slice(0, 60)]),
      );
    });
  canned
    .command('add')
    .description('add a canned reply')
    .requiredOption('--title <text>', 'what consultants see in the picker')
    .requiredOption('--text <text>', 'the reply')
    .option('--language <tag>', 'offer it only to clients in this language (default: every language)')
    .option('--by <id>', 'who wrote it', 'cli')
    .option('--json', 'machine-readable output')
    .action(async (o: { title: string; text: string; language?: string; by: string; json?: boolean }) => {
      const c = await ctx.withDb(({ db }) =>
        addCannedReply(db, { title: o.title, body: o.text, language: o.language ?? null }, o.by, ctx.now()),
      );
      if (o.json) return printJson(c);
      writeOut(`added canned reply #${c.id} "${c.title}"\n`);
    });
  canned
    .command('edit <id>')
    .description('change a canned reply (the options given; the others stay)')
    .option('--title <text>', 'what consultants see in the picker')
    .option('--text <text>', 'the reply')
    .option('--language <tag>', "a language tag, or 'every'")
    .option('--by <id>', 'who wrote it', 'cli')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { title?: string; text?: string; language?: string; by: string; json?: boolean }) => {
      const c = await ctx.withDb(async ({ db }) => {
        const old = await getCannedReply(db, id);
        const language = o.language === undefined ? old.language : o.language === 'every' ? null : o.language;
        return updateCannedReply(
          db,
          id,
          { title: o.title ?? old.title, body: o.text ?? old.body, language },
          o.by,
          ctx.now(),
        );
      });
      if (o.json) return printJson(c);
      writeOut(`saved canned reply #${c.id} "${c.title}"\n`);
    });
  canned
    .command('remove <id>')
    .description('delete a canned reply')
    .action(async (id: string) => {
      await ctx.withDb(({ db }) => deleteCannedReply(db, id));
      writeOut(`removed canned reply #${id}\n`);
    });
}
