import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** How an operator appears in the audit log's `actor` column. */
export function operatorActor(operatorId: number): `operator:${number}` {
  return `operator:${operatorId}`;
}

/**
 * Records that an operator read or changed personal data: who, what, about whom. The subject is a user
 * key (phone) or an operator's id; the details never hold message bodies.
 */
export async function recordAudit(
  db: Kysely<Database>,
  entry: { operatorId: number; action: string; subject: string; details?: Record<string, unknown> },
  now: number,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      actor: operatorActor(entry.operatorId),
      details: JSON.stringify({ subject: entry.subject, ...entry.details }),
      created_at: now,
    })
    .execute();
}
