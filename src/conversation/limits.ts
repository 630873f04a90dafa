// WhatsApp Cloud API limits for what we send (whatsapp-cloud-api.md §5). Lengths are counted in
// UTF-16 code units, which is never less than the character count Meta applies: a reply that
// passes here passes there.
import { WHATSAPP_LIMITS } from '../lib/whatsapp-limits.js';
import type { Reply } from './types.js';

const L = WHATSAPP_LIMITS;
export const TEXT_BODY_MAX = L.textBody;
export const INTERACTIVE_BODY_MAX = L.interactiveBody;
export const HEADER_MAX = L.header;
export const FOOTER_MAX = L.footer;
export const LIST_BUTTON_MAX = L.listButton;
export const LIST_ROWS_MAX = L.rowsTotal;
export const LIST_SECTIONS_MAX = L.sections;
export const SECTION_TITLE_MAX = L.sectionTitle;
export const ROW_ID_MAX = L.rowId;
export const ROW_TITLE_MAX = L.rowTitle;
export const ROW_DESCRIPTION_MAX = L.rowDescription;
export const BUTTONS_MAX = L.buttons;
export const BUTTON_TITLE_MAX = L.buttonTitle;
export const BUTTON_ID_MAX = L.buttonId;
export const CAPTION_MAX = L.caption;

/** Cuts `text` to at most `max` code units, ending in "…", without splitting an emoji's surrogates. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

type Check = (violations: string[]) => void;

function length(field: string, value: string | undefined, max: number, required = false): Check {
  return (v) => {
    if (value === undefined) {
      if (required) v.push(`${field} is missing`);
      return;
    }
    if (required && value.trim() === '') v.push(`${field} is empty`);
    if (value.length > max) v.push(`${field} is ${value.length} long, max ${max}`);
  };
}

function ids(field: string, values: string[], max: number): Check {
  return (v) => {
    if (new Set(values).size !== values.length) v.push(`${field}s are not unique`);
    for (const id of values) {
      length(`${field} "${id}"`, id, max, true)(v);
      if (id !== id.trim()) v.push(`${field} "${id}" has leading or trailing spaces`);
    }
  };
}

function checksFor(reply: Reply): Check[] {
  switch (reply.kind) {
    case 'text':
      return [length('text body', reply.body, TEXT_BODY_MAX, true)];
    case 'document':
      return [
        length('document link', reply.link, Number.MAX_SAFE_INTEGER, true),
        length('document filename', reply.filename, 240, true),
        length('document caption', reply.caption, CAPTION_MAX),
      ];
    case 'buttons':
      return [
        length('header', reply.header, HEADER_MAX),
        length('body', reply.body, INTERACTIVE_BODY_MAX, true),
        length('footer', reply.footer, FOOTER_MAX),
        (v) => {
          const n = reply.buttons.length;
          if (n < 1 || n > BUTTONS_MAX) v.push(`${n} buttons, allowed 1-${BUTTONS_MAX}`);
          const titles = reply.buttons.map((b) => b.title);
          if (new Set(titles).size !== titles.length) v.push('button titles are not unique');
        },
        ...reply.buttons.map((b) => length(`button title "${b.title}"`, b.title, BUTTON_TITLE_MAX, true)),
        ids(
          'button id',
          reply.buttons.map((b) => b.id),
          BUTTON_ID_MAX,
        ),
      ];
    case 'list': {
      const rows = reply.sections.flatMap((s) => s.rows);
      return [
        length('header', reply.header, HEADER_MAX),
        length('body', reply.body, INTERACTIVE_BODY_MAX, true),
        length('footer', reply.footer, FOOTER_MAX),
        length('list button', reply.button, LIST_BUTTON_MAX, true),
        (v) => {
          const s = reply.sections.length;
          if (s < 1 || s > LIST_SECTIONS_MAX) v.push(`${s} sections, allowed 1-${LIST_SECTIONS_MAX}`);
          if (rows.length < 1 || rows.length > LIST_ROWS_MAX) v.push(`${rows.length} rows, allowed 1-${LIST_ROWS_MAX}`);
        },
        ...reply.sections.map((s) => length(`section title "${s.title}"`, s.title, SECTION_TITLE_MAX, true)),
        ...rows.map((r) => length(`row title "${r.title}"`, r.title, ROW_TITLE_MAX, true)),
        ...rows.map((r) => length(`row description "${r.description ?? ''}"`, r.description, ROW_DESCRIPTION_MAX)),
        ids(
          'row id',
          rows.map((r) => r.id),
          ROW_ID_MAX,
        ),
      ];
    }
  }
}

/** Every way `reply` breaks the platform's limits; [] when it can be sent as is. */
export function checkReplyLimits(reply: Reply): string[] {
  const violations: string[] = [];
  for (const check of checksFor(reply)) check(violations);
  return violations;
}
