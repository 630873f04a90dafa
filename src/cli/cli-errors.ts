import { CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { AppError, isDatabaseUnavailable } from '../errors.js';

/** Bad command-line input found after parsing (a date, a duration): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An expected failure with a message for the operator (declined prompt, refused reset): exit code 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function describe(err: unknown): string {
  const e = err as { message?: string; code?: string; errors?: { message?: string }[] };
  // A refused connection to "localhost" is an AggregateError with an empty message.
  return e.message || e.errors?.[0]?.message || e.code || String(err);
}

/** One line on stderr (a stack only with --verbose) and the exit code for it. */
export function reportError(err: unknown, verbose: boolean, write: (s: string) => void): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message; --help and --version are successes.
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  let line: string;
  let code = EXIT_FAILURE;
  if (err instanceof UsageError) {
    line = `error: ${err.message}`;
    code = EXIT_USAGE;
  } else if (err instanceof AppError) {
    line = `error: ${err.message}`;
    // What the operator typed is wrong (a phone, a field): bad usage. Anything else — unknown, already
    // there (CONFLICT), refused by the conversation's state — is a failure of a well-formed command.
    if (err.code === 'VALIDATION_FAILED' || err.code === 'BAD_REQUEST') code = EXIT_USAGE;
  } else if (err instanceof ConfigError) {
    line = `configuration: ${err.problems.join('; ')}`;
  } else if (isDatabaseUnavailable(err)) {
    line = `database unreachable: ${describe(err)}`;
  } else if (err instanceof CliFailure) {
    line = err.message;
  } else {
    line = `error: ${describe(err)}`;
  }
  write(`${line}\n`);
  if (verbose && err instanceof Error && err.stack) write(`${err.stack}\n`);
  return code;
}
