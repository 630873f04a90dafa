// Where the approved templates come from: the Graph API, or in sandbox mode a file in the Graph
// list's shape shipped with the product (data-seed/templates.json), so all of it works without Meta.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fetchTemplates, parseTemplatePage, type TemplateFetch } from './template-client.js';

export interface TemplateSource {
  /** For the operator: "Graph API (WABA 1234)" or "sandbox file …". */
  readonly describe: string;
  fetch(): Promise<TemplateFetch>;
}

export const DEFAULT_TEMPLATES_FILE = fileURLToPath(new URL('../../data-seed/templates.json', import.meta.url));

export function fileTemplateSource(path: string): TemplateSource {
  return {
    describe: `sandbox file ${path}`,
    async fetch() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        return { ok: false, problem: `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}` };
      }
      const page = parseTemplatePage(text);
      return page.ok ? { ok: true, templates: page.templates } : page;
    },
  };
}

export function graphTemplateSource(o: {
  baseUrl: string;
  version: string;
  wabaId: string | undefined;
  token: string;
}): TemplateSource {
  const { wabaId } = o;
  return {
    describe: wabaId ? `Graph API (WABA ${wabaId})` : 'Graph API (WHATSAPP_BUSINESS_ACCOUNT_ID is not set)',
    fetch: async () =>
      wabaId
        ? fetchTemplates({ ...o, wabaId })
        : { ok: false, problem: 'WHATSAPP_BUSINESS_ACCOUNT_ID is not set: templates cannot be read from Meta' },
  };
}
