// Option 4: the country, then what kind of job (optional); the pipeline runs the job search and
// sends its results itself.
import { ANY_JOB_WORDS } from '../../content/keywords.js';
import { countryExamples, countryName, normalizeCountry } from '../../jobs/normalize-country.js';
import { stay, text, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';

export const JOBS_INTEREST = 'Job search assistance';
/** CareerJet's keywords: a job title or a field in a few words, not a paragraph. */
export const JOB_KEYWORDS_MAX = 60;

const ANY = new Set(Object.values(ANY_JOB_WORDS).flat().map(keywordKey));

export function startJobs(data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  return stay('ask_country', data, text(`${t.t('jobs.askCountry')}\n\n${t.t('nav.backToMenuHint')}`));
}

/**
 * The country is matched against the job-search table (pure data, no I/O): "uk", "U.K.", "England",
 * "Великобритания" and "英国" all become the United Kingdom; an unknown name is asked again with
 * examples named in the user's language. Then the kind of job.
 */
export function handleCountry(input: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const info = normalizeCountry(input);
  if (info === null) {
    const examples = t.orList(countryExamples(t.language));
    return stay(
      'ask_country',
      data,
      text(`${t.t('jobs.countryInvalid', { examples })}\n\n${t.t('nav.backToMenuHint')}`),
    );
  }
  const country = info.name;
  return {
    step: 'ask_job_keywords',
    // What the user typed is kept: the worker looks it up again, so "Dubai" stays the place searched.
    data: { ...data, countryOfInterest: country, interest: JOBS_INTEREST, jobPlace: input.trim() },
    replies: [
      text(`${t.t('jobs.askKeywords', { country: countryName(info, t.language) })}\n\n${t.t('nav.backToMenuHint')}`),
    ],
    effects: [{ kind: 'record_country', country }],
  };
}

/** What kind of job: a few words searched as CareerJet's keywords, or "any" (in any language) for all. */
export function handleJobKeywords(input: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const place = data.jobPlace ?? data.countryOfInterest;
  const info = place === undefined ? null : normalizeCountry(place);
  // A session from before this step, or a country that left the table: ask for the country again.
  if (place === undefined || info === null)
    return { ...stay('ask_country', data), replies: [text(t.t('jobs.askCountry'))] };
  const typed = input.replace(/\s+/g, ' ').trim();
  const any = ANY.has(keywordKey(typed));
  const keywords = any ? '' : typed.replace(/^["'«“„]+|["'»”]+$/gu, '').trim();
  if (!any && (keywords === '' || [...keywords].length > JOB_KEYWORDS_MAX || !/\p{L}/u.test(keywords))) {
    return stay(
      'ask_job_keywords',
      data,
      text(`${t.t('jobs.keywordsInvalid', { max: JOB_KEYWORDS_MAX })}\n\n${t.t('nav.backToMenuHint')}`),
    );
  }
  const country = countryName(info, t.language);
  const { jobPlace: _place, ...rest } = data;
  // No menu after this reply: the job results follow from the pipeline, and a menu in between
  // would split them from the question. The reply says how to reach the menu.
  return {
    step: 'main_menu',
    data: rest,
    replies: [
      text(keywords === '' ? t.t('jobs.searching', { country }) : t.t('jobs.searchingFor', { country, keywords })),
    ],
    effects: [{ kind: 'job_search', country: place, ...(keywords === '' ? {} : { keywords }) }],
  };
}

function keywordKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.!?。！？؟,،*]+$/u, '')
    .replace(/^\*+/u, '')
    .trim();
}
