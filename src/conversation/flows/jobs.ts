// Option 4: the country; the pipeline runs the job search and sends its results itself.
import { COPY } from '../copy.js';
import { normaliseCountry } from '../country.js';
import { stay, text, type Outcome } from '../outcome.js';
import type { SessionData } from '../types.js';

export const JOBS_INTEREST = 'Job search assistance';

export function startJobs(data: SessionData): Outcome {
  return stay('ask_country', data, text(`${COPY.askCountry}\n\n${COPY.backToMenuHint}`));
}

export function handleCountry(input: string, data: SessionData): Outcome {
  const country = normaliseCountry(input);
  if (country === null) return stay('ask_country', data, text(`${COPY.countryInvalid}\n\n${COPY.backToMenuHint}`));
  // No menu after this reply: the job results follow from the pipeline, and a menu in between
  // would split them from the question. The reply says how to reach the menu.
  return {
    step: 'main_menu',
    data: { ...data, countryOfInterest: country, interest: JOBS_INTEREST },
    replies: [text(COPY.searchingJobs(country))],
    effects: [
      { kind: 'record_country', country },
      { kind: 'job_search', country },
    ],
  };
}
