import type { Reply } from '../conversation/types.js';
import type { Messages } from '../messages.js';
import type { JobSearchResult } from './careerjet-client.js';
import { placeName, type CountryInfo } from './normalize-country.js';

/** WhatsApp's limit for a text body. */
export const MAX_TEXT_BODY = 4096;
const MAX_FIELD_CHARS = 100;

/** The national site's public search page: always works, even when the API does not. */
export function searchLink(country: CountryInfo, keywords?: string): string {
  const query = new URLSearchParams({ s: keywords?.trim() ?? '', l: country.location });
  return `${country.searchBaseUrl}?${query.toString()}`;
}

/** The chat answer to a job search: up to three jobs and a link to the rest, or the link and an offer of help. */
export function renderJobsReply(t: Messages, country: CountryInfo, result: JobSearchResult, keywords?: string): Reply {
  const link = searchLink(country, keywords);
  const where = placeName(country, t.language);
  const what = keywords?.trim() ?? '';
  switch (result.kind) {
    case 'jobs': {
      const title =
        what === '' ? t.t('jobs.found', { place: where }) : t.t('jobs.foundFor', { place: where, keywords: what });
      return text(fitJobs(t, title, result, link));
    }
    case 'none': {
      const none =
        what === '' ? t.t('jobs.none', { place: where }) : t.t('jobs.noneFor', { place: where, keywords: what });
      return text([none, '', t.t('jobs.searchYourself', { link }), '', t.t('jobs.consultant')].join('\n'));
    }
    case 'link_only':
      // Without the API (no affiliate id) the search page is the answer, not an apology for an outage.
      return text([t.t('jobs.latestHere', { place: where, link }), '', t.t('jobs.consultant')].join('\n'));
    case 'unavailable':
      return text(
        [t.t('jobs.unavailable'), '', t.t('jobs.latestHere', { place: where, link }), '', t.t('jobs.consultant')].join(
          '\n',
        ),
      );
  }
}

function fitJobs(
  t: Messages,
  title: string,
  result: { jobs: { title: string; company: string; locations: string; url: string }[] },
  link: string,
): string {
  const blocks = result.jobs.slice(0, 3).map((job, i) => {
    const lines = [`${i + 1}. *${clip(job.title)}*`];
    if (job.company) lines.push(`🏢 ${clip(job.company)}`);
    if (job.locations) lines.push(`📍 ${clip(job.locations)}`);
    lines.push(`🔗 ${job.url}`);
    return lines.join('\n');
  });
  const footer = ['', t.t('jobs.seeMore', { link }), '', t.t('jobs.consultant')];
  // Links are shown as given, so a very long one can push the body over the limit: drop jobs from the end.
  for (let n = blocks.length; n >= 1; n--) {
    const body = [title, '', blocks.slice(0, n).join('\n\n'), ...footer].join('\n');
    if (body.length <= MAX_TEXT_BODY) return body;
  }
  return [title, ...footer].join('\n').slice(0, MAX_TEXT_BODY);
}

function clip(s: string): string {
  const chars = Array.from(s); // code points: never split an emoji
  return chars.length <= MAX_FIELD_CHARS ? s : `${chars.slice(0, MAX_FIELD_CHARS - 1).join('')}…`;
}

function text(body: string): Reply {
  return { kind: 'text', body, previewUrl: false };
}
