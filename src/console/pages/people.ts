import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { operatorActor, recordAudit } from '../../ops/audit.js';
import { deleteUser } from '../../ops/delete-user.js';
import { exportUser } from '../../ops/export-user.js';
import { requireUserKey } from '../../ops/require-phone.js';
import { isBsuid, normalizePhone } from '../../lib/phone.js';
import { requireRole, sessionOf } from '../auth/guard.js';

interface DeleteBody {
  confirm?: string;
}

/** Data protection: export and erase one person, admin only, with the same ops as export-user/delete-user. */
export function peoplePages(app: FastifyInstance, deps: Deps): void {
  const admin = { preHandler: requireRole('admin') };

  app.get<{ Params: { phone: string } }>('/console/people/:phone', admin, async (req, reply) => {
    const phone = await requireUserKey(deps.db, req.params.phone);
    return reply.view('person.eta', { title: 'Data protection', phone, error: null, session: sessionOf(req) });
  });

  app.post<{ Params: { phone: string } }>('/console/people/:phone/export', admin, async (req, reply) => {
    const session = sessionOf(req);
    const phone = await requireUserKey(deps.db, req.params.phone);
    const data = await exportUser(deps.db, phone, deps.clock.now());
    await recordAudit(
      deps.db,
      { operatorId: Number(session.operator.id), action: 'export_user', subject: phone },
      deps.clock.now(),
    );
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="user-${phone}.json"`)
      .send(JSON.stringify(data, null, 2));
  });

  app.post<{ Params: { phone: string }; Body: DeleteBody }>(
    '/console/people/:phone/delete',
    admin,
    async (req, reply) => {
      const session = sessionOf(req);
      const phone = await requireUserKey(deps.db, req.params.phone);
      // The operator types the user key again: a deletion cannot be undone. A phone number may be
      // typed as people write it (+, spaces); a username user's id (BSUID) exactly as shown.
      if (normalizePhone(String(req.body.confirm ?? '')) !== phone) {
        return reply.code(400).view('person.eta', {
          title: 'Data protection',
          phone,
          error: `Type the ${isBsuid(phone) ? 'user id' : 'phone number'} exactly as shown to confirm the deletion. Nothing was deleted.`,
          session,
        });
      }
      const result = await deleteUser(
        deps.db,
        phone,
        operatorActor(Number(session.operator.id)),
        deps.clock.now(),
        deps.media,
      );
      return reply.view('deleted.eta', { title: 'Deleted', result, session });
    },
  );
}
