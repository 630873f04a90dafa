import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const DAY = sql.lit(86_400_000);

/**
 * Drops the dashboard's stored days (migration 041) that counted this person: the days of their
 * messages and conversation events, and their cohort day. Called before their rows are deleted or
 * moved to another key; the dashboard then computes those days from what remains, and the roll-up
 * job stores them again.
 */
export async function forgetDaysOf(db: Kysely<Database>, phone: string): Promise<void> {
  await db
    .deleteFrom('dashboard_days')
    .where((eb) =>
      eb.or([
        eb(
          'day',
          'in',
          eb
            .selectFrom('whatsapp_messages')
            .select(sql<number>`"timestamp" / ${DAY}`.as('day'))
            .where('phone', '=', phone),
        ),
        eb(
          'day',
          'in',
          eb
            .selectFrom('conversation_events')
            .select(sql<number>`created_at / ${DAY}`.as('day'))
            .where('phone', '=', phone),
        ),
      ]),
    )
    .execute();
  await db
    .deleteFrom('dashboard_cohorts')
    .where(
      'day',
      'in',
      db
        .selectFrom('whatsapp_sessions')
        .select(sql<number>`created_at / ${DAY}`.as('day'))
        .where('phone', '=', phone),
    )
    .execute();
}
