import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface UserStats {
  phone: string;
  messages: { incoming: number; outgoing: number };
  firstSeen: string | null;
  lastActivity: string | null;
  currentStep: string | null;
  optedOut: boolean;
  hasLead: boolean;
}

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

export async function userStats(db: Kysely<Database>, phone: string): Promise<UserStats | null> {
  const counts = await db
    .selectFrom('whatsapp_messages')
    .select(['direction', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('timestamp').as('first')])
    .where('phone', '=', phone)
    .where('type', '<>', 'read')
    .groupBy('direction')
    .execute();
  const session = await db.selectFrom('whatsapp_sessions').selectAll().where('phone', '=', phone).executeTakeFirst();
  if (counts.length === 0 && !session) return null;
  const lead = await db.selectFrom('whatsapp_leads').select('id').where('phone', '=', phone).executeTakeFirst();
  const incoming = counts.find((c) => c.direction === 'incoming');
  const outgoing = counts.find((c) => c.direction === 'outgoing');
  return {
    phone,
    messages: { incoming: Number(incoming?.n ?? 0), outgoing: Number(outgoing?.n ?? 0) },
    firstSeen: iso(incoming ? Number(incoming.first) : null),
    lastActivity: iso(session?.last_activity),
    currentStep: session?.current_step ?? null,
    optedOut: session?.opted_out === 1,
    hasLead: lead !== undefined,
  };
}
