// Reduces one inbound message to what the conversation understands: text, a choice, or neither.
import { z } from 'zod';
import type { UserInput } from '../conversation/types.js';
import { type ItemResult, describeIssues, lenientText } from './webhook-fields.js';

export interface ReducedMessage {
  input: UserInput;
  /** Short, human-readable; the raw JSON is stored next to it. */
  summary: string;
}

const textPart = z.looseObject({ body: z.string() });
const interactivePart = z.looseObject({ type: z.string().min(1) });
const replyPart = z.looseObject({ id: z.string().min(1), title: lenientText });
const buttonPart = z.looseObject({ text: lenientText, payload: lenientText });
const captionPart = z.looseObject({ caption: lenientText });

const CAPTION_SUMMARY_MAX = 80;

/** `message` is a message object whose `type` is already known to be a non-empty string. */
export function toUserInput(message: Record<string, unknown> & { type: string }): ItemResult<ReducedMessage> {
  switch (message.type) {
    case 'text': {
      const text = textPart.safeParse(message['text']);
      if (!text.success) return invalid('text', text.error);
      return ok({ kind: 'text', text: text.data.body }, text.data.body);
    }
    case 'interactive':
      return fromInteractive(message['interactive']);
    case 'button':
      return fromTemplateButton(message['button']);
    case 'image':
    case 'video':
    case 'document':
      return ok(unsupported(message.type), withCaption(message.type, message[message.type]));
    default:
      // audio, location, sticker, contacts, reaction, order, system, unsupported, unknown, anything new.
      return ok(unsupported(message.type), `[${message.type}]`);
  }
}

function fromInteractive(part: unknown): ItemResult<ReducedMessage> {
  const interactive = interactivePart.safeParse(part);
  if (!interactive.success) return invalid('interactive', interactive.error);
  const kind = interactive.data.type;
  if (kind !== 'button_reply' && kind !== 'list_reply') {
    // nfm_reply (Flows, address), call_permission_reply, future kinds: nothing the menus can use.
    return ok(unsupported('interactive'), `[interactive ${kind}]`);
  }
  const reply = replyPart.safeParse(interactive.data[kind]);
  if (!reply.success) return invalid(`interactive.${kind}`, reply.error);
  const title = reply.data.title ?? reply.data.id;
  return ok({ kind: 'choice', id: reply.data.id, title }, title);
}

/** A tap on a template quick-reply: the payload we set when sending, else the label. */
function fromTemplateButton(part: unknown): ItemResult<ReducedMessage> {
  const button = buttonPart.safeParse(part);
  if (!button.success) return invalid('button', button.error);
  const { text, payload } = button.data;
  const id = payload !== undefined && payload !== '' ? payload : text;
  if (id === undefined || id === '') return { ok: false, error: 'button: neither payload nor text' };
  const title = text ?? id;
  return ok({ kind: 'choice', id, title }, title);
}

function withCaption(type: string, part: unknown): string {
  const caption = captionPart.safeParse(part);
  const text = caption.success ? caption.data.caption?.trim() : undefined;
  if (text === undefined || text === '') return `[${type}]`;
  const short = Array.from(text).slice(0, CAPTION_SUMMARY_MAX).join('');
  return `[${type}] ${short}${short.length < text.length ? '…' : ''}`;
}

function unsupported(type: string): UserInput {
  return { kind: 'unsupported', type };
}

function ok(input: UserInput, summary: string): ItemResult<ReducedMessage> {
  return { ok: true, value: { input, summary } };
}

function invalid(where: string, error: z.ZodError): ItemResult<ReducedMessage> {
  return { ok: false, error: `${where}: ${describeIssues(error)}` };
}
