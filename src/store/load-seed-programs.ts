import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Program, ProgramTranslations } from '../conversation/types.js';

const programSchema = z.object({
  country: z.string().min(1),
  category: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  minimum_investment: z.number().int().positive(),
  processing_time: z.string().default(''),
  // Sent to users as a link: a web address only (no javascript:, data:, file:).
  link: z
    .string()
    .url()
    .refine(
      (u) => URL.canParse(u) && ['https:', 'http:'].includes(new URL(u).protocol),
      'link must be an https:// URL',
    ),
  rank: z.number().int().min(1),
  /** Optional, per language tag: the description and processing time in that language. */
  translations: z
    .record(z.string(), z.object({ description: z.string().optional(), processing_time: z.string().optional() }))
    .optional(),
});

/** The seed catalogue, shipped with the repository. */
export const DEFAULT_PROGRAMS_FILE = fileURLToPath(new URL('../../data-seed/programs.json', import.meta.url));

export function parsePrograms(json: unknown): Program[] {
  const list = z.array(programSchema).parse(json);
  return list.map((p) => ({
    name: p.name,
    country: p.country,
    category: p.category,
    description: p.description,
    minimumInvestment: p.minimum_investment,
    processingTime: p.processing_time,
    link: p.link,
    rank: p.rank,
    ...(p.translations === undefined ? {} : { translations: toTranslations(p.translations) }),
  }));
}

function toTranslations(
  raw: Record<string, { description?: string | undefined; processing_time?: string | undefined }>,
): ProgramTranslations {
  return Object.fromEntries(
    Object.entries(raw).map(([tag, t]) => [
      tag,
      {
        ...(t.description === undefined ? {} : { description: t.description }),
        ...(t.processing_time === undefined ? {} : { processingTime: t.processing_time }),
      },
    ]),
  );
}

export async function readProgramsFile(file: string): Promise<Program[]> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return parsePrograms(json);
  } catch (e) {
    throw new Error(`${file} is not a valid program list: ${(e as Error).message}`);
  }
}
