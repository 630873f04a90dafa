import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { AdminGuard } from './admin-auth.js';
import { errorSchema } from './admin-schemas.js';
import { conversationRoutes } from './conversation-routes.js';
import { quickRoutes } from './quick-routes.js';
import { leadRoutes } from './lead-routes.js';
import { mediaRoutes } from './media-routes.js';
import { messageRoutes } from './message-routes.js';
import { programRoutes } from './program-routes.js';
import { reportRoutes } from './report-routes.js';
import { userRoutes } from './user-routes.js';

/**
 * The admin API, registered under /admin/api. Every route, the OpenAPI document included, needs
 * `Authorization: Bearer $ADMIN_TOKEN`: the document describes the personal data the API serves, so
 * it is not published. The routes only translate HTTP to the shared operations in src/ops/.
 */
export async function adminRoutes(app: FastifyInstance, deps: Deps, guard: AdminGuard): Promise<void> {
  app.addHook('onRequest', guard);
  app.addSchema(errorSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Nexora bot admin API',
        version: '1.0.0',
        description:
          'Statistics, leads, users (access and erasure), failed messages, program catalogue, conversations handed to people.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
    },
    // Shared schemas keep their $id as their name: the error body is #/components/schemas/Error.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}`,
    },
  });
  await reportRoutes(app, deps);
  leadRoutes(app, deps);
  await userRoutes(app, deps);
  await messageRoutes(app, deps);
  await programRoutes(app, deps);
  await conversationRoutes(app, deps);
  await app.register(mediaRoutes, { deps });
  await quickRoutes(app, deps);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
