import { createInterface } from 'node:readline/promises';

/**
 * Asks on stderr (stdout stays clean for --json) and reads one line from stdin. Without a terminal
 * the line is still read, so scripts can pipe the answer in; end of input counts as "no".
 */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: Boolean(process.stdin.isTTY) });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('close', () => resolve(''));
      rl.question(`${question} Type 'yes' to continue: `).then(resolve, () => resolve(''));
    });
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}
