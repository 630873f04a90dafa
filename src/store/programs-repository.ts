import type { Kysely } from 'kysely';
import type { Program, ProgramTranslations } from '../conversation/types.js';
import type { Database, ProgramRow } from './schema.js';

export function toProgram(r: ProgramRow): Program {
  return {
    name: r.name,
    country: r.country,
    category: r.category,
    description: r.description,
    minimumInvestment: r.minimum_investment,
    processingTime: r.processing_time,
    link: r.link,
    rank: r.rank,
    ...parseTranslations(r.translations),
  };
}

/** A stored translations blob read defensively: a corrupt one means "English only", never an error. */
function parseTranslations(text: string | null): { translations?: ProgramTranslations } {
  if (text === null || text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? { translations: parsed as ProgramTranslations }
      : {};
  } catch {
    return {};
  }
}

export async function listPrograms(db: Kysely<Database>): Promise<ProgramRow[]> {
  return db.selectFrom('investment_programs').selectAll().orderBy('category').orderBy('rank').orderBy('name').execute();
}

export async function findProgramByName(db: Kysely<Database>, name: string): Promise<ProgramRow | undefined> {
  return db.selectFrom('investment_programs').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Inserts or updates each program by name, in one transaction. Returns how many were added / changed. */
export async function upsertPrograms(
  db: Kysely<Database>,
  programs: readonly Program[],
  now: number,
): Promise<{ added: number; updated: number; unchanged: number }> {
  return db.transaction().execute((trx) => upsertProgramsIn(trx, programs, now));
}

/** upsertPrograms inside the caller's transaction. */
export async function upsertProgramsIn(
  trx: Kysely<Database>,
  programs: readonly Program[],
  now: number,
): Promise<{ added: number; updated: number; unchanged: number }> {
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const p of programs) {
    const values = {
      country: p.country,
      category: p.category,
      description: p.description,
      minimum_investment: p.minimumInvestment,
      processing_time: p.processingTime,
      link: p.link,
      rank: p.rank,
      // A program given without translations keeps the ones it has (`programs add` knows none).
      ...(p.translations === undefined ? {} : { translations: JSON.stringify(p.translations) }),
    };
    const existing = await findProgramByName(trx, p.name);
    if (!existing) {
      await trx
        .insertInto('investment_programs')
        .values({ name: p.name, ...values, created_at: now, updated_at: now })
        .execute();
      added++;
    } else if (Object.entries(values).some(([k, v]) => existing[k as keyof typeof values] !== v)) {
      await trx
        .updateTable('investment_programs')
        .set({ ...values, updated_at: now })
        .where('id', '=', existing.id)
        .execute();
      updated++;
    } else {
      unchanged++;
    }
  }
  return { added, updated, unchanged };
}

export async function deleteProgramByName(db: Kysely<Database>, name: string): Promise<boolean> {
  const r = await db.deleteFrom('investment_programs').where('name', '=', name).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * The catalogue as the conversation sees it, cached briefly: it is read on every message and
 * changes rarely. Changes made through the admin API or CLI call `invalidate()`; other instances
 * see them within `ttlMs`.
 */
export class ProgramCatalogue {
  private cached: { at: number; programs: Program[] } | null = null;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 10_000,
  ) {}

  async get(now: number): Promise<Program[]> {
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.programs;
    const programs = (await listPrograms(this.db)).map(toProgram);
    this.cached = { at: now, programs };
    return programs;
  }

  invalidate(): void {
    this.cached = null;
  }
}
