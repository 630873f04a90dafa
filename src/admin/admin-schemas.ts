// JSON schemas of the admin API: Fastify validates requests and serialises responses with them, and
// @fastify/swagger turns them into the OpenAPI document.
import { ERROR_CODES } from '../errors.js';
import { USER_MESSAGES_MAX } from '../ops/get-user-info.js';
import { FIXED_INTERESTS } from '../ops/lead-interests.js';
import { MESSAGE_STATUSES } from '../ops/list-messages.js';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const nint = { type: ['integer', 'null'] } as const;
const bool = { type: 'boolean' } as const;

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...extra }) as const;

/** The one error body (src/errors.ts), a shared component of the OpenAPI document: `#/components/schemas/Error`. */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description:
    'Every error answer: a stable upper-case code, a sentence that says what to fix, and for a validation error the field.',
  properties: {
    error: { type: 'string', enum: ERROR_CODES },
    message: str,
    field: { type: 'string', description: 'the input that failed (VALIDATION_FAILED, and some NOT_FOUND / CONFLICT)' },
  },
  required: ['error', 'message'],
  additionalProperties: false,
} as const;

const FAILURES = {
  400: 'VALIDATION_FAILED: a field breaks its rule (`field` names it), or BAD_REQUEST: the body is not JSON',
  401: 'UNAUTHORIZED: no admin token, or the wrong one',
  404: 'NOT_FOUND: nothing by that phone, id or name',
  409: 'CONFLICT (it exists already), HANDOFF_CONFLICT, WINDOW_CLOSED, TEMPLATE_REFUSED or OPTED_OUT',
  413: 'PAYLOAD_TOO_LARGE: the body is over 1 MB, or an uploaded file over its limit',
  415: 'UNSUPPORTED_MEDIA_TYPE: the body is not sent as application/json',
  429: 'RATE_LIMITED: too many requests without a valid token from this address; see Retry-After',
  500: 'INTERNAL: a bug on our side (the details are in the log)',
  502: 'GRAPH_UNAVAILABLE: the template list could not be read and none is cached',
  503: 'DATABASE_UNAVAILABLE: retry later',
} as const;
export type FailureStatus = 400 | 404 | 409 | 413 | 415 | 502;
/** What a route with a JSON body may also answer. */
export const BODY_FAILURES = [400, 413, 415] as const satisfies FailureStatus[];

/**
 * The error responses of an admin route: those every route can give (401, 429, 500, 503: the token
 * guard and the server) plus the ones named, each the shared Error schema.
 */
export function errorResponses(...statuses: FailureStatus[]): Record<number, { $ref: string; description: string }> {
  const out: Record<number, { $ref: string; description: string }> = {};
  for (const status of [...statuses, 401, 429, 500, 503] as const)
    out[status] = { $ref: 'Error#', description: FAILURES[status] };
  return out;
}

/** Any JSON value (stored payloads and metadata). */
const anyJson = {} as const;
/** A stored row, every column: for the data-subject export. */
const row = { type: 'object', additionalProperties: true } as const;

export const phoneParams = obj({
  phone: {
    type: 'string',
    minLength: 1,
    // A parent BSUID is 135 characters; a little room for spaces an operator pasted around it.
    maxLength: 160,
    description: 'as people write it: +971 50 123 4567, 00971…, 971…, or a BSUID (US.1349…)',
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
    interest: {
      type: 'string',
      maxLength: 100,
      description: `${FIXED_INTERESTS.join(', ')}, or a residency category (any case); another value is 400 listing them`,
    },
    source: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'where the leads came from, exactly: "ad <headline>" (a Click-to-WhatsApp ad) or "direct"',
    },
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
  properties: {
    messages: {
      type: 'integer',
      minimum: 0,
      maximum: USER_MESSAGES_MAX,
      default: 50,
      description: 'how many recent messages to list; 0 lists none (the totals only)',
    },
  },
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
  source: {
    type: 'string',
    description: 'where the lead came from: "ad <headline>" (a Click-to-WhatsApp ad) or "direct"',
  },
  sourceId: { type: ['string', 'null'], description: "the ad's id (referral.source_id) when the lead came from one" },
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
  context: nstr,
  reaction: nstr,
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
  language: nstr,
  languageLabel: nstr,
  metadata: anyJson,
  createdAt: str,
  lastActivity: nstr,
  lastInboundAt: nstr,
});
export const userResponse = obj({
  phone: str,
  session: { anyOf: [sessionSchema, { type: 'null' }] },
  lead: { anyOf: [leadSchema, { type: 'null' }] },
  totals: obj(
    { incoming: int, outgoing: int, markRead: int },
    { description: 'every stored message row: in, out, and apart the mark-read receipts sent for their messages' },
  ),
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
  leadEvents: { type: 'array', items: row },
  conversationEvents: { type: 'array', items: row },
  marketingPreference: { anyOf: [row, { type: 'null' }] },
  webhookEvents: { type: 'array', items: row },
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
