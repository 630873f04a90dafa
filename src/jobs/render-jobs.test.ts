import { messagesFor } from '../messages.js';
import { describe, expect, it } from 'vitest';
import type { Job } from './careerjet-client.js';
import { normalizeCountry, type CountryInfo } from './normalize-country.js';
import { MAX_TEXT_BODY, renderJobsReply, searchLink } from './render-jobs.js';

const uk = normalizeCountry('uk') as CountryInfo;
const germany = normalizeCountry('germany') as CountryInfo;
const en = messagesFor('en');

function job(i: number, extra: Partial<Job> = {}): Job {
  return {
    title: `Job ${i}`,
    company: `Company ${i}`,
    locations: `City ${i}`,
    url: `https://jobviewtrack.com/job-${i}?affid=a`,
    ...extra,
  };
}

function bodyOf(reply: ReturnType<typeof renderJobsReply>): string {
  if (reply.kind !== 'text') throw new Error(`expected a text reply, got ${reply.kind}`);
  expect(reply.previewUrl).toBe(false);
  return reply.body;
}

describe('searchLink', () => {
  it('puts keywords in s and the location in l on the national site', () => {
    expect(searchLink(uk)).toBe('https://www.careerjet.co.uk/search/jobs?s=&l=United+Kingdom');
    expect(searchLink(uk, 'nurse & midwife')).toBe(
      'https://www.careerjet.co.uk/search/jobs?s=nurse+%26+midwife&l=United+Kingdom',
    );
    expect(searchLink(germany)).toBe('https://www.careerjet.de/suchen/stellenangebote?s=&l=Deutschland');
  });
});

describe('renderJobsReply', () => {
  it('shows up to three jobs with title, company, place and link, then the link to more', () => {
    const body = bodyOf(renderJobsReply(en, uk, { kind: 'jobs', total: 120, jobs: [job(1), job(2), job(3), job(4)] }));

    expect(body).toContain('the United Kingdom');
    for (const i of [1, 2, 3]) {
      expect(body).toContain(`${i}. *Job ${i}*`);
      expect(body).toContain(`Company ${i}`);
      expect(body).toContain(`City ${i}`);
      expect(body).toContain(`https://jobviewtrack.com/job-${i}?affid=a`);
    }
    expect(body).not.toContain('Job 4');
    expect(body).toContain('See more: https://www.careerjet.co.uk/search/jobs?s=&l=United+Kingdom');
    expect(body).toContain('Reply *3*');
  });

  it('carries the keywords into the see-more link', () => {
    const body = bodyOf(renderJobsReply(en, uk, { kind: 'jobs', total: 1, jobs: [job(1)] }, 'chef'));
    expect(body).toContain('See more: https://www.careerjet.co.uk/search/jobs?s=chef&l=United+Kingdom');
  });

  it('names the kind of job asked for, and the place in the user language', () => {
    const body = bodyOf(renderJobsReply(en, uk, { kind: 'jobs', total: 1, jobs: [job(1)] }, 'chef'));
    expect(body).toContain('Here are the latest “chef” jobs in the United Kingdom:');
    const ru = bodyOf(renderJobsReply(messagesFor('ru'), germany, { kind: 'none' }, 'медсестра'));
    expect(ru).toContain('Сейчас я не нашёл открытых вакансий «медсестра» (Германия).');
    expect(ru).not.toMatch(/Germany|Deutschland \(|\bthe\b/);
    const zh = bodyOf(renderJobsReply(messagesFor('zh-Hans'), uk, { kind: 'jobs', total: 1, jobs: [job(1)] }));
    expect(zh).toContain('英国');
    expect(zh).not.toContain('United Kingdom:');
  });

  it('leaves out a missing company instead of printing an empty line', () => {
    const body = bodyOf(renderJobsReply(en, uk, { kind: 'jobs', total: 1, jobs: [job(1, { company: '' })] }));
    expect(body).not.toContain('🏢');
  });

  it('offers the search link and a consultant when nothing was found', () => {
    const body = bodyOf(renderJobsReply(en, normalizeCountry('dubai') as CountryInfo, { kind: 'none' }));
    expect(body).toContain("couldn't find any current job openings in Dubai");
    expect(body).toContain('https://www.careerjet.ae/search/jobs?s=&l=Dubai');
    expect(body).toContain('Reply *3*');
  });

  it('answers with the search link, not an outage, when no affiliate id is configured', () => {
    const body = bodyOf(renderJobsReply(en, germany, { kind: 'link_only' }, 'engineer'));
    expect(body).not.toContain('not available');
    expect(body).toContain('https://www.careerjet.de/suchen/stellenangebote?s=engineer&l=Deutschland');
    expect(body).toContain('Reply *3*');
  });

  it('offers the search link and a consultant when the API is down, without the technical reason', () => {
    const body = bodyOf(renderJobsReply(en, germany, { kind: 'unavailable', reason: 'HTTP 503 from upstream' }));
    expect(body).toContain('not available at the moment');
    expect(body).toContain('https://www.careerjet.de/suchen/stellenangebote?s=&l=Deutschland');
    expect(body).toContain('Reply *3*');
    expect(body).not.toContain('503');
  });

  it('stays within WhatsApp’s 4096 characters when links are huge, dropping jobs rather than cutting links', () => {
    const longUrl = `https://jobviewtrack.com/${'x'.repeat(1800)}`;
    const jobs = [job(1, { url: longUrl }), job(2, { url: longUrl }), job(3, { url: longUrl })];

    const body = bodyOf(renderJobsReply(en, uk, { kind: 'jobs', total: 3, jobs }));

    expect(body.length).toBeLessThanOrEqual(MAX_TEXT_BODY);
    expect(body).toContain('1. *Job 1*');
    expect(body).toContain('2. *Job 2*');
    expect(body).not.toContain('3. *Job 3*');
    expect(body.split(longUrl)).toHaveLength(3); // two whole links
  });

  it('clips very long titles without splitting an emoji', () => {
    const title = `${'🚀'.repeat(150)}`;
    const body = bodyOf(renderJobsReply(en, uk, { kind: 'jobs', total: 1, jobs: [job(1, { title })] }));
    expect(body).toContain(`${'🚀'.repeat(99)}…`);
    expect(body).not.toContain('\uFFFD');
  });
});
