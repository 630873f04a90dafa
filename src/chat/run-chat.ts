// The terminal conversation: each typed line becomes a real webhook to the running bot, and the
// bot's replies (read back from /sandbox/messages) are printed as a WhatsApp user would see them.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { normalizePhone } from '../lib/phone.js';
import { ChatError, createBotClient, type BotClient, type SandboxMessage } from './bot-client.js';
import { HELP_LINES, parseLine, type ChatAction } from './parse-line.js';
import { renderReply, type Choice } from './render-reply.js';
import { waitForReplies } from './wait-for-replies.js';
import {
  choiceMessage,
  imageMessage,
  locationMessage,
  textMessage,
  webhookEnvelope,
  type ChatUser,
  type InboundMessage,
} from './webhook-builder.js';

export interface RunChatOptions {
  input: Readable;
  output: Writable;
  /** Where ✖ problems go (default: `output`). */
  errorOutput?: Writable;
  url: string;
  phone: string;
  name?: string;
  /** APP_SECRET of the bot; webhooks are signed when set. */
  secret?: string;
  /** ADMIN_TOKEN, to read replies from a bot that is not in sandbox mode. */
  adminToken?: string;
  /** Print each typed line back (default: when the input is not a terminal, e.g. piped). */
  echo?: boolean;
  pollMs?: number;
  quietMs?: number;
  timeoutMs?: number;
}

const YOU = 'you › ';
const BOT = 'bot › ';
const INDENT = ' '.repeat(BOT.length);

/** Returns the exit code once the input ends or the user quits: 0, or 1 when the chat could not start. */
export async function runChat(opts: RunChatOptions): Promise<number> {
  const write = (...lines: string[]) => opts.output.write(lines.map((l) => `${l}\n`).join(''));
  const fail = (message: string) => (opts.errorOutput ?? opts.output).write(`✖ ${message}\n`);
  const phone = normalizePhone(opts.phone);
  if (phone === null || !/^\d+$/.test(phone)) {
    fail(`--phone ${JSON.stringify(opts.phone)} is not a phone number (digits with country code, e.g. 15550100001)`);
    return 1;
  }
  const user: ChatUser = { phone, name: opts.name ?? 'Chat Tester' };
  const client = createBotClient({ url: opts.url, secret: opts.secret, adminToken: opts.adminToken });

  let lastId: number;
  let mode: string | undefined;
  try {
    ({ mode } = await client.checkRunning());
    lastId = await client.latestReplyId(phone);
  } catch (err) {
    if (!(err instanceof ChatError)) throw err;
    fail(err.message);
    return 1;
  }

  write(
    `Chatting as +${phone} (${user.name}) with the bot at ${client.url}${mode ? ` [${mode} mode]` : ''}`,
    ...(mode === 'live' ? ['⚠ LIVE mode: the bot really sends its replies to this number on WhatsApp'] : []),
    'Type hi to start, /help for commands.',
    '',
  );

  const terminal = (opts.input as { isTTY?: boolean }).isTTY === true;
  const echo = opts.echo ?? !terminal;
  const rl = createInterface({
    input: opts.input,
    ...(terminal ? { output: opts.output, terminal: true } : { terminal: false }),
  });
  rl.on('SIGINT', () => rl.close());
  const prompt = () => {
    if (terminal) {
      rl.setPrompt(YOU);
      rl.prompt();
    }
  };

  let choices: Choice[] = [];
  const turn: Turn = { client, user, write, fail, wait: waitOptions(opts) };
  prompt();
  for await (const line of rl) {
    const action = parseLine(line, choices);
    if (echo && action.kind !== 'empty') write(`${YOU}${line.trim()}`);
    if (action.kind === 'quit') break;
    const message = toMessage(action, user, write);
    if (message) {
      const result = await sendAndShow(turn, message, lastId);
      lastId = result.lastId;
      // A new batch of replies replaces what can be tapped; if none came, the old choices stay.
      if (result.replies.length > 0) choices = lastChoices(result.replies);
    }
    prompt();
  }
  rl.close();
  write('', 'bye');
  return 0;
}

function toMessage(action: ChatAction, user: ChatUser, write: (...lines: string[]) => void): InboundMessage | null {
  switch (action.kind) {
    case 'text':
      return textMessage(user, action.text);
    case 'choice':
      write(`${INDENT}(tapped ${action.n}: ${action.choice.title})`);
      return choiceMessage(user, action.choice);
    case 'image':
      write(`${INDENT}(sent a photo${action.caption ? ` captioned "${action.caption}"` : ''})`);
      return imageMessage(user, action.caption);
    case 'location':
      write(`${INDENT}(sent a location: Dubai Marina)`);
      return locationMessage(user);
    case 'help':
      write(...HELP_LINES, '');
      return null;
    case 'unknown_command':
      write(`unknown command /${action.command} — /help lists the commands`, '');
      return null;
    case 'empty':
    case 'quit':
      return null;
  }
}

interface Turn {
  client: BotClient;
  user: ChatUser;
  write: (...lines: string[]) => void;
  fail: (message: string) => void;
  wait: { pollMs: number; quietMs: number; timeoutMs: number };
}

/** Posts one message and prints the bot's replies as they come; problems are printed, not thrown. */
async function sendAndShow(
  t: Turn,
  message: InboundMessage,
  after: number,
): Promise<{ lastId: number; replies: SandboxMessage[] }> {
  try {
    const res = await t.client.postWebhook(webhookEnvelope(t.user, message));
    if (res.status !== 200) {
      t.fail(`POST /webhook answered HTTP ${res.status}: ${res.body.slice(0, 300)}`);
      if (res.status === 401)
        t.fail("the signature was refused: set APP_SECRET in this environment to the bot's value");
      t.write('');
      return { lastId: after, replies: [] };
    }
    const result = await waitForReplies(t.client, t.user.phone, after, {
      ...t.wait,
      onReply: (reply) => t.write('', ...botLines(reply)),
    });
    if (result.timedOut) {
      t.write(
        `… the bot has not finished answering after ${Math.round(t.wait.timeoutMs / 1000)} s — it may be busy or stuck; check its log`,
      );
    } else if (result.replies.length === 0) {
      t.write(`${INDENT}(no reply)`);
    }
    t.write('');
    return result;
  } catch (err) {
    if (!(err instanceof ChatError)) throw err;
    t.fail(err.message);
    t.write('');
    return { lastId: after, replies: [] };
  }
}

function botLines(reply: SandboxMessage): string[] {
  const { lines } = renderReply(reply.body, reply.text);
  const shown = lines.length > 0 ? lines : ['(empty message)'];
  if (reply.status === 'failed') shown.push('⚠ not delivered (status failed)');
  return shown.map((line, i) => (i === 0 ? `${BOT}${line}` : line === '' ? '' : `${INDENT}${line}`));
}

/** What the user can tap now: the choices of the newest list or buttons in the batch, if any. */
function lastChoices(replies: SandboxMessage[]): Choice[] {
  for (const reply of [...replies].reverse()) {
    const { choices } = renderReply(reply.body, reply.text);
    if (choices.length > 0) return choices;
  }
  return [];
}

function waitOptions(opts: RunChatOptions) {
  return { pollMs: opts.pollMs ?? 100, quietMs: opts.quietMs ?? 300, timeoutMs: opts.timeoutMs ?? 15_000 };
}
