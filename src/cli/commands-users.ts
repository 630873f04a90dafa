import { localMediaStore } from '../media/media-store.js';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { deleteUser } from '../ops/delete-user.js';
import { exportUser } from '../ops/export-user.js';
import { countStatuses, countMessageRows, describeMessageCounts, describeStatuses } from '../ops/count-messages.js';
import { getUserInfo, USER_MESSAGES_MAX, type UserInfo } from '../ops/get-user-info.js';
import { replyAsOperator } from '../ops/handoff-conversations.js';
import { DEFAULT_TEST_TEXT, queueTestMessage } from '../ops/queue-test-message.js';
import { sendMediaAsOperator, storeOperatorUpload, type MediaSource } from '../ops/send-media.js';
import type { CliContext } from './cli-context.js';
import { CliFailure, UsageError } from './cli-errors.js';
import { confirm } from './confirm.js';
import { wholeNumber } from './parse-args.js';
import { printJson, printRecord, printTable, progressReporter, shortTime, writeOut } from './output.js';

function printUserInfo(u: UserInfo): void {
  const s = u.session;
  printRecord(`User ${u.phone}`, {
    'opted out': s ? (s.optedOut ? 'YES (sent STOP)' : 'no') : null,
    'current step': s?.currentStep,
    'session active': s ? (s.isActive ? 'yes' : 'no') : null,
    'profile name': s?.profileName,
    language: s ? (s.languageLabel ?? 'not known yet (English)') : null,
    'last activity (UTC)': shortTime(s?.lastActivity),
    messages: describeMessageCounts(u.totals),
    lead: u.lead
      ? [u.lead.name, u.lead.email, u.lead.interest, u.lead.budget && `$${u.lead.budget}`].filter(Boolean).join(' · ')
      : null,
  });
  // --messages 0 asks for the summary only, as messages=0 does on the API.
  if (u.messages.length === 0) return;
  printTable(
    ['time (UTC)', 'dir', 'status', 'type', 'text'],
    u.messages.map((m) => [
      shortTime(m.at),
      m.direction === 'incoming' ? 'in' : 'out',
      m.error ? `${m.status}: ${m.error}` : m.status,
      m.type,
      m.text.slice(0, 120),
    ]),
  );
}

/** user-info, export-user, delete-user, test-message, reply, send-file. */
export function registerUserCommands(program: Command, ctx: CliContext): void {
  userInfoCommand(program, ctx);
  exportUserCommand(program, ctx);
  deleteUserCommand(program, ctx);
  testMessageCommand(program, ctx);
  replyCommand(program, ctx);
  sendFileCommand(program, ctx);
}

function userInfoCommand(program: Command, ctx: CliContext): void {
  program
    .command('user-info <phone>')
    .description('session (opt-out included), lead and the last messages with time and delivery status')
    .option(
      '--messages <n>',
      `how many recent messages to list (0 to ${USER_MESSAGES_MAX}; 0 shows the summary only)`,
      wholeNumber(0, USER_MESSAGES_MAX),
      20,
    )
    .option('--json', 'machine-readable output')
    .action(async (phone: string, o: { messages: number; json?: boolean }) => {
      const info = await ctx.withDb(({ db }) => getUserInfo(db, phone, { messages: o.messages }));
      if (o.json) printJson(info);
      else printUserInfo(info);
    });
}

function exportUserCommand(program: Command, ctx: CliContext): void {
  program
    .command('export-user <phone>')
    .description('everything stored about one person, as JSON (data-subject access request)')
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (phone: string, o: { output?: string }) => {
      const progress = progressReporter('export-user');
      const data = await ctx.withDb(({ db }) => exportUser(db, phone, ctx.now(), { onProgress: progress }));
      progress.end();
      const text = JSON.stringify(data, null, 2);
      if (!o.output) return writeOut(text);
      await writeFile(o.output, `${text}\n`, { mode: 0o600 }); // personal data: readable by the owner only
      const messages = describeMessageCounts(
        countMessageRows(data.messages.map((m) => ({ direction: m.direction, type: m.type }))),
      );
      writeOut(
        `exported ${messages}, ${describeStatuses(data.statuses.length)}, ${data.notifications.length} notification(s) to ${o.output}`,
      );
    });
}

function deleteUserCommand(program: Command, ctx: CliContext): void {
  program
    .command('delete-user <phone>')
    .description('erase everything stored about one person (asks for confirmation); leaves an anonymous audit row')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'machine-readable output')
    .action(async (phone: string, o: { yes?: boolean; json?: boolean }) => {
      const result = await ctx.withDb(async ({ db, config }) => {
        const info = await getUserInfo(db, phone, { messages: 0 }); // unknown users fail here, before any question
        const statuses = describeStatuses(await countStatuses(db, info.phone));
        const what = `${describeMessageCounts(info.totals)}; ${statuses}; ${info.lead ? 'a lead' : 'no lead'}; ${info.session ? 'a session' : 'no session'}`;
        if (!o.yes && !(await confirm(`Delete everything stored about ${info.phone} (${what})?`)))
          throw new CliFailure('aborted: nothing was deleted');
        return deleteUser(db, info.phone, 'cli', ctx.now(), localMediaStore(config.mediaDir));
      });
      if (o.json) return printJson(result);
      const d = result.deleted;
      writeOut(
        `deleted ${result.phone}: ${d.messages} message row(s) (in, out and mark-read receipts), ${describeStatuses(d.statuses)}, ${d.sessions} session(s), ${d.leads} lead(s), ${d.notifications} notification(s), ${result.files} file(s) (audit #${result.auditId})`,
      );
    });
}

function testMessageCommand(program: Command, ctx: CliContext): void {
  program
    .command('test-message <phone>')
    .description("queue a text message through the real sending queue (the running server's sender delivers it)")
    .option('--text <text>', 'message text', DEFAULT_TEST_TEXT)
    .option('--json', 'machine-readable output')
    .action(async (phone: string, o: { text: string; json?: boolean }) => {
      const result = await ctx.withDb(({ db }) => queueTestMessage(db, phone, o.text, ctx.now()));
      if (o.json) return printJson(result);
      writeOut(
        `queued message #${result.id} to ${result.phone}; the running server sends it (see: nexora-bot user-info ${result.phone})`,
      );
      if (result.outsideWindow) {
        writeOut(
          'warning: this person has not written in the last 24 hours, so WhatsApp will refuse free text (the row will show failed)',
        );
      }
    });
}

function replyCommand(program: Command, ctx: CliContext): void {
  program
    .command('reply <phone>')
    .description(
      'answer a client as a person: takes the conversation from the bot, queues the text (refused after the 24-hour window)',
    )
    .requiredOption('--text <text>', 'message text')
    .option('--operator <id>', 'who is replying (recorded on the message and in the handoff log)', 'cli')
    .option('--json', 'machine-readable output')
    .action(async (phone: string, o: { text: string; operator: string; json?: boolean }) => {
      const result = await ctx.withDb(({ db }) => replyAsOperator(db, phone, o.operator, o.text, ctx.now()));
      if (o.json) return printJson(result);
      writeOut(
        `queued reply #${result.id} to ${result.conversation.phone} as ${o.operator}; the conversation is now theirs (the bot stays silent until it is resolved)`,
      );
    });
}

function sendFileCommand(program: Command, ctx: CliContext): void {
  program
    .command('send-file <phone> [file]')
    .description(
      'send a client an image or document as a person, like the console\'s "Attach a file": a local file (kept under MEDIA_DIR, which the running server must share) or --link; same 24-hour window and ownership rules as reply',
    )
    .option('--link <url>', 'a public https:// address of the file, instead of a local file')
    .option('--kind <kind>', 'with --link: image or document', 'document')
    .option('--caption <text>', 'caption shown under the file')
    .option('--operator <id>', 'who is sending (recorded on the message and in the handoff log)', 'cli')
    .option('--json', 'machine-readable output')
    .action(
      async (
        phone: string,
        file: string | undefined,
        o: { link?: string; kind: string; caption?: string; operator: string; json?: boolean },
      ) => {
        if ((file === undefined) === (o.link === undefined))
          throw new UsageError('give either a file or --link <url>, not both');
        if (o.kind !== 'image' && o.kind !== 'document')
          throw new UsageError(`--kind must be image or document, not "${o.kind}"`);
        const kind = o.kind;
        if (file !== undefined) {
          const st = await stat(file).catch((err: Error) => {
            throw new CliFailure(`error: cannot read ${file}: ${err.message}`);
          });
          if (!st.isFile()) throw new CliFailure(`error: ${file} is not a file`);
        }
        const result = await ctx.withDb(async ({ db, config }) => {
          const store = localMediaStore(config.mediaDir);
          let source: MediaSource;
          if (file !== undefined) {
            const bytes = createReadStream(file);
            source = {
              upload: await storeOperatorUpload(store, { filename: basename(file), bytes }, config.mediaUploadMaxBytes),
            };
          } else {
            source = { link: o.link!, kind };
          }
          return sendMediaAsOperator(db, store, phone, o.operator, { source, caption: o.caption }, ctx.now());
        });
        if (o.json) return printJson(result);
        writeOut(
          `queued file #${result.id} to ${result.conversation.phone} as ${o.operator}; the running server uploads and sends it`,
        );
      },
    );
}
