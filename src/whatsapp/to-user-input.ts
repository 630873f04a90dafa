// Reduces one inbound message to what the conversation understands: text, a choice, a form, or
// neither — and a readable summary of everything it carried (the raw JSON is stored beside it).
import { z } from 'zod';
import type { UserInput } from '../conversation/types.js';
import { describeMessageContent } from './describe-message.js';
import { type ItemResult, describeIssues, lenientText } from './webhook-fields.js';

/** The `unsupported` input type of an `interactive.call_permission_reply`: a notice the bot never answers. */
export const CALL_PERMISSION_REPLY = 'call_permission_reply';

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
const callPermissionPart = z.looseObject({ response: z.string().max(32).optional().catch(undefined) });
const flowPart = z.looseObject({ name: lenientText, body: lenientText, response_json: z.unknown().optional() });

/** Form fields kept for the conversation: a Flow's answers are small; a hostile one is cut. */
const FORM_FIELDS_MAX = 50;
const FORM_VALUE_MAX = 1_000;

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
      return fromMedia(message.type, message[message.type]);
    default:
      // audio, location, sticker, contacts, reaction, order, system, unsupported, unknown, anything new:
      // nothing the menus can use, but everything it carried is summarised for the timeline.
      return ok(unsupported(message.type), describeMessageContent(message));
  }
}

/** A caption is what the user says about the picture: "is this property eligible?" is a question. */
function fromMedia(type: string, part: unknown): ItemResult<ReducedMessage> {
  const caption = captionPart.safeParse(part);
  const text = caption.success ? caption.data.caption?.trim() : undefined;
  const summary = describeMessageContent({ type, [type]: part });
  if (text === undefined || text === '') return ok(unsupported(type), summary);
  return ok({ kind: 'text', text }, summary);
}

function fromInteractive(part: unknown): ItemResult<ReducedMessage> {
  const interactive = interactivePart.safeParse(part);
  if (!interactive.success) return invalid('interactive', interactive.error);
  const kind = interactive.data.type;
  if (kind === 'nfm_reply') return fromFlowReply(interactive.data[kind]);
  if (kind === 'call_permission_reply') {
    // The user's answer to a request to call them (Calling API): a notice, not something said to the
    // bot. Recorded with the answer, never answered (pipeline/process-inbound.ts).
    const reply = callPermissionPart.safeParse(interactive.data[kind]);
    const response = reply.success ? reply.data.response : undefined;
    return ok(unsupported(CALL_PERMISSION_REPLY), response ? `[call permission ${response}]` : '[call permission]');
  }
  if (kind !== 'button_reply' && kind !== 'list_reply') {
    // Future kinds: nothing the menus can use.
    return ok(unsupported('interactive'), `[interactive ${kind}]`);
  }
  const reply = replyPart.safeParse(interactive.data[kind]);
  if (!reply.success) return invalid(`interactive.${kind}`, reply.error);
  const title = reply.data.title ?? reply.data.id;
  return ok({ kind: 'choice', id: reply.data.id, title }, title);
}

/**
 * A WhatsApp Flow (or address message) submitted: `response_json` is a JSON string of the answers.
 * The answers go to the conversation as a form; an unreadable string is still a form, with no fields.
 */
function fromFlowReply(part: unknown): ItemResult<ReducedMessage> {
  const flow = flowPart.safeParse(part);
  if (!flow.success) return invalid('interactive.nfm_reply', flow.error);
  const name = flow.data.name ?? 'flow';
  const fields = formFields(flow.data.response_json);
  const shown = Object.entries(fields)
    .filter(([k]) => k !== 'flow_token')
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return ok({ kind: 'form', name, fields }, `[form ${name}]${shown ? ` ${shown}` : ''}`);
}

function formFields(responseJson: unknown): Record<string, string> {
  let parsed: unknown = responseJson;
  if (typeof responseJson === 'string') {
    try {
      parsed = JSON.parse(responseJson);
    } catch {
      return {}; // a form we cannot read: still a form, answered as one
    }
  }
  const out: Record<string, string> = {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return out;
  for (const [key, value] of Object.entries(parsed).slice(0, FORM_FIELDS_MAX)) {
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
    // A value parsed from JSON always stringifies (null → "null").
    out[key.slice(0, 64)] = text.slice(0, FORM_VALUE_MAX);
  }
  return out;
}

/** A tap on a template quick-reply: the payload we set when sending, else the label. */
function fromTemplateButton(part: unknown): ItemResult<ReducedMessage> {
  const button = buttonPart.safeParse(part);
  if (!button.success) return invalid('button', button.error);
  const { text, payload } = button.data;
  const id = payload !== undefined && payload !== '' ? payload : text;
  if (id === undefined || id === '') return { ok: false, error: 'button: neither payload nor text' };
  const title = text ?? id;
  return ok({ kind: 'choice', id, title, template: true }, title);
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
