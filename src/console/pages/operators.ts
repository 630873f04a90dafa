import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../ops/audit.js';
import { addOperator, listOperators, resetOperatorPassword, setOperatorDisabled } from '../../ops/operators.js';
import { requireRole, sessionOf } from '../auth/guard.js';

interface AddBody {
  email?: string;
  display_name?: string;
  role?: string;
  password?: string;
}
interface EmailBody {
  email?: string;
  password?: string;
}

/** Operators: admin only, the same ops as `operators add|list|disable|enable|reset-password`. */
export function operatorPages(app: FastifyInstance, deps: Deps): void {
  const admin = { preHandler: requireRole('admin') };
  const page = async (req: Parameters<typeof sessionOf>[0], notice: string | null, error: string | null) => ({
    title: 'Operators',
    nav: '/console/operators',
    operators: await listOperators(deps.db),
    notice,
    error,
    session: sessionOf(req),
  });
  const audit = (req: Parameters<typeof sessionOf>[0], action: string, subject: string) =>
    recordAudit(deps.db, { operatorId: Number(sessionOf(req).operator.id), action, subject }, deps.clock.now());

  app.get('/console/operators', admin, async (req, reply) => reply.view('operators.eta', await page(req, null, null)));

  app.post<{ Body: AddBody }>('/console/operators', admin, async (req, reply) => {
    const b = req.body;
    try {
      const op = await addOperator(
        deps.db,
        {
          email: b.email ?? '',
          display_name: b.display_name ?? '',
          role: b.role as 'viewer',
          password: b.password ?? '',
        },
        deps.clock.now(),
      );
      await audit(req, 'add_operator', `operator:${op.id}`);
      return reply.view('operators.eta', await page(req, `Added ${op.email} as ${op.role}.`, null));
    } catch (err) {
      return reply.code(400).view('operators.eta', await page(req, null, (err as Error).message));
    }
  });

  app.post<{ Body: EmailBody }>('/console/operators/disable', admin, async (req, reply) => {
    const email = String(req.body.email ?? '');
    if (email.trim().toLowerCase() === sessionOf(req).operator.email) {
      return reply.code(400).view('operators.eta', await page(req, null, 'You cannot disable yourself.'));
    }
    const op = await setOperatorDisabled(deps.db, email, true);
    await audit(req, 'disable_operator', `operator:${op.id}`);
    return reply.view('operators.eta', await page(req, `Disabled ${op.email}; their sessions have ended.`, null));
  });

  app.post<{ Body: EmailBody }>('/console/operators/enable', admin, async (req, reply) => {
    const op = await setOperatorDisabled(deps.db, String(req.body.email ?? ''), false);
    await audit(req, 'enable_operator', `operator:${op.id}`);
    return reply.view('operators.eta', await page(req, `Enabled ${op.email}; they can sign in again.`, null));
  });

  app.post<{ Body: EmailBody }>('/console/operators/reset-password', admin, async (req, reply) => {
    try {
      const op = await resetOperatorPassword(deps.db, String(req.body.email ?? ''), String(req.body.password ?? ''));
      await audit(req, 'reset_operator_password', `operator:${op.id}`);
      return reply.view('operators.eta', await page(req, `New password set for ${op.email}.`, null));
    } catch (err) {
      return reply.code(400).view('operators.eta', await page(req, null, (err as Error).message));
    }
  });
}
