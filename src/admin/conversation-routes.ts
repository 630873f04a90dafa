import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { HandoffStatus } from '../handoff/ownership.js';
import {
  assignConversation,
  listConversations,
  replyAsOperator,
  resolveConversation,
} from '../ops/handoff-conversations.js';
import { errorResponse, phoneParams } from './admin-schemas.js';

/** Who the admin API acts as in the handoff log when the caller names no operator. */
const API_ACTOR = 'admin-api';
const operator = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  description: 'the operator id (e.g. e-mail or login)',
};

const conversation = {
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
const conflicts = { 404: errorResponse, 400: errorResponse, 409: errorResponse };

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
        response: { 200: { type: 'array', items: conversation }, 400: errorResponse },
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
        response: { 200: conversation, ...conflicts },
      },
    },
    async (req) => assignConversation(deps.db, req.params.phone, req.body.operator, API_ACTOR, deps.clock.now()),
  );

  app.post<{ Params: { phone: string }; Body: { text: string; operator?: string } }>(
    '/conversations/:phone/reply',
    {
      schema: {
        summary:
          'Send a free-form reply as a person through the outbound queue; 409 WINDOW_CLOSED after 24 hours without a client message',
        params: phoneParams,
        body: {
          type: 'object',
          properties: { text: { type: 'string', minLength: 1, maxLength: 4096 }, operator },
          required: ['text'],
          additionalProperties: false,
        },
        response: {
          202: { type: 'object', properties: { id: { type: 'integer' }, conversation }, required: ['id'] },
          ...conflicts,
        },
      },
    },
    async (req, reply) => {
      const result = await replyAsOperator(
        deps.db,
        req.params.phone,
        req.body.operator ?? API_ACTOR,
        req.body.text,
        deps.clock.now(),
      );
      req.log.info({ id: result.id }, 'admin API: operator reply queued');
      return reply.code(202).send(result);
    },
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
