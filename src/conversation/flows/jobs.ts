// Option 4: the country; the pipeline runs the job search and sends its results itself.
import { COPY } from '../copy.js';
import { COUNTRY_EXAMPLES, normalizeCountry } from '../../jobs/normalize-country.js';
import { stay, text, type Outcome } from '../outcome.js';
import type { SessionData } from '../types.js';

export const JOBS_INTEREST = 'Job search assistance';

export function startJobs(data: SessionData): Outcome {
  return stay('ask_country', data, text(`${COPY.askCountry}\n\n${COPY.backToMenuHint}`));
}

/**
 * The country is matched against the job-search table (pure data, no I/O): "uk", "U.K." and
 * "England" all become the United Kingdom, and an unknown name is asked again with examples.
 */
export function handleCountry(input: string, data: SessionData): Outcome {
  const info = normalizeCountry(input);
  if (info === null) {
    return stay('ask_country', data, text(`${COPY.countryInvalid(COUNTRY_EXAMPLES)}\n\n${COPY.backToMenuHint}`));
  }
  const country = info.name;
  // No menu after this reply: the job results follow from the pipeline, and a menu in between
  // would split them from the question. The reply says how to reach the menu.
  return {
    step: 'main_menu',
    data: { ...data, countryOfInterest: country, interest: JOBS_INTEREST },
    replies: [text(COPY.searchingJobs(country))],
    effects: [
      { kind: 'record_country', country },
      // The worker looks the input up again, so a region ("Dubai", "Scotland") keeps its location.
      { kind: 'job_search', country: input.trim() },
    ],
  };
}
