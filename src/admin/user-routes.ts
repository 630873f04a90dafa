import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { deleteUser } from '../ops/delete-user.js';
import { exportUser } from '../ops/export-user.js';
import { getUserInfo } from '../ops/get-user-info.js';
import {
  deleteResponse,
  errorResponses,
  exportResponse,
  phoneParams,
  userQuery,
  userResponse,
} from './admin-schemas.js';

type PhoneRoute = { Params: { phone: string } };
const failures = errorResponses(400, 404);

/** GET users/:phone, GET users/:phone/export, DELETE users/:phone. */
export async function userRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get<PhoneRoute & { Querystring: { messages: number } }>(
    '/users/:phone',
    {
      schema: {
        summary: 'Session (with opt-out), lead and latest messages of one person',
        params: phoneParams,
        querystring: userQuery,
        response: { 200: userResponse, ...failures },
      },
    },
    async (req) => getUserInfo(deps.db, req.params.phone, { messages: req.query.messages }),
  );

  app.get<PhoneRoute>(
    '/users/:phone/export',
    {
      schema: {
        summary: 'Everything stored about one person (data-subject access request)',
        params: phoneParams,
        response: { 200: exportResponse, ...failures },
      },
    },
    async (req, reply) => {
      const data = await exportUser(deps.db, req.params.phone, deps.clock.now());
      req.log.info({ action: 'export_user' }, 'admin API: user data exported');
      return reply.header('content-disposition', `attachment; filename="user-export-${data.phone}.json"`).send(data);
    },
  );

  app.delete<PhoneRoute>(
    '/users/:phone',
    {
      schema: {
        summary: 'Erase everything stored about one person; leaves an anonymous audit row',
        params: phoneParams,
        response: { 200: deleteResponse, ...failures },
      },
    },
    async (req) => {
      const result = await deleteUser(deps.db, req.params.phone, 'api', deps.clock.now(), deps.media);
      req.log.info({ action: 'delete_user', auditId: result.auditId }, 'admin API: user deleted');
      return result;
    },
  );
}
