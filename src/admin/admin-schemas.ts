// JSON schemas of the admin API: Fastify validates requests and serialises responses with them, and
// @fastify/swagger turns them into the OpenAPI document.
import { MESSAGE_STATUSES } from '../ops/list-messages.js';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const nint = { type: ['integer', 'null'] } as const;
const bool = { type: 'boolean' } as const;

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...extra }) as const;

export const errorResponse = { type: 'object', properties: { error: str, message: str }, required: ['error'] } as const;

/** Any JSON value (stored payloads and metadata). */
const anyJson = {} as const;
/** A stored row, every column: for the data-subject export. */
const row = { type: 'object', additionalProperties: true } as const;

export const phoneParams = obj({
  phone: {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    description: 'as people write it: +971 50 123 4567, 00971…, 971…',
  },
});
export const nameParams = obj({ name: { type: 'string', minLength: 1, maxLength: 255 } });
const dateOrTime = {
  type: 'string',
  anyOf: [{ format: 'date' }, { format: 'date-time' }],
  description: '2024-02-01 or an ISO date-time',
} as const;
const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  // A ceiling: 1e300 or 2^63 would otherwise reach the database (500 on SQLite and PostgreSQL).
  offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
};

export const statsQuery = {
  type: 'object',
  properties: { days: { type: 'integer', minimum: 1, maximum: 3650, default: 7 } },
  additionalProperties: false,
} as const;
export const leadsQuery = {
  type: 'object',
  properties: {
    since: dateOrTime,
    until: dateOrTime,
    interest: { type: 'string', maxLength: 100 },
    format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
    ...paging,
  },
  additionalProperties: false,
} as const;
export const messagesQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: [...MESSAGE_STATUSES] },
    direction: { type: 'string', enum: ['incoming', 'outgoing'] },
    ...paging,
  },
  additionalProperties: false,
} as const;
export const retryQuery = { type: 'object', properties: { since: dateOrTime }, additionalProperties: false } as const;
export const userQuery = {
  type: 'object',
  properties: { messages: { type: 'integer', minimum: 0, maximum: 1000, default: 50 } },
  additionalProperties: false,
} as const;

export const statsResponse = obj({
  days: int,
  since: str,
  generatedAt: str,
  users: obj({ total: int, activeInPeriod: int, activeSessions: int, optedOut: int }),
  messages: obj({ incoming: int, outgoing: int, outgoingFailed: int, inboundPending: int, outboundQueued: int }),
  leads: obj({ total: int, newInPeriod: int }),
  notifications: obj({ pending: int, failed: int }),
});

export const leadSchema = obj({
  id: int,
  phone: str,
  name: nstr,
  email: nstr,
  interest: nstr,
  budget: nint,
  countryOfInterest: nstr,
  notes: nstr,
  createdAt: str,
  updatedAt: str,
});
const page = (key: string, item: unknown) =>
  obj({ total: int, limit: int, offset: int, [key]: { type: 'array', items: item } });
export const leadsResponse = page('leads', leadSchema);

const messageFields = {
  id: int,
  direction: { type: 'string', enum: ['incoming', 'outgoing'] },
  type: str,
  text: str,
  at: str,
  status: str,
  wamid: nstr,
  error: nstr,
};
export const messageSchema = obj(messageFields);
export const messagesResponse = page('messages', obj({ ...messageFields, phone: str, attempts: int, updatedAt: str }));

const sessionSchema = obj({
  currentStep: str,
  isActive: bool,
  optedOut: bool,
  profileName: nstr,
  bsuid: nstr,
  username: nstr,
  countryOfInterest: nstr,
  metadata: anyJson,
  createdAt: str,
  lastActivity: nstr,
  lastInboundAt: nstr,
});
export const userResponse = obj({
  phone: str,
  session: { anyOf: [sessionSchema, { type: 'null' }] },
  lead: { anyOf: [leadSchema, { type: 'null' }] },
  totals: obj({ incoming: int, outgoing: int }),
  messages: { type: 'array', items: messageSchema },
});
export const exportResponse = obj({
  format: str,
  exportedAt: str,
  phone: str,
  session: { anyOf: [row, { type: 'null' }] },
  lead: { anyOf: [row, { type: 'null' }] },
  messages: { type: 'array', items: row },
  statuses: { type: 'array', items: row },
  notifications: { type: 'array', items: row },
});
const counts = obj({ sessions: int, messages: int, statuses: int, leads: int, notifications: int });
export const deleteResponse = obj({ phone: str, deleted: counts, auditId: int });
export const retryResponse = obj({ messages: int, notifications: int });

const programFields = {
  country: { type: 'string', minLength: 1, maxLength: 100 },
  category: { type: 'string', minLength: 1, maxLength: 50 },
  name: { type: 'string', minLength: 1, maxLength: 255 },
  description: { type: 'string', maxLength: 2000 },
  minimum_investment: { type: 'integer', minimum: 1, description: 'whole USD' },
  processing_time: { type: 'string', maxLength: 100 },
  link: { type: 'string', format: 'uri', maxLength: 500 },
  rank: { type: 'integer', minimum: 1 },
};
const { name: _name, ...changeable } = programFields;
export const programBody = {
  type: 'object',
  properties: programFields,
  required: ['country', 'category', 'name', 'minimum_investment', 'link', 'rank'],
  additionalProperties: false,
} as const;
export const programPatchBody = {
  type: 'object',
  properties: changeable,
  minProperties: 1,
  additionalProperties: false,
} as const;
export const programSchema = obj({ id: int, ...programFields, created_at: str, updated_at: str });
export const programsResponse = { type: 'array', items: programSchema } as const;
