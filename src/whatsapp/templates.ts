// Message templates in Meta's wire format: the Graph list (`GET /{WABA_ID}/message_templates`) read
// into what an operator needs (languages, category, status, which parameters), and a template send
// rendered exactly as the Cloud API reference shows it (reference §5 "Template"). Pure.
import { z } from 'zod';
import { recipientField } from './render-reply.js';
import { isStopLabel, OPT_OUT_BUTTON_PAYLOAD } from './stop-button.js';
import type { GraphMessageBody } from './types.js';

export type HeaderFormat = 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';

export interface TemplateButton {
  index: number;
  /** QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE… as Meta names them. */
  type: string;
  text: string;
  url: string | null;
  /** What the send must fill in: the URL's variable, or the code of a COPY_CODE button. */
  needsValue: boolean;
}

export interface TemplateInfo {
  name: string;
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED…: only APPROVED can be sent. */
  status: string;
  /** MARKETING, UTILITY or AUTHENTICATION. */
  category: string;
  named: boolean;
  header: { format: HeaderFormat; text: string | null; variables: string[] } | null;
  body: { text: string; variables: string[] };
  footer: string | null;
  buttons: TemplateButton[];
}

/** What a send fills in: the header's variable or media link, body variables by name or position, button values by index. */
export interface TemplateParameters {
  header?: string;
  body?: Record<string, string> | string[];
  buttons?: Record<string, string>;
}

const componentSchema = z.looseObject({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z
    .array(z.looseObject({ type: z.string(), text: z.string().optional(), url: z.string().optional() }))
    .optional(),
});
const templateSchema = z.looseObject({
  name: z.string().min(1),
  language: z.string().min(1),
  status: z.string(),
  category: z.string(),
  parameter_format: z.string().optional(),
  components: z.array(componentSchema).default([]),
});
/** One page of the Graph list (or the sandbox file, which has the same shape). */
export const templatePageSchema = z.looseObject({
  data: z.array(z.unknown()),
  paging: z.looseObject({ next: z.string().optional() }).optional(),
});

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const variablesOf = (text: string | undefined): string[] => [
  ...new Set([...(text ?? '').matchAll(VARIABLE)].map((m) => m[1]!)),
];

/** One entry of Meta's list → TemplateInfo; null for an entry we cannot read (kept out of the list). */
export function parseTemplate(raw: unknown): TemplateInfo | null {
  const r = templateSchema.safeParse(raw);
  if (!r.success) return null;
  const t = r.data;
  const part = (type: string) => t.components.find((c) => c.type.toUpperCase() === type);
  const header = part('HEADER');
  const body = part('BODY');
  const bodyVars = variablesOf(body?.text);
  return {
    name: t.name,
    language: t.language,
    status: t.status.toUpperCase(),
    category: t.category.toUpperCase(),
    named: t.parameter_format ? t.parameter_format.toUpperCase() === 'NAMED' : bodyVars.some((v) => !/^\d+$/.test(v)),
    header: header
      ? {
          format: (header.format?.toUpperCase() ?? 'TEXT') as HeaderFormat,
          text: header.text ?? null,
          variables: variablesOf(header.text),
        }
      : null,
    body: { text: body?.text ?? '', variables: bodyVars },
    footer: part('FOOTER')?.text ?? null,
    buttons: (part('BUTTONS')?.buttons ?? []).map((b, index) => {
      const type = b.type.toUpperCase();
      return {
        index,
        type,
        text: b.text ?? '',
        url: b.url ?? null,
        needsValue: (type === 'URL' && variablesOf(b.url).length > 0) || type === 'COPY_CODE',
      };
    }),
  };
}

export type TemplateRender =
  | { ok: true; body: GraphMessageBody; preview: string }
  | {
      ok: false;
      /** The first value missing or wrong (what the API answers). */
      problem: string;
      /** Every value missing or wrong, in the template's order (what the console's form lists). */
      problems: string[];
      /** What it reads like so far: the values given filled in, the missing ones left as {{name}}. */
      preview: string;
    };

// Meta refuses parameter text with new lines, tabs or more than four spaces in a row (132018).
// (NUL too: the database would refuse it.)
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const BAD_PARAM = /[\n\r\t\u0000]| {5,}/;

function value(v: string | undefined, what: string): string | { problem: string } {
  const text = (v ?? '').trim();
  if (text === '') return { problem: `${what} is required` };
  if (text.length > 1024) return { problem: `${what} is longer than 1024 characters` };
  if (BAD_PARAM.test(text)) return { problem: `${what} may not contain line breaks, tabs or five spaces in a row` };
  return text;
}

function bodyValue(p: TemplateParameters, name: string, i: number): string | undefined {
  if (Array.isArray(p.body)) return p.body[i];
  return p.body?.[name];
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(VARIABLE, (whole, name: string) => values[name] ?? whole);

/**
 * The send body for this template and these parameters, and what it reads like (for the message
 * history and the console's preview); or every parameter that is missing or wrong, with what it
 * reads like so far.
 */
export function renderTemplate(userKey: string, t: TemplateInfo, p: TemplateParameters): TemplateRender {
  const components: Record<string, unknown>[] = [];
  const problems: string[] = [];
  /** The value, or null after noting why it cannot be sent. */
  const check = (v: string | undefined, what: string): string | null => {
    const r = value(v, what);
    if (typeof r === 'string') return r;
    problems.push(r.problem);
    return null;
  };
  const named = (name: string) => (t.named ? { parameter_name: name } : {});
  let headerText: string | null = null;
  if (t.header && t.header.format === 'TEXT' && t.header.variables.length > 0) {
    const name = t.header.variables[0]!;
    const v = check(p.header, 'the header parameter');
    if (v !== null) components.push({ type: 'header', parameters: [{ type: 'text', ...named(name), text: v }] });
    headerText = fill(t.header.text ?? '', v === null ? {} : { [name]: v });
  } else if (t.header && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(t.header.format)) {
    const media = t.header.format.toLowerCase();
    const v = check(p.header, 'the header media link');
    if (v !== null && !/^https:\/\/\S+$/.test(v)) problems.push('the header media link must be an https:// URL');
    else if (v !== null) components.push({ type: 'header', parameters: [{ type: media, [media]: { link: v } }] });
    headerText = `[${media}]`;
  } else if (t.header?.text) headerText = t.header.text;
  const values: Record<string, string> = {};
  const bodyParams: Record<string, unknown>[] = [];
  for (const [i, name] of t.body.variables.entries()) {
    const v = check(bodyValue(p, name, i), `body parameter {{${name}}}`);
    if (v === null) continue;
    values[name] = v;
    bodyParams.push({ type: 'text', ...named(name), text: v });
  }
  if (bodyParams.length > 0) components.push({ type: 'body', parameters: bodyParams });
  for (const b of t.buttons) {
    const given = p.buttons?.[String(b.index)];
    if (b.needsValue) {
      const v = check(given, `the value of button ${b.index} (${b.text})`);
      if (v === null) continue;
      const param = b.type === 'COPY_CODE' ? { type: 'coupon_code', coupon_code: v } : { type: 'text', text: v };
      components.push({ type: 'button', sub_type: b.type.toLowerCase(), index: String(b.index), parameters: [param] });
    } else if (b.type === 'QUICK_REPLY' && isStopLabel(b.text)) {
      // A Stop button always carries our opt-out payload, whatever was given: a tap opts out (pipeline/opt-out.ts).
      components.push({
        type: 'button',
        sub_type: 'quick_reply',
        index: String(b.index),
        parameters: [{ type: 'payload', payload: OPT_OUT_BUTTON_PAYLOAD }],
      });
    } else if (b.type === 'QUICK_REPLY' && given !== undefined) {
      const v = check(given, `the payload of button ${b.index} (${b.text})`);
      if (v === null) continue;
      components.push({
        type: 'button',
        sub_type: 'quick_reply',
        index: String(b.index),
        parameters: [{ type: 'payload', payload: v }],
      });
    }
  }
  const lines = [headerText, fill(t.body.text, values), t.footer].filter((l): l is string => !!l);
  if (t.buttons.length > 0) lines.push(`[buttons: ${t.buttons.map((b) => b.text).join(' | ')}]`);
  const preview = lines.join('\n');
  if (problems.length > 0) return { ok: false, problem: problems[0]!, problems, preview };
  const template = {
    name: t.name,
    language: { code: t.language },
    ...(components.length > 0 ? { components } : {}),
  };
  const body = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipientField(userKey),
    type: 'template',
    template,
  } as GraphMessageBody;
  return { ok: true, body, preview };
}
