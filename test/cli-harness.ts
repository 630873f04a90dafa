// Runs the real CLI as a child process, the way operators and deploy scripts do.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node --import tsx src/cli/cli-main.ts …args` in the repository root, with only the environment
 * given (plus PATH/HOME), so a developer's .env or shell cannot change what a test sees; settings a
 * .env might hold are passed as empty, which dotenv leaves alone and the config reads as unset.
 */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string>; input?: string; entry?: string } = {},
): Promise<CliRun> {
  const entry = opts.entry ?? 'src/cli/cli-main.ts';
  const command = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: '',
      DATA_RETENTION_DAYS: '',
      PROGRAMS_FILE: '',
      ...opts.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
