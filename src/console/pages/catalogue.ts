import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../../ops/audit.js';
import {
  addProgram,
  listProgramsOp,
  ProgramValidationError,
  removeProgram,
  updateProgram,
  type CatalogueRules,
  type ProgramInput,
} from '../../ops/programs.js';
import { hasRole, requireRole, sessionOf } from '../auth/guard.js';

type ProgramForm = Partial<Record<keyof ProgramInput | '_csrf', string>>;

export const PROGRAM_FIELDS = [
  { name: 'name', label: 'Name', type: 'text', required: true },
  { name: 'country', label: 'Country', type: 'text', required: true },
  { name: 'category', label: 'Category (as the menu names it)', type: 'text', required: true },
  { name: 'minimum_investment', label: 'Minimum investment (whole USD)', type: 'number', required: true },
  { name: 'rank', label: 'Rank within the category (1 = first)', type: 'number', required: true },
  { name: 'processing_time', label: 'Processing time', type: 'text', required: false },
  { name: 'link', label: 'Link (https://)', type: 'url', required: true },
  { name: 'description', label: 'Description', type: 'text', required: false },
] as const;

/** A whole number typed in a form; anything else goes to the validator as text, which names the field. */
const wholeNumber = (v: string | undefined) => {
  const t = (v ?? '').trim().replace(/[\s,]/g, '');
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : t;
};

function inputOf(body: ProgramForm): ProgramInput {
  const text = (v: string | undefined) => (v ?? '').trim();
  return {
    name: text(body.name),
    country: text(body.country),
    category: text(body.category),
    description: text(body.description),
    minimum_investment: wholeNumber(body.minimum_investment) as number,
    processing_time: text(body.processing_time),
    link: text(body.link),
    rank: wholeNumber(body.rank) as number,
  };
}

/** The catalogue: everyone reads it; only an admin adds, edits or removes (the same ops as the CLI). */
export function cataloguePages(app: FastifyInstance, deps: Deps): void {
  const admin = { preHandler: requireRole('admin') };
  const rules = (): CatalogueRules => ({ allowHttpLinks: deps.config.env === 'development' });

  async function showList(req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const session = sessionOf(req);
    return reply.view('catalogue.eta', {
      title: 'Catalogue',
      nav: '/console/catalogue',
      session,
      programs: await listProgramsOp(deps.db),
      canEdit: hasRole(session, 'admin'),
      fields: PROGRAM_FIELDS,
      values: {},
      errors: {},
      notice: null,
      ...extra,
    });
  }

  function showForm(req: FastifyRequest, reply: FastifyReply, editing: string, values: object, errors: object) {
    return reply.view('program-edit.eta', {
      title: `Edit ${editing}`,
      nav: '/console/catalogue',
      session: sessionOf(req),
      editing,
      fields: PROGRAM_FIELDS.filter((f) => f.name !== 'name'),
      values,
      errors,
    });
  }

  /** Field errors for the form; any other refusal (a duplicate name, say) is shown above it. */
  function errorsOf(err: unknown): Record<string, string> {
    if (err instanceof ProgramValidationError) return err.fields;
    // A duplicate name is a CONFLICT on `name`; a refusal that names its field is shown next to it.
    if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'CONFLICT'))
      return err.field ? { [err.field]: err.message } : { _form: err.message };
    throw err;
  }

  const audit = (req: FastifyRequest, action: string, name: string) =>
    recordAudit(
      deps.db,
      { operatorId: Number(sessionOf(req).operator.id), action, subject: name.slice(0, 200) },
      deps.clock.now(),
    );

  app.get<{ Querystring: { saved?: string } }>('/console/catalogue', async (req, reply) => {
    const saved = String(req.query.saved ?? '');
    return showList(req, reply, { notice: saved ? `Saved: ${saved.slice(0, 200)}` : null });
  });

  app.post<{ Body: ProgramForm }>('/console/catalogue', admin, async (req, reply) => {
    const input = inputOf(req.body);
    try {
      await addProgram(deps.db, input, deps.clock.now(), rules());
    } catch (err) {
      reply.code(400);
      return showList(req, reply, { values: req.body, errors: errorsOf(err) });
    }
    deps.programs.invalidate();
    await audit(req, 'program_added', input.name);
    return reply.redirect(`/console/catalogue?saved=${encodeURIComponent(input.name)}`, 303);
  });

  app.get<{ Params: { name: string } }>('/console/catalogue/:name/edit', admin, async (req, reply) => {
    const program = (await listProgramsOp(deps.db)).find((p) => p.name === req.params.name);
    if (!program) throw new AppError('NOT_FOUND', 'there is no program with that name');
    return showForm(req, reply, program.name, program, {});
  });

  app.post<{ Params: { name: string }; Body: ProgramForm }>('/console/catalogue/:name', admin, async (req, reply) => {
    const name = req.params.name;
    const { name: _ignored, ...patch } = inputOf(req.body);
    try {
      await updateProgram(deps.db, name, patch, deps.clock.now(), rules());
    } catch (err) {
      reply.code(400);
      return showForm(req, reply, name, req.body, errorsOf(err));
    }
    deps.programs.invalidate();
    await audit(req, 'program_updated', name);
    return reply.redirect(`/console/catalogue?saved=${encodeURIComponent(name)}`, 303);
  });

  app.post<{ Params: { name: string } }>('/console/catalogue/:name/remove', admin, async (req, reply) => {
    await removeProgram(deps.db, req.params.name);
    deps.programs.invalidate();
    await audit(req, 'program_removed', req.params.name);
    return showList(req, reply, { notice: `Removed: ${req.params.name}` });
  });
}
