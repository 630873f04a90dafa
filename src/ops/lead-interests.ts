import type { Kysely } from 'kysely';
import { DEFAULT_INTEREST } from '../conversation/flows/consultant.js';
import { ELIGIBILITY_INTEREST } from '../conversation/flows/eligibility.js';
import { JOBS_INTEREST } from '../conversation/flows/jobs.js';
import { AppError } from '../errors.js';
import type { Database } from '../store/schema.js';

/** The interests the conversation records besides a residency category (which comes from the catalogue). */
export const FIXED_INTERESTS: readonly string[] = [ELIGIBILITY_INTEREST, JOBS_INTEREST, DEFAULT_INTEREST];

/** For `--help`, which cannot read the database: the fixed values and where the others come from. */
export const INTEREST_HELP = `one of: ${FIXED_INTERESTS.map((i) => `"${i}"`).join(', ')}, or a residency category (see \`programs list\`); any case`;

const key = (s: string) => s.trim().toLowerCase();

/**
 * What a lead's interest can be: the fixed ones, every category of the catalogue, and whatever leads
 * already carry (a category since removed from the catalogue stays findable). Distinct, any case.
 */
export async function leadInterests(db: Kysely<Database>): Promise<string[]> {
  const [categories, stored] = await Promise.all([
    db.selectFrom('investment_programs').select('category').distinct().orderBy('category').execute(),
    db
      .selectFrom('whatsapp_leads')
      .select('interest')
      .distinct()
      .where('interest', 'is not', null)
      .orderBy('interest')
      .limit(100)
      .execute(),
  ]);
  const out = new Map<string, string>();
  for (const i of [...FIXED_INTERESTS, ...categories.map((c) => c.category), ...stored.map((s) => s.interest ?? '')])
    if (i.trim() !== '' && !out.has(key(i))) out.set(key(i), i);
  return [...out.values()];
}

/**
 * An interest filter as typed (CLI `--interest`, API `interest=`): accepted when it is one of
 * leadInterests (any case), else VALIDATION_FAILED listing the values that exist.
 */
export async function requireLeadInterest(db: Kysely<Database>, text: string): Promise<string> {
  const allowed = await leadInterests(db);
  if (allowed.some((a) => key(a) === key(text))) return text.trim();
  throw new AppError(
    'VALIDATION_FAILED',
    `interest "${text}" is not one that leads have; one of: ${allowed.map((a) => `"${a}"`).join(', ')} (any case)`,
    { field: 'interest' },
  );
}
