// Option 4: the country; the pipeline runs the job search and sends its results itself.
import { COUNTRY_EXAMPLES, normalizeCountry } from '../../jobs/normalize-country.js';
import { stay, text, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';

export const JOBS_INTEREST = 'Job search assistance';

export function startJobs(data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  return stay('ask_country', data, text(`${t.t('jobs.askCountry')}\n\n${t.t('nav.backToMenuHint')}`));
}

/**
 * The country is matched against the job-search table (pure data, no I/O): "uk", "U.K." and
 * "England" all become the United Kingdom, and an unknown name is asked again with examples.
 */
export function handleCountry(input: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const info = normalizeCountry(input);
  if (info === null) {
    const examples = COUNTRY_EXAMPLES.join(', ');
    return stay(
      'ask_country',
      data,
      text(`${t.t('jobs.countryInvalid', { examples })}\n\n${t.t('nav.backToMenuHint')}`),
    );
  }
  const country = info.name;
  // No menu after this reply: the job results follow from the pipeline, and a menu in between
  // would split them from the question. The reply says how to reach the menu.
  return {
    step: 'main_menu',
    data: { ...data, countryOfInterest: country, interest: JOBS_INTEREST },
    replies: [text(t.t('jobs.searching', { country }))],
    effects: [
      { kind: 'record_country', country },
      // The worker looks the input up again, so a region ("Dubai", "Scotland") keeps its location.
      { kind: 'job_search', country: input.trim() },
    ],
  };
}
