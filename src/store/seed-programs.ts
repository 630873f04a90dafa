import type { Kysely } from 'kysely';
import { DEFAULT_PROGRAMS_FILE, readProgramsFile } from './load-seed-programs.js';
import { lockKey } from './dialect.js';
import { upsertProgramsIn } from './programs-repository.js';
import type { Database } from './schema.js';

/** The catalogue the product ships, data-seed/programs.json; nothing outside the repository is read. */
export function defaultProgramsFile(): string {
  return DEFAULT_PROGRAMS_FILE;
}

/**
 * Loads the catalogue on start when the table is empty, so `npm start` works on a fresh machine.
 * A catalogue that operators have edited (any row present) is left alone.
 */
export async function ensureSeedPrograms(
  db: Kysely<Database>,
  file: string | undefined,
  now: number,
): Promise<{ added: number; file: string }> {
  const source = file ?? defaultProgramsFile();
  const programs = await readProgramsFile(source);
  // Instances starting together on an empty database take turns (the second then finds the rows);
  // without the lock both saw an empty table and the second failed to start on the unique name.
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, 'nexora-bot:seed-programs');
    const any = await trx.selectFrom('investment_programs').select('id').limit(1).executeTakeFirst();
    if (any) return { added: 0, file: source };
    const result = await upsertProgramsIn(trx, programs, now);
    return { added: result.added, file: source };
  });
}
