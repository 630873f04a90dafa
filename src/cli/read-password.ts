import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { CliFailure } from './cli-errors.js';

/** One line from stdin (`--password-stdin`), without its line ending. */
async function readStdinLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

/** Asks twice on the terminal without echoing what is typed. */
async function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const ask = async (q: string) => {
      const pending = rl.question(q);
      muted = true;
      const answer = await pending;
      muted = false;
      process.stderr.write('\n');
      return answer;
    };
    const first = await ask(question);
    const second = await ask('Repeat it: ');
    if (first !== second) throw new CliFailure('the two passwords differ; nothing was changed');
    return first;
  } finally {
    rl.close();
  }
}

/** The new password: from stdin with --password-stdin, else from a prompt (which needs a terminal). */
export async function readNewPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return readStdinLine();
  if (!process.stdin.isTTY)
    throw new CliFailure('no terminal to ask for the password: pipe it in with --password-stdin');
  return promptHidden('Password (at least 12 characters): ');
}
