import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { HandoffStatus } from '../handoff/ownership.js';
import {
  assignConversation,
  listConversations,
  replyAsOperator,
  resolveConversation,
} from '../ops/handoff-conversations.js';
import { sendMediaAsOperator } from '../ops/send-media.js';
import { listTemplates, sendTemplateAsOperator } from '../ops/templates.js';
import type { TemplateParameters } from '../whatsapp/templates.js';
import { BODY_FAILURES, errorResponses, phoneParams } from './admin-schemas.js';

interface MediaLink {
  link: string;
  caption?: string;
  filename?: string;
}

interface ReplyBody {
  text?: string;
  template?: string;
  language?: string;
  parameters?: TemplateParameters;
  document?: MediaLink;
  image?: MediaLink;
  operator?: string;
}

/** An operator's image or document by public https link (uploads: the console's form). */
const mediaLink = (kind: 'image' | 'document') =>
  ({
    type: 'object',
    description:
      kind === 'image'
        ? 'an image (JPEG or PNG, at most 5 MB) by public https link'
        : "a document (PDF, TXT, DOC(X), XLS(X), PPT(X), at most 100 MB) by public https link; `filename` is what the client sees (default: the link's last segment)",
    properties: {
      link: { type: 'string', minLength: 1, maxLength: 2000, description: 'a public https:// address' },
      caption: { type: 'string', maxLength: 1024 },
      ...(kind === 'document' ? { filename: { type: 'string', minLength: 1, maxLength: 200 } } : {}),
    },
    required: ['link'],
    additionalProperties: false,
  }) as const;

const paramText = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const templateParameters = {
  type: 'object',
  description:
    "the template's variables: `header` (its variable, or the media link of an image/video/document header), `body` (by name, or an array by position), `buttons` (by button index: a URL's variable, a coupon code, a quick-reply payload)",
  properties: {
    header: paramText,
    body: {
      anyOf: [
        { type: 'array', items: paramText, maxItems: 100 },
        { type: 'object', additionalProperties: paramText },
      ],
    },
    buttons: { type: 'object', additionalProperties: paramText },
  },
  additionalProperties: false,
} as const;

const templateList = {
  type: 'object',
  properties: {
    fetched_at: { type: ['string', 'null'], format: 'date-time' },
    source: { type: 'string' },
    problem: { type: ['string', 'null'] },
    templates: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
  required: ['fetched_at', 'source', 'problem', 'templates'],
} as const;

/** Who the admin API acts as in the handoff log when the caller names no operator. */
export const API_ACTOR = 'admin-api';
export const operator = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  description: 'the operator id (e.g. e-mail or login)',
};

export const conversation = {
  type: 'object',
  properties: {
    phone: { type: 'string' },
    owner: { type: 'string', enum: ['bot', 'human'] },
    operator: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['open', 'pending', 'resolved'] },
    requested_at: { type: ['string', 'null'], format: 'date-time' },
    claimed_at: { type: ['string', 'null'], format: 'date-time' },
    last_inbound_at: { type: ['string', 'null'], format: 'date-time' },
    window_ms_left: { type: 'integer', description: 'free-form messages allowed for this long (24-hour window)' },
  },
  required: ['phone', 'owner', 'operator', 'status', 'window_ms_left'],
} as const;
const conflicts = errorResponses(400, 404, 409);
const bodyConflicts = errorResponses(...BODY_FAILURES, 404, 409);

/** GET conversations?status=…, POST conversations/:phone/assign | reply | resolve. */
export async function conversationRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get<{ Querystring: { status?: HandoffStatus; operator?: string; limit: number } }>(
    '/conversations',
    {
      schema: {
        summary: 'Conversations handed to people, by status (pending: oldest request first)',
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['open', 'pending', 'resolved'] },
            operator,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'array', items: conversation }, ...errorResponses(400) },
      },
    },
    async (req) => listConversations(deps.db, req.query, deps.clock.now()),
  );

  app.post<{ Params: { phone: string }; Body: { operator: string } }>(
    '/conversations/:phone/assign',
    {
      schema: {
        summary: 'Give the conversation to an operator (open, human-owned); 409 if another one owns it',
        params: phoneParams,
        body: { type: 'object', properties: { operator }, required: ['operator'], additionalProperties: false },
        response: { 200: conversation, ...bodyConflicts },
      },
    },
    async (req) => assignConversation(deps.db, req.params.phone, req.body.operator, API_ACTOR, deps.clock.now()),
  );

  app.post<{ Params: { phone: string }; Body: ReplyBody }>(
    '/conversations/:phone/reply',
    {
      schema: {
        summary:
          "Send a person's reply through the outbound queue: free-form `text`, a `document` or an `image` by link (409 WINDOW_CLOSED after 24 hours without a client message, OPTED_OUT to a client who sent STOP), or an approved `template` (allowed at any time)",
        params: phoneParams,
        body: {
          type: 'object',
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 4096 },
            template: { type: 'string', minLength: 1, maxLength: 512, description: 'an approved template name' },
            language: {
              type: 'string',
              minLength: 1,
              maxLength: 20,
              description: "the template's language code, e.g. en_US",
            },
            parameters: templateParameters,
            document: mediaLink('document'),
            image: mediaLink('image'),
            operator,
          },
          description: 'exactly one of text, template (with language), document or image',
          oneOf: [
            { required: ['text'] },
            { required: ['template', 'language'] },
            { required: ['document'] },
            { required: ['image'] },
          ],
          additionalProperties: false,
        },
        response: {
          202: { type: 'object', properties: { id: { type: 'integer' }, conversation }, required: ['id'] },
          ...bodyConflicts,
          ...errorResponses(502),
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const who = b.operator ?? API_ACTOR;
      const now = deps.clock.now();
      const result =
        b.template !== undefined
          ? await sendTemplateAsOperator(
              deps.db,
              deps.templates,
              req.params.phone,
              who,
              { template: b.template, language: b.language ?? '', parameters: b.parameters },
              now,
            )
          : b.document !== undefined || b.image !== undefined
            ? await sendMediaAsOperator(
                deps.db,
                deps.media,
                req.params.phone,
                who,
                {
                  source: b.document
                    ? { link: b.document.link, kind: 'document', filename: b.document.filename }
                    : { link: b.image!.link, kind: 'image' },
                  caption: (b.document ?? b.image)!.caption,
                },
                now,
              )
            : await replyAsOperator(deps.db, req.params.phone, who, b.text ?? '', now);
      req.log.info({ id: result.id, template: b.template ?? null }, 'admin API: operator reply queued');
      return reply.code(202).send(result);
    },
  );

  app.get<{ Querystring: { refresh: boolean } }>(
    '/templates',
    {
      schema: {
        summary: 'Message templates (cached; `refresh=true` reads them from Meta, or the sandbox file, again)',
        querystring: {
          type: 'object',
          properties: { refresh: { type: 'boolean', default: false } },
          additionalProperties: false,
        },
        response: { 200: templateList, ...errorResponses(400, 502) },
      },
    },
    async (req) => listTemplates(deps.db, deps.templates, { refresh: req.query.refresh }, deps.clock.now()),
  );

  app.post<{ Params: { phone: string } }>(
    '/conversations/:phone/resolve',
    {
      schema: {
        summary: 'Hand the conversation back to the bot (it answers the next client message with the menu)',
        params: phoneParams,
        response: { 200: conversation, ...conflicts },
      },
    },
    async (req) => resolveConversation(deps.db, req.params.phone, API_ACTOR, deps.clock.now()),
  );
}
