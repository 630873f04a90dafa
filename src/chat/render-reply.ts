// A Graph API request body the bot would have sent → the lines a terminal shows, plus the choices
// (list rows, reply buttons) the user can then pick by number, as they would tap them in WhatsApp.

/** A tappable row or button; `kind` is the interactive reply WhatsApp sends back on a tap. */
export interface Choice {
  kind: 'list_reply' | 'button_reply';
  id: string;
  title: string;
  description?: string;
}

export interface RenderedReply {
  lines: string[];
  /** Empty when the message offers nothing to tap. */
  choices: Choice[];
}

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** `fallbackText` (the stored summary) is shown for bodies this tool does not know. */
export function renderReply(body: unknown, fallbackText?: string): RenderedReply {
  const b = obj(body);
  switch (b['type']) {
    case 'text':
      return { lines: splitLines(str(obj(b['text'])['body']) ?? ''), choices: [] };
    case 'document':
      return { lines: [documentLine(obj(b['document']))], choices: [] };
    case 'interactive': {
      const i = obj(b['interactive']);
      if (i['type'] === 'list') return renderList(i);
      if (i['type'] === 'button') return renderButtons(i);
      break;
    }
  }
  const type = str(b['type']) ?? 'message';
  return { lines: [`[${type}] ${fallbackText ?? JSON.stringify(body)}`], choices: [] };
}

function documentLine(d: Obj): string {
  const filename = str(d['filename']) ?? 'document';
  // The brochure caption already starts with its own 📄; one icon is enough.
  const caption = str(d['caption'])?.replace(/^📄\s*/u, '');
  const link = str(d['link']) ?? (str(d['id']) ? `media id ${String(d['id'])}` : undefined);
  return `📄 ${filename}${caption ? ` — ${caption}` : ''}${link ? ` (${link})` : ''}`;
}

/** Header, body and footer of an interactive message. */
function frame(i: Obj): string[] {
  const lines: string[] = [];
  const header = str(obj(i['header'])['text']);
  if (header) lines.push(`*${header}*`);
  lines.push(...splitLines(str(obj(i['body'])['text']) ?? ''));
  const footer = str(obj(i['footer'])['text']);
  if (footer) lines.push(`_${footer}_`);
  return lines;
}

function renderList(i: Obj): RenderedReply {
  const action = obj(i['action']);
  const lines = frame(i);
  const choices: Choice[] = [];
  lines.push('', `[${str(action['button']) ?? 'Options'}]`);
  for (const section of arr(action['sections']).map(obj)) {
    const title = str(section['title']);
    if (title) lines.push(`  ${title}`);
    for (const row of arr(section['rows']).map(obj)) {
      const id = str(row['id']);
      const rowTitle = str(row['title']);
      if (id === undefined || rowTitle === undefined) continue;
      const description = str(row['description']);
      choices.push({ kind: 'list_reply', id, title: rowTitle, ...(description ? { description } : {}) });
      const n = choices.length;
      lines.push(`    ${n}) ${withoutOwnNumber(rowTitle, n)}${description ? ` — ${description}` : ''}`);
    }
  }
  return { lines, choices };
}

function renderButtons(i: Obj): RenderedReply {
  const lines = frame(i);
  const choices: Choice[] = [];
  lines.push('');
  for (const button of arr(obj(i['action'])['buttons']).map(obj)) {
    const reply = obj(button['reply']);
    const id = str(reply['id']);
    const title = str(reply['title']);
    if (id === undefined || title === undefined) continue;
    choices.push({ kind: 'button_reply', id, title });
    lines.push(`  ${choices.length}) [ ${title} ]`);
  }
  return { lines, choices };
}

/** Row titles like "1. Explore Programs" would read "1) 1. Explore…"; drop the echo of our number. */
function withoutOwnNumber(title: string, n: number): string {
  const m = /^(\d+)[.)]\s+(.+)$/.exec(title);
  return m?.[1] === String(n) && m[2] !== undefined ? m[2] : title;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}
