import { loadConfig } from '../config.js';

/** The part of the configuration the CLI needs. */
export interface CliConfig {
  databaseUrl: string | undefined;
  production: boolean;
  /** NODE_ENV=development (the default): program links may be http: as well as https:. */
  development: boolean;
  dataRetentionDays: number | undefined;
  programsFile: string | undefined;
  /** Client documents and media (delete-user and the retention purge remove them). */
  mediaDir: string;
  /** MEDIA_UPLOAD_MAX_MB in bytes: the cap of a file `send-file` reads, as in the console. */
  mediaUploadMaxBytes: number;
}

/**
 * The server's configuration rules, minus the production requirement of WhatsApp and admin
 * credentials: an operator must be able to run `migrate` or `stats` on a production database from a
 * shell that holds only DATABASE_URL. Production is still known, for the commands that guard on it.
 */
export function loadCliConfig(env: Record<string, string | undefined>): CliConfig {
  const production = env.NODE_ENV?.trim() === 'production';
  const config = loadConfig({ ...env, NODE_ENV: production ? 'development' : env.NODE_ENV });
  return {
    databaseUrl: config.databaseUrl,
    production,
    development: !production && config.env === 'development',
    dataRetentionDays: config.dataRetentionDays,
    programsFile: config.programsFile,
    mediaDir: config.mediaDir,
    mediaUploadMaxBytes: config.mediaUploadMaxBytes,
  };
}
