import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { getUserInfo, type UserInfo } from './get-user-info.js';
import { mediaOfMessages, type MediaView } from './media-files.js';
import { timelinePeople, type TimelinePeople } from './timeline-people.js';
import { parseJsonText } from './require-phone.js';

export interface ConversationSummary {
  phone: string;
  name: string | null;
  currentStep: string;
  optedOut: boolean;
  lastActivity: number | null;
}

/** People whose phone contains the digits typed, or whose profile or lead name contains the text; newest first. */
export async function searchConversations(
  db: Kysely<Database>,
  query: string,
  limit = 50,
): Promise<ConversationSummary[]> {
  const q = query.trim().toLowerCase();
  const digits = q.replace(/\D/g, '');
  let select = db
    .selectFrom('whatsapp_sessions as s')
    .leftJoin('whatsapp_leads as l', 'l.phone', 's.phone')
    .select(['s.phone', 's.profile_name', 'l.name', 's.current_step', 's.opted_out', 's.last_activity']);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) =>
      eb.or([
        ...(digits ? [eb('s.phone', 'like', `%${digits}%`)] : []),
        eb(sql<string>`lower(coalesce(s.profile_name, ''))`, 'like', sql<string>`${like} escape '\\'`),
        eb(sql<string>`lower(coalesce(l.name, ''))`, 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  const rows = await select.orderBy('s.last_activity', 'desc').orderBy('s.phone').limit(limit).execute();
  return rows.map((r) => ({
    phone: r.phone,
    name: r.name ?? r.profile_name,
    currentStep: r.current_step,
    optedOut: r.opted_out === 1,
    lastActivity: r.last_activity === null ? null : Number(r.last_activity),
  }));
}

/** What the user saw of an outbound message: its text plus the list rows or buttons it offered. */
export interface SeenChoices {
  kind: 'list' | 'buttons';
  label: string | null;
  options: string[];
}

interface InteractivePayload {
  interactive?: {
    type?: string;
    action?: {
      button?: string;
      buttons?: { reply?: { title?: string } }[];
      sections?: { title?: string; rows?: { title?: string; description?: string }[] }[];
    };
  };
}

export function choicesOf(payloadText: string): SeenChoices | null {
  const p = parseJsonText(payloadText) as InteractivePayload | null;
  const action = p?.interactive?.action;
  if (!action) return null;
  if (action.sections) {
    const options = action.sections.flatMap((s) =>
      (s.rows ?? []).map((r) => [r.title, r.description].filter(Boolean).join(' — ')),
    );
    return { kind: 'list', label: action.button ?? null, options };
  }
  if (action.buttons) return { kind: 'buttons', label: null, options: action.buttons.map((b) => b.reply?.title ?? '') };
  return null;
}

/** With who sent each person's message and the handoff transitions among the messages (timeline-people.ts). */
export interface Timeline extends UserInfo, TimelinePeople {
  choices: Map<number, SeenChoices>;
  /** The file each message carried (client documents and media), by message id. */
  media: Map<number, MediaView>;
}

/** One person's whole conversation (the latest `limit` messages), with the choices each menu offered. */
export async function getTimeline(db: Kysely<Database>, phone: string, limit = 500): Promise<Timeline> {
  const info = await getUserInfo(db, phone, { messages: limit });
  const ids = info.messages.filter((m) => m.direction === 'outgoing' && m.type === 'interactive').map((m) => m.id);
  const choices = new Map<number, SeenChoices>();
  if (ids.length > 0) {
    const rows = await db.selectFrom('whatsapp_messages').select(['id', 'payload']).where('id', 'in', ids).execute();
    for (const r of rows) {
      const c = choicesOf(r.payload);
      if (c) choices.set(Number(r.id), c);
    }
  }
  const media = await mediaOfMessages(
    db,
    info.messages.map((m) => m.id),
  );
  return { ...info, choices, media, ...(await timelinePeople(db, phone, info.messages)) };
}

/**
 * A fingerprint of everything the conversation page shows: it changes when a message arrives or is
 * queued, a status moves, the session steps or the lead changes. Polled by the live stream.
 */
export async function conversationVersion(db: Kysely<Database>, phone: string): Promise<string> {
  const [m, s, l, f, h] = await Promise.all([
    db
      .selectFrom('whatsapp_messages')
      .select((eb) => [eb.fn.max('updated_at').as('at'), eb.fn.countAll<number>().as('n')])
      .where('phone', '=', phone)
      .executeTakeFirst(),
    db.selectFrom('whatsapp_sessions').select('updated_at').where('phone', '=', phone).executeTakeFirst(),
    db.selectFrom('whatsapp_leads').select('updated_at').where('phone', '=', phone).executeTakeFirst(),
    // A client's file is fetched after its message arrived: the page shows it once it is stored.
    db
      .selectFrom('media_files')
      .select((eb) => eb.fn.max('updated_at').as('at'))
      .where('phone', '=', phone)
      .executeTakeFirst(),
    // A claim, an assignment, a resolve or a timeout shows in the timeline too.
    db
      .selectFrom('handoff_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('phone', '=', phone)
      .executeTakeFirst(),
  ]);
  return [m?.at ?? 0, m?.n ?? 0, s?.updated_at ?? 0, l?.updated_at ?? 0, f?.at ?? 0, h?.id ?? 0].map(String).join(':');
}
