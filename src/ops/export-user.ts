import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { parseJsonText, requireUserKey, unknownUser } from './require-phone.js';

type Row = Record<string, unknown>;

export interface UserExport {
  format: 'nexora-user-export/1';
  exportedAt: string;
  phone: string;
  session: Row | null;
  lead: Row | null;
  messages: Row[];
  statuses: Row[];
  notifications: Row[];
  /** The lead's history: submissions, status changes, assignments, notes. */
  leadEvents: Row[];
  /** What the person did in the conversation (menu options, categories, budgets). */
  conversationEvents: Row[];
  /** Their marketing preference as WhatsApp reported it (`user_preferences`), when one was. */
  marketingPreference: Row | null;
  /** Notices Meta sent about them (marketing preference changes). */
  webhookEvents: Row[];
  /**
   * Their documents and media: each file's type, name, size and SHA-256 and what became of it. The
   * bytes stay under MEDIA_DIR (`storage_key`); an operator hands them over from there or the console.
   */
  files: Row[];
}

export type ProgressFn = (p: { step: string; done: number; total: number }) => void;

const TIME_COLUMN = /(_at|^timestamp|^last_activity)$/;
const JSON_COLUMN_EXTRA = new Set(['referral']);
const JSON_COLUMN = new Set(['payload', 'metadata', 'details', 'score_reasons']);

/** Every column as stored, with epoch-ms times as ISO text and stored JSON as JSON, for a person to read. */
function readable(row: object): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'number' && TIME_COLUMN.test(k)) out[k] = new Date(v).toISOString();
    else if (typeof v === 'string' && (JSON_COLUMN.has(k) || JSON_COLUMN_EXTRA.has(k))) out[k] = parseJsonText(v);
    else out[k] = v;
  }
  return out;
}

/**
 * Everything stored about one person (data-subject access request): session, lead, every message in
 * both directions with its payload, the delivery statuses of those messages and the notifications
 * about them. Messages are read in batches, reporting progress.
 */
export async function exportUser(
  db: Kysely<Database>,
  phoneInput: string,
  now: number,
  opts: { onProgress?: ProgressFn; batchSize?: number } = {},
): Promise<UserExport> {
  const phone = await requireUserKey(db, phoneInput);
  const batchSize = opts.batchSize ?? 500;
  const session = await db.selectFrom('whatsapp_sessions').selectAll().where('phone', '=', phone).executeTakeFirst();
  const lead = await db.selectFrom('whatsapp_leads').selectAll().where('phone', '=', phone).executeTakeFirst();
  const leadEvents = lead
    ? await db.selectFrom('lead_events').selectAll().where('lead_id', '=', lead.id).orderBy('id').execute()
    : [];
  const conversationEvents = await db
    .selectFrom('conversation_events')
    .selectAll()
    .where('phone', '=', phone)
    .orderBy('id')
    .execute();
  const marketingPreference = await db
    .selectFrom('marketing_preferences')
    .selectAll()
    .where('phone', '=', phone)
    .executeTakeFirst();
  const webhookEvents = await db
    .selectFrom('webhook_events')
    .selectAll()
    .where('phone', '=', phone)
    .orderBy('id')
    .execute();
  const files = await db.selectFrom('media_files').selectAll().where('phone', '=', phone).orderBy('id').execute();
  const notifications = await db
    .selectFrom('notifications')
    .selectAll()
    .where('phone', '=', phone)
    .orderBy('id')
    .execute();
  const total = Number(
    (
      await db
        .selectFrom('whatsapp_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('phone', '=', phone)
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (!session && !lead && total === 0 && notifications.length === 0 && files.length === 0) throw unknownUser(phone);

  const { messages, statuses } = await readMessagesAndStatuses(db, phone, total, batchSize, opts.onProgress);
  return {
    format: 'nexora-user-export/1',
    exportedAt: new Date(now).toISOString(),
    phone,
    session: session ? readable(session) : null,
    lead: lead ? readable(lead) : null,
    messages,
    statuses,
    notifications: notifications.map(readable),
    leadEvents: leadEvents.map(readable),
    conversationEvents: conversationEvents.map(readable),
    marketingPreference: marketingPreference ? readable(marketingPreference) : null,
    webhookEvents: webhookEvents.map(readable),
    files: files.map(readable),
  };
}

async function readMessagesAndStatuses(
  db: Kysely<Database>,
  phone: string,
  total: number,
  batchSize: number,
  onProgress?: ProgressFn,
) {
  const messages: Row[] = [];
  const statuses = new Map<number, Row>();
  for (let afterId = 0; ;) {
    const batch = await db
      .selectFrom('whatsapp_messages')
      .selectAll()
      .where('phone', '=', phone)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    const wamids = batch.map((m) => m.message_id).filter((w): w is string => w !== null);
    if (wamids.length > 0) {
      for (const s of await db.selectFrom('whatsapp_statuses').selectAll().where('message_id', 'in', wamids).execute())
        statuses.set(s.id, readable(s));
    }
    messages.push(...batch.map(readable));
    onProgress?.({ step: 'messages', done: messages.length, total });
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) break;
    afterId = last.id;
  }
  // Statuses Meta sent for this recipient whose message we no longer (or never) stored.
  for (const s of await db.selectFrom('whatsapp_statuses').selectAll().where('recipient_id', '=', phone).execute()) {
    if (!statuses.has(s.id)) statuses.set(s.id, readable(s));
  }
  return { messages, statuses: [...statuses.values()].sort((a, b) => Number(a.id) - Number(b.id)) };
}
