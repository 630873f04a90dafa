// Reads the business account's templates from the Graph API, page after page
// (`GET /{version}/{WABA_ID}/message_templates`, reference §11). Failures come back as values.
import { request } from 'undici';
import { parseTemplate, templatePageSchema, type TemplateInfo } from './templates.js';

export interface TemplateClientOptions {
  baseUrl: string;
  version: string;
  wabaId: string;
  token: string;
  timeoutMs?: number;
}

export type TemplateFetch = { ok: true; templates: TemplateInfo[] } | { ok: false; problem: string };

const FIELDS = 'name,language,status,category,parameter_format,components';
/** Pages followed at most: 20 × 100 templates is more than any business has. */
const MAX_PAGES = 20;

export async function fetchTemplates(o: TemplateClientOptions): Promise<TemplateFetch> {
  const base = new URL(o.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const first = new URL(
    `${prefix}/${encodeURIComponent(o.version)}/${encodeURIComponent(o.wabaId)}/message_templates`,
    base.origin,
  );
  first.searchParams.set('fields', FIELDS);
  first.searchParams.set('limit', '100');
  const templates: TemplateInfo[] = [];
  let next: string | undefined = first.toString();
  for (let page = 0; next !== undefined && page < MAX_PAGES; page++) {
    // Meta's `next` is absolute; only follow it on the host we were configured with (the token goes along).
    const url = new URL(next);
    if (url.origin !== base.origin) return { ok: false, problem: `paging left ${base.origin}: ${url.origin}` };
    let status: number;
    let text: string;
    try {
      const res = await request(url, {
        method: 'GET',
        headers: { authorization: `Bearer ${o.token}` },
        headersTimeout: o.timeoutMs ?? 10_000,
        bodyTimeout: o.timeoutMs ?? 10_000,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      return { ok: false, problem: `Graph API unreachable: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (status !== 200) return { ok: false, problem: `Graph API answered ${status}: ${text.slice(0, 300)}` };
    const parsed = parseTemplatePage(text);
    if (!parsed.ok) return parsed;
    templates.push(...parsed.templates);
    next = parsed.next;
  }
  return { ok: true, templates };
}

/** One page's JSON text (or the sandbox file's) → its readable templates and the next page. */
export function parseTemplatePage(
  text: string,
): { ok: true; templates: TemplateInfo[]; next: string | undefined } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the template list is not JSON' };
  }
  const page = templatePageSchema.safeParse(json);
  if (!page.success) return { ok: false, problem: 'the template list has no data array' };
  const templates = page.data.data.map(parseTemplate).filter((t): t is TemplateInfo => t !== null);
  return { ok: true, templates, next: page.data.paging?.next };
}
