import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { parsePrograms, readProgramsFile } from '../store/load-seed-programs.js';
import { deleteProgramByName, findProgramByName, listPrograms, upsertPrograms } from '../store/programs-repository.js';
import type { Database, ProgramRow } from '../store/schema.js';
import { defaultProgramsFile } from '../store/seed-programs.js';

/** A program as the seed file, the CLI and the API spell it (snake_case, minimum_investment in USD). */
export interface ProgramInput {
  country: string;
  category: string;
  name: string;
  description?: string;
  minimum_investment: number;
  processing_time?: string;
  link: string;
  rank: number;
}

export type ProgramView = Required<ProgramInput> & { id: number; created_at: string; updated_at: string };

function toView(r: ProgramRow): ProgramView {
  const { id, country, category, name, description, minimum_investment, processing_time, link, rank } = r;
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    id,
    country,
    category,
    name,
    description,
    minimum_investment,
    processing_time,
    link,
    rank,
    created_at: at(r.created_at),
    updated_at: at(r.updated_at),
  };
}

/** What the running environment allows into the catalogue. */
export interface CatalogueRules {
  /** `http:` links, for local development only; otherwise every link must be `https:`. */
  allowHttpLinks: boolean;
}

const STRICT: CatalogueRules = { allowHttpLinks: false };

/**
 * A program the catalogue refuses, with the reason per field, so a form can show each one next to
 * its input; the message (what the CLI and the API print) lists them all.
 */
export class ProgramValidationError extends AppError {
  constructor(
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super('VALIDATION_FAILED', message, { field: Object.keys(fields)[0] ?? 'program' });
  }
}

/**
 * Validates with the seed file's own schema, so every way into the catalogue accepts the same
 * programs; and a link users are sent must be https: (http: only in development).
 */
function validProgram(input: unknown, rules: CatalogueRules) {
  let programs;
  try {
    programs = parsePrograms([input]);
  } catch (e) {
    const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (!issues) throw new AppError('VALIDATION_FAILED', `invalid program: ${(e as Error).message}`);
    throw programIssues(issues.map((i) => ({ field: i.path.slice(1).map(String).join('.'), message: i.message })));
  }
  for (const p of programs)
    if (!rules.allowHttpLinks && new URL(p.link).protocol !== 'https:')
      throw new ProgramValidationError('invalid program: link: must be an https:// URL (http:// only in development)', {
        link: 'must be an https:// URL (http:// only in development)',
      });
  return programs;
}

/** Zod's issues in words: the missing fields named together, then what is wrong with the others. */
function programIssues(issues: { field: string; message: string }[]): ProgramValidationError {
  const missing = issues.filter((i) => /received undefined$/.test(i.message)).map((i) => i.field);
  const wrong = issues.filter((i) => !missing.includes(i.field)).map((i) => `${i.field}: ${i.message}`);
  const parts = [...(missing.length > 0 ? [`missing required fields: ${missing.join(', ')}`] : []), ...wrong];
  // Per field too, for a form: a missing field says so in words.
  const fields: Record<string, string> = {};
  for (const i of issues) {
    const words = missing.includes(i.field) ? 'required' : i.message;
    fields[i.field] = fields[i.field] ? `${fields[i.field]}; ${words}` : words;
  }
  return new ProgramValidationError(`invalid program: ${parts.join('; ')}`, fields);
}

async function getProgram(db: Kysely<Database>, name: string): Promise<ProgramRow> {
  const row = await findProgramByName(db, name);
  if (!row) throw new AppError('NOT_FOUND', `unknown program: "${name}"`);
  return row;
}

export async function listProgramsOp(db: Kysely<Database>): Promise<ProgramView[]> {
  return (await listPrograms(db)).map(toView);
}

export async function addProgram(
  db: Kysely<Database>,
  input: ProgramInput,
  now: number,
  rules: CatalogueRules = STRICT,
): Promise<ProgramView> {
  const programs = validProgram(input, rules);
  if (await findProgramByName(db, input.name))
    throw new AppError('CONFLICT', `a program named "${input.name}" already exists (use update)`, { field: 'name' });
  await upsertPrograms(db, programs, now);
  return toView(await getProgram(db, input.name));
}

/** Changes the given fields of the program with this name (the name itself is its key). */
export async function updateProgram(
  db: Kysely<Database>,
  name: string,
  patch: Partial<Omit<ProgramInput, 'name'>>,
  now: number,
  rules: CatalogueRules = STRICT,
): Promise<ProgramView> {
  const current = toView(await getProgram(db, name));
  const defined = Object.fromEntries(
    Object.entries(patch as Record<string, unknown>).filter(([, v]) => v !== undefined),
  );
  await upsertPrograms(db, validProgram({ ...current, ...defined, name }, rules), now);
  return toView(await getProgram(db, name));
}

export async function removeProgram(db: Kysely<Database>, name: string): Promise<void> {
  if (!(await deleteProgramByName(db, name))) throw new AppError('NOT_FOUND', `unknown program: "${name}"`);
}

/** `seed-programs`: loads a program file (default: the shared seed), adding or updating by name. */
export async function seedPrograms(db: Kysely<Database>, file: string | undefined, now: number) {
  const source = file ?? defaultProgramsFile();
  let programs;
  try {
    programs = await readProgramsFile(source);
  } catch (e) {
    throw new AppError(
      'VALIDATION_FAILED',
      `cannot load programs: ${(e as Error).message.replace(/\s+/g, ' ').slice(0, 400)}`,
      { cause: e, field: 'file' },
    );
  }
  return { file: source, ...(await upsertPrograms(db, programs, now)) };
}
