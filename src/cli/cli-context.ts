import { sql, type Kysely } from 'kysely';
import { schemaIsCurrent } from '../ops/migrate-db.js';
import { createDb, resolveDbTarget } from '../store/create-db.js';
import type { Database } from '../store/schema.js';
import { loadCliConfig, type CliConfig } from './cli-config.js';
import { CliFailure } from './cli-errors.js';

export interface DbSession {
  db: Kysely<Database>;
  /** Where the database is, without credentials. */
  describe: string;
  config: CliConfig;
}

export interface CliContext {
  now(): number;
  /**
   * Opens the configured database, checks it answers and (unless `schema: 'any'`) that its schema is
   * current, runs `fn`, and always closes it again so the process can end.
   */
  withDb<T>(fn: (s: DbSession) => Promise<T>, opts?: { schema?: 'current' | 'any' }): Promise<T>;
}

export function createCliContext(env: Record<string, string | undefined>): CliContext {
  return {
    now: () => Date.now(),
    async withDb(fn, opts = {}) {
      const config = loadCliConfig(env);
      const handle = createDb(resolveDbTarget(config.databaseUrl), { poolSize: 2 });
      try {
        await sql`select 1`.execute(handle.db);
        if (opts.schema !== 'any' && !(await schemaIsCurrent(handle.db))) {
          throw new CliFailure(
            `database schema is not up to date (${handle.describe}): run \`nexora-bot migrate\` first`,
          );
        }
        return await fn({ db: handle.db, describe: handle.describe, config });
      } finally {
        await handle.db.destroy();
      }
    },
  };
}
