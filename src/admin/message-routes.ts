import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { listMessages, type MessageStatus } from '../ops/list-messages.js';
import { retryFailed } from '../ops/retry-failed.js';
import { errorResponses, messagesQuery, messagesResponse, retryQuery, retryResponse } from './admin-schemas.js';

/** GET messages?status=…, POST messages/retry-failed. */
export async function messageRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get<{
    Querystring: { status?: MessageStatus; direction?: 'incoming' | 'outgoing'; limit: number; offset: number };
  }>(
    '/messages',
    {
      schema: {
        summary: 'Messages by status (e.g. status=failed), most recently changed first',
        querystring: messagesQuery,
        response: { 200: messagesResponse, ...errorResponses(400) },
      },
    },
    async (req) => listMessages(deps.db, req.query),
  );

  app.post<{ Querystring: { since?: string } }>(
    '/messages/retry-failed',
    {
      schema: {
        summary:
          'Requeue failed outbound messages and failed notifications (optionally only those that failed since a time)',
        querystring: retryQuery,
        response: { 200: retryResponse, ...errorResponses(400) },
      },
    },
    async (req) => {
      const since = req.query.since === undefined ? undefined : Date.parse(req.query.since);
      if (since !== undefined && Number.isNaN(since))
        throw new AppError('VALIDATION_FAILED', 'since is not a date', { field: 'since' });
      const result = await retryFailed(deps.db, since === undefined ? {} : { since }, deps.clock.now());
      req.log.info(result, 'admin API: failed work requeued');
      return result;
    },
  );
}
