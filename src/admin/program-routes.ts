import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import {
  addProgram,
  listProgramsOp,
  removeProgram,
  updateProgram,
  type CatalogueRules,
  type ProgramInput,
} from '../ops/programs.js';
import {
  BODY_FAILURES,
  errorResponses,
  nameParams,
  programBody,
  programPatchBody,
  programSchema,
  programsResponse,
} from './admin-schemas.js';

type NameRoute = { Params: { name: string } };

/** GET/POST programs, PUT/DELETE programs/:name. Every change refreshes this instance's catalogue cache. */
export async function programRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get(
    '/programs',
    { schema: { summary: 'The program catalogue', response: { 200: programsResponse, ...errorResponses() } } },
    async () => listProgramsOp(deps.db),
  );

  app.post<{ Body: ProgramInput }>(
    '/programs',
    {
      schema: {
        summary: 'Add a program',
        body: programBody,
        response: { 201: programSchema, ...errorResponses(...BODY_FAILURES, 409) },
      },
    },
    async (req, reply) => {
      const added = await addProgram(deps.db, req.body, deps.clock.now(), catalogueRules(deps));
      deps.programs.invalidate();
      return reply.code(201).send(added);
    },
  );

  app.put<NameRoute & { Body: Partial<Omit<ProgramInput, 'name'>> }>(
    '/programs/:name',
    {
      schema: {
        summary: 'Change fields of a program (by name)',
        params: nameParams,
        body: programPatchBody,
        response: { 200: programSchema, ...errorResponses(...BODY_FAILURES, 404) },
      },
    },
    async (req) => {
      const updated = await updateProgram(deps.db, req.params.name, req.body, deps.clock.now(), catalogueRules(deps));
      deps.programs.invalidate();
      return updated;
    },
  );

  app.delete<NameRoute>(
    '/programs/:name',
    {
      schema: {
        summary: 'Remove a program (by name)',
        params: nameParams,
        response: { 204: { type: 'null' }, ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      await removeProgram(deps.db, req.params.name);
      deps.programs.invalidate();
      return reply.code(204).send();
    },
  );
}

function catalogueRules(deps: Deps): CatalogueRules {
  return { allowHttpLinks: deps.config.env === 'development' };
}
