import { request } from 'undici';
import { z } from 'zod';
import { cleanText } from './clean-text.js';
import type { CountryInfo } from './normalize-country.js';

export interface Job {
  title: string;
  company: string;
  locations: string;
  /** CareerJet's link for the user; often long, shown as given. */
  url: string;
  /** As CareerJet sends it, e.g. "Tue, 04 Mar 2025 08:00:00 GMT". */
  date?: string;
}

export type JobSearchResult =
  | { kind: 'jobs'; jobs: Job[]; total: number }
  | { kind: 'none' }
  /** No affiliate id configured: nothing to ask the API; the national site's search link is the answer. */
  | { kind: 'link_only' }
  /** The API could not answer; `reason` is for logs, never for the user. */
  | { kind: 'unavailable'; reason: string };

export interface CareerjetOptions {
  /** e.g. "http://public.api.careerjet.net/search" */
  apiUrl: string;
  /** Partner affiliate id; without it no request is made. */
  affid: string | undefined;
  /** IP and browser of whoever sees the results (required by CareerJet's terms). */
  userIp: string;
  userAgent: string;
  /** The page showing the results; sent as `url` and as the Referer header. */
  referer: string;
  /** Whole request, body included. Default 4 s: the user is waiting in the chat. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 4000;
const PAGE_SIZE = 3;
const MAX_BODY_BYTES = 1024 * 1024;

const text = z.string().catch('');
const JobSchema = z.object({
  title: text,
  company: text,
  locations: text,
  url: text,
  date: z.string().optional().catch(undefined),
});
const ResponseSchema = z.object({
  type: z.string(),
  hits: z.coerce.number().optional().catch(undefined),
  jobs: z.array(z.unknown()).optional().catch(undefined),
  error: z.unknown().optional(),
});

/** One search, newest first, three jobs. Never throws: an API that is down is an outcome. */
export async function searchJobs(
  opts: CareerjetOptions,
  country: CountryInfo,
  keywords?: string,
): Promise<JobSearchResult> {
  if (!opts.affid) return { kind: 'link_only' };
  let url: URL;
  try {
    url = new URL(opts.apiUrl);
  } catch {
    return { kind: 'unavailable', reason: `invalid CareerJet API URL: ${opts.apiUrl}` };
  }
  const params: [string, string][] = [
    ['affid', opts.affid],
    ['user_ip', opts.userIp],
    ['user_agent', opts.userAgent],
    ['url', opts.referer],
    ['locale_code', country.localeCode],
    ['location', country.location],
    ['keywords', keywords?.trim() ?? ''],
    ['pagesize', String(PAGE_SIZE)],
    ['page', '1'],
    ['sort', 'date'],
  ];
  for (const [name, value] of params) if (value !== '') url.searchParams.set(name, value);

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let body: string;
  try {
    const res = await request(url, {
      method: 'GET',
      headers: { referer: opts.referer, accept: 'application/json', 'user-agent': 'nexora-bot/1' },
      signal,
    });
    if (res.statusCode < 200 || res.statusCode > 299) {
      await res.body.dump();
      return { kind: 'unavailable', reason: `HTTP ${res.statusCode}` };
    }
    body = await readLimited(res.body);
  } catch (err) {
    const reason = signal.aborted ? `timeout after ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
    return { kind: 'unavailable', reason };
  }
  return interpret(body);
}

function interpret(body: string): JobSearchResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'unavailable', reason: `not JSON: ${body.slice(0, 80)}` };
  }
  const parsed = ResponseSchema.safeParse(json);
  if (!parsed.success) return { kind: 'unavailable', reason: 'unexpected response shape' };
  const res = parsed.data;
  switch (res.type) {
    case 'JOBS': {
      const jobs = (res.jobs ?? []).flatMap(toJob);
      return jobs.length === 0 ? { kind: 'none' } : { kind: 'jobs', jobs, total: Math.max(res.hits ?? 0, jobs.length) };
    }
    // The location was ambiguous. For a whole country this should not happen; the search link still works.
    case 'LOCATIONS':
      return { kind: 'none' };
    case 'ERROR':
      return {
        kind: 'unavailable',
        reason: `CareerJet error: ${typeof res.error === 'string' ? res.error : JSON.stringify(res.error)}`,
      };
    default:
      return { kind: 'unavailable', reason: `unknown response type ${res.type}` };
  }
}

function toJob(raw: unknown): Job[] {
  const parsed = JobSchema.safeParse(raw);
  if (!parsed.success || !/^https?:\/\//i.test(parsed.data.url)) return [];
  const { title, company, locations, url, date } = parsed.data;
  const job: Job = { title: cleanText(title), company: cleanText(company), locations: cleanText(locations), url };
  if (date) job.date = date;
  return job.title ? [job] : [];
}

async function readLimited(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`response larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
