import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { parseQuickAction, sendQuickAction } from '../ops/quick-actions.js';
import { BODY_FAILURES, errorResponses, phoneParams } from './admin-schemas.js';
import { API_ACTOR, conversation, operator } from './conversation-routes.js';

interface QuickBody {
  quick: 'brochure' | 'booking' | 'program';
  program?: number;
  operator?: string;
}

/** POST conversations/:phone/quick: what the console's quick-action buttons send, for a CRM. */
export async function quickRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.post<{ Params: { phone: string }; Body: QuickBody }>(
    '/conversations/:phone/quick',
    {
      schema: {
        summary:
          "Send what the bot would: the brochure (a document), the booking link, or a program's card, in the client's language, through the outbound queue as a person's reply (409 WINDOW_CLOSED after 24 hours without a client message, OPTED_OUT to a client who sent STOP)",
        params: phoneParams,
        body: {
          type: 'object',
          properties: {
            quick: { type: 'string', enum: ['brochure', 'booking', 'program'] },
            program: {
              type: 'integer',
              minimum: 1,
              description: "the program's id (GET /programs), with quick=program",
            },
            operator,
          },
          required: ['quick'],
          if: { properties: { quick: { const: 'program' } } },
          then: { required: ['program'] },
          else: { not: { required: ['program'] } },
          additionalProperties: false,
        },
        response: {
          202: { type: 'object', properties: { id: { type: 'integer' }, conversation }, required: ['id'] },
          ...errorResponses(...BODY_FAILURES, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const action = parseQuickAction(b.quick, b.program);
      const result = await sendQuickAction(
        deps.db,
        req.params.phone,
        b.operator ?? API_ACTOR,
        action,
        deps.config,
        deps.clock.now(),
      );
      req.log.info({ id: result.id, quick: action.kind }, 'admin API: quick action queued');
      return reply.code(202).send(result);
    },
  );
}
