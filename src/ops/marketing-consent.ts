// May this user be sent a marketing template? The template sender (ops/templates.ts) asks here before
// every marketing send (a utility or service message does not need to).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { requireUserKey } from './require-phone.js';

export interface MarketingConsent {
  allowed: boolean;
  /** Why not: the user typed or tapped STOP, or told WhatsApp to stop marketing messages (`user_preferences`). */
  reason: 'opted_out' | 'marketing_stopped' | null;
  /** Meta's time of the latest preference change, when there was one. */
  preferenceChangedAt: number | null;
}

export async function getMarketingConsent(db: Kysely<Database>, phoneInput: string): Promise<MarketingConsent> {
  const phone = await requireUserKey(db, phoneInput);
  const [session, preference] = await Promise.all([
    db.selectFrom('whatsapp_sessions').select('opted_out').where('phone', '=', phone).executeTakeFirst(),
    db
      .selectFrom('marketing_preferences')
      .select(['marketing_stopped', 'changed_at'])
      .where('phone', '=', phone)
      .executeTakeFirst(),
  ]);
  const changedAt = preference ? Number(preference.changed_at) : null;
  if (session?.opted_out === 1) return { allowed: false, reason: 'opted_out', preferenceChangedAt: changedAt };
  if (preference?.marketing_stopped === 1)
    return { allowed: false, reason: 'marketing_stopped', preferenceChangedAt: changedAt };
  return { allowed: true, reason: null, preferenceChangedAt: changedAt };
}

/** Every marketing template send checks this first. */
export async function isMarketingAllowed(db: Kysely<Database>, phone: string): Promise<boolean> {
  return (await getMarketingConsent(db, phone)).allowed;
}
