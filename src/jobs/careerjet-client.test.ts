import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../../test/helpers/loopback.js';
import { searchJobs, type CareerjetOptions } from './careerjet-client.js';
import { cleanText, decodeEntities } from './clean-text.js';
import { normalizeCountry, type CountryInfo } from './normalize-country.js';

/** A fake CareerJet on loopback: records each request, answers with `handle`. */
async function startCareerjet(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: { url: URL; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((req, res) => {
    requests.push({ url: new URL(req.url ?? '/', 'http://fake'), headers: req.headers });
    handle(req, res);
  });
  const { port, close } = await listenOnLoopback(server);
  cleanups.push(close);
  return { apiUrl: `http://127.0.0.1:${port}/search`, requests };
}

const json = (body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

const uk = normalizeCountry('uk') as CountryInfo;

function options(apiUrl: string, extra: Partial<CareerjetOptions> = {}): CareerjetOptions {
  return {
    apiUrl,
    affid: 'aff123',
    userIp: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (WhatsApp user)',
    referer: 'https://nexora.example/whatsapp/jobs',
    ...extra,
  };
}

// Shaped like CareerJet's answers, entities and all.
const JOBS_RESPONSE = {
  type: 'JOBS',
  hits: 1234,
  pages: 412,
  response_time: 0.042,
  jobs: [
    {
      title: 'Senior <b>Nurse</b> &amp; Midwife',
      company: 'St Mary&#39;s &quot;Trust&quot;',
      date: 'Tue, 04 Mar 2025 08:00:00 GMT',
      description: 'Join our &lt;team&gt;...',
      locations: 'London',
      salary: '£35,000 - £42,000 per year',
      salary_min: 35000,
      salary_max: 42000,
      salary_type: 'Y',
      salary_currency_code: 'GBP',
      site: 'www.nhsjobs.example',
      url: 'https://jobviewtrack.com/en-gb/job-1a2b3c/abcdef0123456789?affid=aff123',
    },
    {
      title: 'Care Assistant',
      company: '',
      date: 'Mon, 03 Mar 2025 08:00:00 GMT',
      description: '',
      locations: 'Manchester, Greater Manchester',
      salary: '',
      site: 'www.care.example',
      url: 'https://jobviewtrack.com/en-gb/job-4d5e6f/0123?affid=aff123',
    },
  ],
};

describe('searchJobs', () => {
  it('sends the parameters CareerJet requires and the Referer, and returns the jobs decoded', async () => {
    const api = await startCareerjet(json(JOBS_RESPONSE));

    const result = await searchJobs(options(api.apiUrl), uk, ' nurse ');

    expect(result).toEqual({
      kind: 'jobs',
      total: 1234,
      jobs: [
        {
          title: 'Senior Nurse & Midwife',
          company: 'St Mary\'s "Trust"',
          locations: 'London',
          url: 'https://jobviewtrack.com/en-gb/job-1a2b3c/abcdef0123456789?affid=aff123',
          date: 'Tue, 04 Mar 2025 08:00:00 GMT',
        },
        {
          title: 'Care Assistant',
          company: '',
          locations: 'Manchester, Greater Manchester',
          url: 'https://jobviewtrack.com/en-gb/job-4d5e6f/0123?affid=aff123',
          date: 'Mon, 03 Mar 2025 08:00:00 GMT',
        },
      ],
    });
    expect(api.requests).toHaveLength(1);
    const [req] = api.requests;
    expect(req?.url.pathname).toBe('/search');
    expect(Object.fromEntries(req?.url.searchParams ?? [])).toEqual({
      affid: 'aff123',
      user_ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (WhatsApp user)',
      url: 'https://nexora.example/whatsapp/jobs',
      locale_code: 'en_GB',
      location: 'United Kingdom',
      keywords: 'nurse',
      pagesize: '3',
      page: '1',
      sort: 'date',
    });
    expect(req?.headers.referer).toBe('https://nexora.example/whatsapp/jobs');
  });

  it('leaves keywords out when there are none', async () => {
    const api = await startCareerjet(json(JOBS_RESPONSE));
    await searchJobs(options(api.apiUrl), normalizeCountry('dubai') as CountryInfo);
    const params = api.requests[0]?.url.searchParams;
    expect(params?.has('keywords')).toBe(false);
    expect(params?.get('locale_code')).toBe('en_AE');
    expect(params?.get('location')).toBe('Dubai');
  });

  it('makes no request at all without an affiliate id', async () => {
    const api = await startCareerjet(json(JOBS_RESPONSE));

    expect(await searchJobs(options(api.apiUrl, { affid: undefined }), uk)).toEqual({ kind: 'link_only' });
    expect(await searchJobs(options(api.apiUrl, { affid: '' }), uk)).toEqual({ kind: 'link_only' });

    expect(api.requests).toHaveLength(0);
  });

  it('reads JOBS with an empty list as none', async () => {
    const api = await startCareerjet(json({ type: 'JOBS', hits: 0, pages: 0, response_time: 0.01, jobs: [] }));
    expect(await searchJobs(options(api.apiUrl), uk)).toEqual({ kind: 'none' });
  });

  it('reads an ambiguous location (LOCATIONS) as none', async () => {
    const api = await startCareerjet(
      json({
        type: 'LOCATIONS',
        solveLocations: [
          { name: 'Victoria, Australia', location_id: '123' },
          { name: 'Victoria, Canada', location_id: '456' },
        ],
      }),
    );
    expect(await searchJobs(options(api.apiUrl), uk)).toEqual({ kind: 'none' });
  });

  it('reads ERROR as unavailable with the message for the logs', async () => {
    const api = await startCareerjet(json({ type: 'ERROR', error: 'Invalid affiliate id' }));
    expect(await searchJobs(options(api.apiUrl), uk)).toEqual({
      kind: 'unavailable',
      reason: 'CareerJet error: Invalid affiliate id',
    });
  });

  it('reads HTTP 500 as unavailable', async () => {
    const api = await startCareerjet((_req, res) => res.writeHead(500).end('oops'));
    expect(await searchJobs(options(api.apiUrl), uk)).toEqual({ kind: 'unavailable', reason: 'HTTP 500' });
  });

  it('reads a non-JSON answer as unavailable', async () => {
    const api = await startCareerjet((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Service switched off</html>'),
    );
    expect(await searchJobs(options(api.apiUrl), uk)).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringContaining('not JSON'),
    });
  });

  it('reads an answer slower than the timeout as unavailable', async () => {
    const api = await startCareerjet(() => {
      /* never answers */
    });

    const result = await searchJobs(options(api.apiUrl, { timeoutMs: 100 }), uk);

    expect(result).toEqual({ kind: 'unavailable', reason: 'timeout after 100 ms' });
    expect(api.requests).toHaveLength(1);
  });

  it('reads a closed port as unavailable', async () => {
    const api = await startCareerjet(json(JOBS_RESPONSE));
    await cleanups.splice(0)[0]?.();
    expect(await searchJobs(options(api.apiUrl), uk)).toMatchObject({ kind: 'unavailable' });
  });

  it('drops jobs without a usable link', async () => {
    const api = await startCareerjet(
      json({
        type: 'JOBS',
        hits: 2,
        jobs: [
          { title: 'No link', url: '' },
          { title: 'Odd link', url: 'javascript:alert(1)' },
        ],
      }),
    );
    expect(await searchJobs(options(api.apiUrl), uk)).toEqual({ kind: 'none' });
  });
});

describe('text cleaning', () => {
  it.each([
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['&lt;b&gt;', '<b>'],
    ['&quot;x&quot; &#39;y&#39; &apos;z&apos;', `"x" 'y' 'z'`],
    ['caf&#233; &#xE9;&#X1F600;', 'café é😀'],
    ['&unknown; &#0; &#xD800;', '&unknown; &#0; &#xD800;'],
    ['&amp;lt;', '&lt;'],
  ])('decodeEntities(%j) → %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });

  it('strips tags before decoding, so an escaped tag stays text', () => {
    expect(cleanText('  <b>Java</b>\n developer &lt;remote&gt; ')).toBe('Java developer <remote>');
  });
});
