// Approved WhatsApp templates from the conversation page: the list (refreshed from WhatsApp on
// demand), a form with one field per parameter of the chosen template, a preview rendered by the
// server as the consultant types (the same renderTemplate as the send), and the send itself through
// ops/sendTemplateAsOperator (the durable outbound queue, stored with the operator). Consultants and
// admins only; the console's sign-in and CSRF checks apply (registered inside the inbox scope).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { requirePhone } from '../ops/require-phone.js';
import {
  listTemplates,
  previewTemplate,
  sendTemplateAsOperator,
  type TemplateList,
  type TemplatePreview,
  type TemplateSend,
} from '../ops/templates.js';
import type { TemplateInfo, TemplateParameters } from '../whatsapp/templates.js';
import { requireRole, sessionOf } from '../console/auth/guard.js';

type Form = Record<string, unknown>;

/** One input of the parameter form. */
export interface TemplateField {
  /** The form field's name: p_header, p_body_<variable>, p_button_<index>. */
  name: string;
  label: string;
  hint: string | null;
  type: 'text' | 'url';
  value: string;
}

const CATEGORY: Record<string, string> = {
  MARKETING: 'Marketing',
  UTILITY: 'Utility',
  AUTHENTICATION: 'Authentication',
};
/** Why a template in the list cannot be sent, in words (Meta's status names otherwise). */
const STATUS: Record<string, string> = {
  PENDING: 'waiting for Meta’s review',
  REJECTED: 'rejected by Meta',
  PAUSED: 'paused by Meta for low quality',
  DISABLED: 'disabled by Meta',
  IN_APPEAL: 'in appeal at Meta',
  PENDING_DELETION: 'being deleted',
  DELETED: 'deleted',
  LIMIT_EXCEEDED: 'over Meta’s template limit',
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const choiceOf = (t: { name: string; language: string }) => `${t.name}|${t.language}`;

/** The inputs a template needs, in the order renderTemplate checks them, with what was typed so far. */
export function fieldsOf(t: TemplateInfo, form: Form): TemplateField[] {
  const fields: TemplateField[] = [];
  const field = (name: string, label: string, hint: string | null, type: 'text' | 'url' = 'text') =>
    fields.push({ name, label, hint, type, value: text(form[name]) });
  if (t.header?.format === 'TEXT' && t.header.variables.length > 0)
    field('p_header', `Header {{${t.header.variables[0]!}}}`, `In the header: “${t.header.text ?? ''}”`);
  else if (t.header && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(t.header.format))
    field('p_header', `Header ${t.header.format.toLowerCase()} link`, 'An https:// link to the file', 'url');
  for (const v of t.body.variables) field(`p_body_${v}`, `Body {{${v}}}`, null);
  for (const b of t.buttons) {
    if (!b.needsValue) continue;
    if (b.type === 'COPY_CODE') field(`p_button_${b.index}`, `Button “${b.text}”: coupon code`, null);
    else field(`p_button_${b.index}`, `Button “${b.text}”: link value`, `Fills in ${b.url ?? 'the link'}`);
  }
  return fields;
}

/** The form's values as the send's parameters (body by variable name, buttons by index). */
function parametersOf(t: TemplateInfo, form: Form): TemplateParameters {
  const body: Record<string, string> = {};
  for (const v of t.body.variables) body[v] = text(form[`p_body_${v}`]);
  const buttons: Record<string, string> = {};
  for (const b of t.buttons) if (b.needsValue) buttons[String(b.index)] = text(form[`p_button_${b.index}`]);
  return { header: text(form.p_header), body, buttons };
}

/** The chosen template ("name|language") among those listed, or null. */
function chosenIn(list: TemplateList | null, choice: string): TemplateInfo | null {
  return list?.templates.find((t) => choiceOf(t) === choice) ?? null;
}

/** An ops refusal as a sentence for the page. */
function sentence(err: AppError): string {
  const m = err.message.charAt(0).toUpperCase() + err.message.slice(1);
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

interface PickerOptions {
  choice: string;
  form: Form;
  refresh?: boolean;
  error?: string | null;
}

/** Everything the picker partial shows. */
async function pickerData(deps: Deps, req: FastifyRequest, phone: string, o: PickerOptions) {
  const session = sessionOf(req);
  const now = deps.clock.now();
  let list: TemplateList | null = null;
  let loadError: string | null = null;
  try {
    list = await listTemplates(deps.db, deps.templates, { refresh: o.refresh ?? false }, now);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    loadError = sentence(err);
  }
  const chosen = chosenIn(list, o.choice);
  let preview: TemplatePreview | null = null;
  let error = o.error ?? null;
  if (chosen && chosen.status === 'APPROVED') {
    preview = await previewTemplate(
      deps.db,
      deps.templates,
      phone,
      { template: chosen.name, language: chosen.language, parameters: parametersOf(chosen, o.form) },
      now,
    ).catch((err: unknown) => {
      if (!(err instanceof AppError)) throw err;
      error = sentence(err);
      return null;
    });
  } else if (chosen)
    error = `“${chosen.name}” (${chosen.language}) is ${chosen.status}: only approved templates can be sent.`;
  else if (o.choice !== '') error = 'That template is no longer in the list: choose another one.';
  const templates = list?.templates ?? [];
  return {
    phone,
    session,
    list,
    loadError,
    sendable: templates.filter((t) => t.status === 'APPROVED'),
    others: templates.filter((t) => t.status !== 'APPROVED'),
    chosen: preview ? chosen : null,
    choice: o.choice,
    fields: preview && chosen ? fieldsOf(chosen, o.form) : [],
    preview,
    error,
    category: (c: string) => CATEGORY[c] ?? c.toLowerCase(),
    statusWords: (s: string) => STATUS[s] ?? s.toLowerCase(),
    choiceOf,
  };
}

function formOf(req: FastifyRequest): Form {
  const b = req.body;
  return typeof b === 'object' && b !== null ? (b as Form) : {};
}

/** The form's template and language, which the preview and the send need. */
function sendOf(form: Form): { template: string; language: string } {
  const template = text(form.template).trim();
  const language = text(form.language).trim();
  if (template === '' || language === '')
    throw new AppError('VALIDATION_FAILED', 'Choose a template first.', { field: 'template' });
  return { template, language };
}

/** Registered by the inbox plugin: every path is under /console/inbox. */
export function templateRoutes(app: FastifyInstance, deps: Deps): void {
  const consultant = { preHandler: requireRole('consultant') };
  const picker = (reply: FastifyReply, data: Awaited<ReturnType<typeof pickerData>>) =>
    reply.view('partials/template-picker.eta', data);

  // The list, and the chosen template's form (htmx loads it into the conversation page).
  app.get<{ Params: { phone: string }; Querystring: { choice?: string } }>(
    '/conversations/:phone/templates',
    consultant,
    async (req, reply) => {
      const phone = requirePhone(req.params.phone);
      return picker(reply, await pickerData(deps, req, phone, { choice: text(req.query.choice), form: {} }));
    },
  );

  // Read the list from WhatsApp again; a failed read keeps the cached list and says why.
  app.post<{ Params: { phone: string } }>('/conversations/:phone/templates/refresh', consultant, async (req, reply) => {
    const phone = requirePhone(req.params.phone);
    const form = formOf(req);
    return picker(reply, await pickerData(deps, req, phone, { choice: text(form.choice), form, refresh: true }));
  });

  // The preview as the consultant types: a POST, since the values are what the client will read.
  app.post<{ Params: { phone: string } }>('/conversations/:phone/templates/preview', consultant, async (req, reply) => {
    const phone = requirePhone(req.params.phone);
    const form = formOf(req);
    const chosen = sendOf(form);
    try {
      const list = await listTemplates(deps.db, deps.templates, {}, deps.clock.now());
      const t = chosenIn(list, choiceOf({ name: chosen.template, language: chosen.language }));
      const parameters = t ? parametersOf(t, form) : {};
      const preview = await previewTemplate(
        deps.db,
        deps.templates,
        phone,
        { ...chosen, parameters },
        deps.clock.now(),
      );
      return reply.view('partials/template-preview.eta', { preview, error: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return reply.view('partials/template-preview.eta', { preview: null, error: sentence(err) });
    }
  });

  // The send: checked in full first (every missing value named), then queued by ops, which refuses
  // (STOP, marketing stopped, 131050, not approved) before anything is queued.
  app.post<{ Params: { phone: string } }>('/conversations/:phone/templates/send', consultant, async (req, reply) => {
    const me = sessionOf(req).operator.email;
    const phone = requirePhone(req.params.phone);
    const form = formOf(req);
    const htmx = req.headers['hx-request'] !== undefined;
    const chosen = sendOf(form);
    const choice = choiceOf({ name: chosen.template, language: chosen.language });
    try {
      const list = await listTemplates(deps.db, deps.templates, {}, deps.clock.now());
      const t = chosenIn(list, choice);
      const send: TemplateSend = { ...chosen, parameters: t ? parametersOf(t, form) : {} };
      const check = await previewTemplate(deps.db, deps.templates, phone, send, deps.clock.now());
      if (!check.ready)
        throw new AppError('VALIDATION_FAILED', `Not sent: ${check.problems.join('; ')}.`, { field: 'parameters' });
      await sendTemplateAsOperator(deps.db, deps.templates, phone, me, send, deps.clock.now());
    } catch (err) {
      // Without htmx the console's error page says the same sentence.
      if (!htmx || !(err instanceof AppError)) throw err;
      const error = err.code === 'VALIDATION_FAILED' ? sentence(err) : `Not sent. ${sentence(err)}`;
      return picker(reply, await pickerData(deps, req, phone, { choice, form, error }));
    }
    // Queued: back to the conversation, whose timeline shows the template and its ticks.
    const back = `/console/conversations/${phone}`;
    if (htmx) return reply.header('hx-redirect', back).send('');
    return reply.redirect(back, 303);
  });
}
