// What users did in the conversation (the Signal of each step), stored for the dashboard and the score.
import type { Kysely } from 'kysely';
import type { Signal } from '../conversation/types.js';
import type { ConversationEventsTable, Database } from '../store/schema.js';
import type { Insertable } from 'kysely';

export type NewConversationEvent = Insertable<ConversationEventsTable>;

export function eventRows(phone: string, signals: readonly Signal[], at: number): NewConversationEvent[] {
  return signals.map((s) => {
    switch (s.kind) {
      case 'option':
        return { phone, kind: s.kind, value: String(s.option), created_at: at };
      case 'category':
        return { phone, kind: s.kind, value: s.category, created_at: at };
      case 'budget':
        return { phone, kind: s.kind, value: String(s.usd), created_at: at };
    }
  });
}

/** One statement for the whole group. */
export async function insertConversationEvents(
  trx: Kysely<Database>,
  rows: readonly NewConversationEvent[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('conversation_events')
      .values([...rows])
      .execute();
}
