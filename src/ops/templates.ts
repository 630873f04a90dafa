// Approved message templates: the cached list (shared by every instance, in service_state) and a
// person's template send, the one message allowed outside the 24-hour window. The admin API, the
// CLI and the console call these.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { queueOperatorBody } from '../pipeline/queue-outbound.js';
import { readState, writeState } from '../store/service-state.js';
import type { Database } from '../store/schema.js';
import type { TemplateSource } from '../whatsapp/template-source.js';
import { renderTemplate, type TemplateInfo, type TemplateParameters } from '../whatsapp/templates.js';
import { conversationAfter, operatorTurn, requireOperator, type ReplyResult } from './handoff-conversations.js';
import { getMarketingConsent } from './marketing-consent.js';
import { iso } from './require-phone.js';
import { requirePhone } from './require-phone.js';

const STATE_TEMPLATES = 'whatsapp_templates';

interface CachedTemplates {
  fetchedAt: number;
  source: string;
  templates: TemplateInfo[];
}

export interface TemplateList {
  fetched_at: string | null;
  source: string;
  /** Set when a refresh failed and the list shown is the last one read. */
  problem: string | null;
  templates: TemplateInfo[];
}

/**
 * The templates as last read; read from the source first when asked to (`refresh`) or when none
 * were ever read. A failed refresh keeps the cached list and says why.
 */
export async function listTemplates(
  db: Kysely<Database>,
  source: TemplateSource,
  opts: { refresh?: boolean },
  now: number,
): Promise<TemplateList> {
  const cached = await readState<CachedTemplates>(db, STATE_TEMPLATES);
  if (cached && !opts.refresh)
    return { fetched_at: iso(cached.fetchedAt), source: cached.source, problem: null, templates: cached.templates };
  const fetched = await source.fetch();
  if (!fetched.ok) {
    if (!cached) throw new AppError('GRAPH_UNAVAILABLE', `templates could not be read: ${fetched.problem}`);
    return {
      fetched_at: iso(cached.fetchedAt),
      source: cached.source,
      problem: fetched.problem,
      templates: cached.templates,
    };
  }
  const fresh: CachedTemplates = { fetchedAt: now, source: source.describe, templates: fetched.templates };
  await writeState(db, STATE_TEMPLATES, fresh, now);
  return { fetched_at: iso(now), source: fresh.source, problem: null, templates: fresh.templates };
}

/** One template by name and language; a name not in the cache is looked up again once (just approved?). */
export async function getTemplate(
  db: Kysely<Database>,
  source: TemplateSource,
  name: string,
  language: string,
  now: number,
): Promise<TemplateInfo> {
  const find = (l: TemplateList) => l.templates.find((t) => t.name === name && t.language === language);
  const found =
    find(await listTemplates(db, source, {}, now)) ?? find(await listTemplates(db, source, { refresh: true }, now));
  if (!found) throw new AppError('NOT_FOUND', `no template "${name}" in language "${language}"`, { field: 'template' });
  if (found.status !== 'APPROVED')
    throw new AppError(
      'TEMPLATE_REFUSED',
      `template "${name}" (${language}) is ${found.status}: only approved templates can be sent`,
    );
  return found;
}

export interface TemplateSend {
  template: string;
  language: string;
  parameters?: TemplateParameters;
}

export interface TemplatePreview {
  template: TemplateInfo;
  /** True when every parameter is there and acceptable to Meta: the send would be queued. */
  ready: boolean;
  /** What the client will read, the missing values left as {{name}}. */
  preview: string;
  /** Every missing or refused value, in words (empty when ready). */
  problems: string[];
}

/**
 * What an approved template will read like with these parameters, and every value still missing or
 * wrong: the same renderTemplate as the send, so the console's preview is what goes out.
 */
export async function previewTemplate(
  db: Kysely<Database>,
  source: TemplateSource,
  phoneInput: string,
  send: TemplateSend,
  now: number,
): Promise<TemplatePreview> {
  const phone = requirePhone(phoneInput);
  const template = await getTemplate(db, source, send.template, send.language, now);
  const r = renderTemplate(phone, template, send.parameters ?? {});
  return r.ok
    ? { template, ready: true, preview: r.preview, problems: [] }
    : { template, ready: false, preview: r.preview, problems: r.problems };
}

/** Meta's "the user stopped marketing messages" (reference §11), once recorded on a message. */
const MARKETING_STOPPED = 131050;

/**
 * A person sends an approved template: allowed whatever the 24-hour window, through the same durable
 * queue, stored with the operator's id and what it reads like. Refused before queueing when a
 * parameter is missing, when the client sent STOP, or (marketing) when the client stopped marketing messages (`user_preferences`) or Meta already answered 131050.
 */
export async function sendTemplateAsOperator(
  db: Kysely<Database>,
  source: TemplateSource,
  phoneInput: string,
  operatorInput: string,
  send: TemplateSend,
  now: number,
): Promise<ReplyResult> {
  const phone = requirePhone(phoneInput);
  const operator = requireOperator(operatorInput);
  const template = await getTemplate(db, source, send.template, send.language, now);
  const rendered = renderTemplate(phone, template, send.parameters ?? {});
  if (!rendered.ok) throw new AppError('VALIDATION_FAILED', rendered.problem, { field: 'parameters' });
  return db.transaction().execute(async (trx) => {
    const turn = await operatorTurn(trx, phone, operator, now);
    if (turn.optedOut)
      throw new AppError('TEMPLATE_REFUSED', 'the client sent STOP: nothing may be sent until they write START');
    if (template.category === 'MARKETING' && !(await getMarketingConsent(trx, phone)).allowed)
      throw new AppError(
        'TEMPLATE_REFUSED',
        'the client told WhatsApp to stop marketing messages from us: only utility templates may be sent',
      );
    if (template.category === 'MARKETING' && (await stoppedMarketing(trx, phone)))
      throw new AppError(
        'TEMPLATE_REFUSED',
        'the client stopped marketing messages from us (Meta error 131050): only utility templates may be sent',
      );
    const id = await queueOperatorBody(trx, {
      phone,
      type: 'template',
      summary: `[template ${template.name} · ${template.language}]\n${rendered.preview}`,
      body: rendered.body,
      operator,
      now,
      templateCategory: template.category,
    });
    return { id, conversation: conversationAfter(turn.after, turn.lastInboundAt, now) };
  });
}

// A recorded 131050 is evidence too (Meta may refuse a send before its preference webhook arrives);
// a "resume" WhatsApp reported after that failure lifts it. Never retried.
async function stoppedMarketing(trx: Kysely<Database>, phone: string): Promise<boolean> {
  const consent = await getMarketingConsent(trx, phone);
  const hit = await trx
    .selectFrom('whatsapp_messages')
    .select('updated_at')
    .where('phone', '=', phone)
    .where('direction', '=', 'outgoing')
    .where('error_code', '=', MARKETING_STOPPED)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (hit === undefined) return false;
  return consent.preferenceChangedAt === null || consent.preferenceChangedAt < Number(hit.updated_at);
}
