// Start: config → runtime (database, migrations, catalogue, app, workers) → listen; graceful shutdown.
import 'dotenv/config';
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { errorMessage } from './lib/error-text.js';
import { createRuntime } from './runtime.js';
import { ensureSeedPrograms } from './store/seed-programs.js';
import { hasActiveAdmin } from './ops/operators.js';
import { firstOperatorCommand, startBanner } from './start-banner.js';

function createLogger(config: Config) {
  const pretty = config.env === 'development' && process.stdout.isTTY;
  return pino({
    level: config.logLevel,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config);
  const runtime = await createRuntime(config, { logger: log });
  const seeded = await ensureSeedPrograms(runtime.deps.db, config.programsFile, runtime.deps.clock.now());
  if (seeded.added > 0) log.info({ added: seeded.added, file: seeded.file }, 'program catalogue loaded');

  runtime.startWorkers();
  const address = await runtime.app.listen({ port: config.port, host: config.host });
  const firstOperator = (await hasActiveAdmin(runtime.deps.db)) ? null : firstOperatorCommand();
  // People read the banner in a terminal; in production stdout is a JSON log stream.
  if (config.env === 'production') {
    log.info(
      { address, database: runtime.db.describe, mode: config.sandbox ? 'sandbox' : 'live' },
      'nexora bot started',
    );
    if (firstOperator !== null)
      log.warn(
        { command: firstOperator },
        `the console has no admin yet: create the first operator with ${firstOperator}`,
      );
  } else process.stdout.write(startBanner(config, runtime.db.describe, address, firstOperator));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: intake stopped, finishing in-flight work');
    const timer = setTimeout(() => {
      log.error(
        { timeoutMs: config.shutdownTimeoutMs },
        'shutdown took too long; exiting (unfinished work is picked up on the next start)',
      );
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    runtime
      .close()
      .then(() => {
        log.info('stopped cleanly');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`Failed to start: ${errorMessage(err)}`);
  process.exit(1);
});
