import type { Kysely } from 'kysely';
import { findStateValue } from './fixed-sql.js';
import type { Database } from './schema.js';

/** Small shared facts every instance must agree on (sending paused, token known bad, rate window). */
export async function readState<T>(db: Kysely<Database>, key: string): Promise<T | undefined> {
  const value = await findStateValue(db, key);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

export async function writeState(db: Kysely<Database>, key: string, value: unknown, now: number): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('service_state')
    .values({ key, value: text, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
    .execute();
}

export async function deleteState(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('service_state').where('key', '=', key).execute();
}

export const STATE_TOKEN_INVALID = 'token_invalid';
export const STATE_SEND_PAUSED_UNTIL = 'send_paused_until';
export const STATE_SEND_WINDOW = 'send_window';
/** The adaptive send rate after Meta's throttling (pipeline/adaptive-rate.ts). */
export const STATE_SEND_RATE = 'send_rate';
/** The circuit breaker over Meta's availability (pipeline/send-breaker.ts). */
export const STATE_SEND_BREAKER = 'send_breaker';

export interface TokenInvalidState {
  fingerprint: string;
  code: number | null;
  title: string;
  at: number;
}
