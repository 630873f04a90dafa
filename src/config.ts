import { resolve } from 'node:path';
// The only reader of process.env. Every problem is reported at once, in one message.
import { z } from 'zod';
import { isTimeZone, parseBusinessHours, type BusinessHours } from './lib/business-hours.js';
import { parseAdminEmails } from './lib/email-list.js';

function hoursProblem(v: string): string | null {
  try {
    parseBusinessHours(v);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((s) => URL.canParse(s) && /^https?:/.test(s), `${what} must be an http(s) URL`);
const optionalUrl = (what: string) => z.preprocess(emptyToUndefined, url(what).optional());
const number = (def: number, min: number) => z.preprocess(emptyToUndefined, z.coerce.number().min(min).default(def));
const integer = (def: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const bool = (def: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(def),
  );

const schema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: integer(5000, 0, 65535),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    TRUST_PROXY: optionalString,
    DATABASE_URL: optionalString,
    DATABASE_POOL_SIZE: integer(10, 1, 200),
    WHATSAPP_TOKEN: optionalString,
    PHONE_NUMBER_ID: optionalString,
    WHATSAPP_BUSINESS_ACCOUNT_ID: optionalString,
    VERIFY_TOKEN: optionalString,
    APP_SECRET: optionalString,
    GRAPH_API_URL: z.preprocess(emptyToUndefined, url('GRAPH_API_URL').default('https://graph.facebook.com')),
    GRAPH_API_VERSION: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^v\d+\.\d+$/, 'GRAPH_API_VERSION must look like v24.0')
        .default('v24.0'),
    ),
    ADMIN_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
    ),
    ADMIN_EMAIL: optionalString,
    SESSION_TIMEOUT_MINUTES: number(30, 0.01),
    BUSINESS_HOURS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .superRefine((v, ctx) => {
          const problem = hoursProblem(v);
          if (problem !== null) ctx.addIssue({ code: 'custom', message: `BUSINESS_HOURS: ${problem}` });
        })
        .optional(),
    ),
    TIMEZONE: z.preprocess(
      emptyToUndefined,
      z.string().refine(isTimeZone, 'TIMEZONE must be an IANA time zone such as Asia/Dubai').default('UTC'),
    ),
    HANDOFF_TIMEOUT_MINUTES: number(120, 1),
    NOTIFY_AFTER_MINUTES: number(15, 1),
    SEND_RATE_PER_SECOND: number(80, 0),
    MARK_READ: bool(true),
    SEND_LEASE_SECONDS: integer(30, 2, 3600),
    BOOKING_URL: z.preprocess(
      emptyToUndefined,
      url('BOOKING_URL').default('https://nexorainvestments.com/book-consultation'),
    ),
    BROCHURE_URL: z.preprocess(
      emptyToUndefined,
      url('BROCHURE_URL').default('https://nexorainvestments.com/brochure.pdf'),
    ),
    BROCHURE_FILENAME: z.preprocess(emptyToUndefined, z.string().default('Nexora-Investments-Brochure.pdf')),
    // Unset: the catalogue's caption, in the user's language (brochure.caption).
    BROCHURE_CAPTION: z.preprocess(emptyToUndefined, z.string().optional()),
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((s) => /^smtps?:\/\//.test(s) && URL.canParse(s), 'SMTP_URL must be smtp:// or smtps://')
        .optional(),
    ),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('Nexora Bot <bot@localhost>')),
    LEAD_WEBHOOK_URL: optionalUrl('LEAD_WEBHOOK_URL'),
    LEAD_WEBHOOK_SECRET: optionalString,
    CAREERJET_API_URL: z.preprocess(
      emptyToUndefined,
      url('CAREERJET_API_URL').default('http://public.api.careerjet.net/search'),
    ),
    CAREERJET_AFFID: optionalString,
    CAREERJET_USER_IP: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    CAREERJET_USER_AGENT: z.preprocess(emptyToUndefined, z.string().default('Mozilla/5.0 (compatible; NexoraBot/1.0)')),
    CAREERJET_REFERER: z.preprocess(emptyToUndefined, z.string().default('https://nexorainvestments.com/jobs')),
    DATA_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
    MEDIA_DIR: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine((v) => !v.includes('\0'), 'MEDIA_DIR must be a directory path')
        .default('./data/media'),
    ),
    MEDIA_UPLOAD_MAX_MB: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(100).default(16)),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    PROGRAMS_FILE: optionalString,
    TEMPLATES_FILE: optionalString,
    CURRENCY_RATES_FILE: optionalString,
    WORKER_CONCURRENCY: integer(32, 1, 1024),
    SHUTDOWN_TIMEOUT_MS: integer(10_000, 100, 600_000),
    HTTP_REQUEST_TIMEOUT_MS: integer(30_000, 100, 600_000),
    HTTP_CONNECTION_TIMEOUT_MS: integer(60_000, 100, 600_000),
    WEBHOOK_BODY_TIMEOUT_MS: integer(10_000, 100, 600_000),
    WEBHOOK_INFLIGHT_MB: number(64, 3),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    // `true` trusts any X-Forwarded-For: every forged value would be a new client to the token guard.
    if (env.TRUST_PROXY !== undefined && ['true', '1', 'yes'].includes(env.TRUST_PROXY.toLowerCase()))
      ctx.addIssue({
        code: 'custom',
        path: ['TRUST_PROXY'],
        message:
          'TRUST_PROXY=true is refused when NODE_ENV=production: list the proxies instead (e.g. TRUST_PROXY=10.0.0.5,10.0.1.0/24)',
      });
    for (const key of ['WHATSAPP_TOKEN', 'PHONE_NUMBER_ID', 'VERIFY_TOKEN', 'APP_SECRET', 'ADMIN_TOKEN'] as const) {
      if (!env[key])
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when NODE_ENV=production` });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** Fastify's trustProxy: the client address comes from X-Forwarded-For behind these proxies. */
  trustProxy: boolean | string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections per instance (N instances use N times this many). */
  databasePoolSize: number;
  /** No WhatsApp token outside production: nothing is sent to Meta, replies are stored as `sandbox`. */
  sandbox: boolean;
  whatsapp: {
    token: string | undefined;
    phoneNumberId: string;
    /** The WhatsApp Business Account whose approved templates may be sent (GET /{id}/message_templates). */
    businessAccountId: string | undefined;
    verifyToken: string | undefined;
    appSecret: string | undefined;
    graphApiUrl: string;
    graphApiVersion: string;
    sendRatePerSecond: number;
    markRead: boolean;
    /** How long a claimed send may take before another worker may take it over (the crash window). */
    sendLeaseMs: number;
  };
  adminToken: string | undefined;
  adminEmails: string[];
  sessionTimeoutMs: number;
  /** Handing a conversation to a person (issue 15). */
  handoff: { businessHours: BusinessHours | undefined; timeZone: string; timeoutMs: number; notifyAfterMs: number };
  bookingUrl: string;
  brochure: { url: string; filename: string; caption: string | undefined };
  mail: { smtpUrl: string | undefined; from: string };
  leadWebhook: { url: string | undefined; secret: string | undefined };
  careerjet: { apiUrl: string; affid: string | undefined; userIp: string; userAgent: string; referer: string };
  dataRetentionDays: number | undefined;
  /** Client documents and media (absolute path); created at start if missing. */
  mediaDir: string;
  /** The largest file an operator may upload to send (MEDIA_UPLOAD_MAX_MB; WhatsApp's own limits apply too). */
  mediaUploadMaxBytes: number;
  logLevel: Env['LOG_LEVEL'];
  programsFile: string | undefined;
  /** Sandbox mode's templates, in the Graph list's JSON shape (default data-seed/templates.json). */
  templatesFile: string | undefined;
  /** Dated exchange rates for budgets typed in another currency; unset = data-seed/currency-rates.json. */
  currencyRatesFile: string | undefined;
  workerConcurrency: number;
  shutdownTimeoutMs: number;
  http: {
    /** Whole request (headers and body) must arrive within this (Node's requestTimeout; then 408, closed). */
    requestTimeoutMs: number;
    /** A socket idle this long is closed. */
    connectionTimeoutMs: number;
    /** A webhook body must arrive within this of its headers (408, closed). */
    webhookBodyTimeoutMs: number;
    /** Webhook body bytes received at once across all connections; beyond it, 503 at once. */
    webhookInflightBytes: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws one ConfigError listing every problem. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = i.path.join('.');
        return i.message.includes(key) ? i.message : `${key}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sandbox: !e.WHATSAPP_TOKEN,
    whatsapp: {
      token: e.WHATSAPP_TOKEN,
      phoneNumberId: e.PHONE_NUMBER_ID ?? 'sandbox-phone-number-id',
      businessAccountId: e.WHATSAPP_BUSINESS_ACCOUNT_ID,
      verifyToken: e.VERIFY_TOKEN,
      appSecret: e.APP_SECRET,
      graphApiUrl: e.GRAPH_API_URL,
      graphApiVersion: e.GRAPH_API_VERSION,
      sendRatePerSecond: e.SEND_RATE_PER_SECOND,
      markRead: e.MARK_READ,
      sendLeaseMs: e.SEND_LEASE_SECONDS * 1000,
    },
    adminToken: e.ADMIN_TOKEN,
    adminEmails: parseAdminEmails(e.ADMIN_EMAIL),
    sessionTimeoutMs: e.SESSION_TIMEOUT_MINUTES * 60_000,
    handoff: {
      businessHours: e.BUSINESS_HOURS === undefined ? undefined : parseBusinessHours(e.BUSINESS_HOURS),
      timeZone: e.TIMEZONE,
      timeoutMs: e.HANDOFF_TIMEOUT_MINUTES * 60_000,
      notifyAfterMs: e.NOTIFY_AFTER_MINUTES * 60_000,
    },
    bookingUrl: e.BOOKING_URL,
    brochure: { url: e.BROCHURE_URL, filename: e.BROCHURE_FILENAME, caption: e.BROCHURE_CAPTION },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    leadWebhook: { url: e.LEAD_WEBHOOK_URL, secret: e.LEAD_WEBHOOK_SECRET },
    careerjet: {
      apiUrl: e.CAREERJET_API_URL,
      affid: e.CAREERJET_AFFID,
      userIp: e.CAREERJET_USER_IP,
      userAgent: e.CAREERJET_USER_AGENT,
      referer: e.CAREERJET_REFERER,
    },
    dataRetentionDays: e.DATA_RETENTION_DAYS,
    mediaDir: resolve(e.MEDIA_DIR),
    mediaUploadMaxBytes: Math.round(e.MEDIA_UPLOAD_MAX_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    programsFile: e.PROGRAMS_FILE,
    templatesFile: e.TEMPLATES_FILE,
    currencyRatesFile: e.CURRENCY_RATES_FILE,
    workerConcurrency: e.WORKER_CONCURRENCY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    http: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: e.HTTP_CONNECTION_TIMEOUT_MS,
      webhookBodyTimeoutMs: e.WEBHOOK_BODY_TIMEOUT_MS,
      webhookInflightBytes: Math.round(e.WEBHOOK_INFLIGHT_MB * 1024 * 1024),
    },
  };
}

/** `true`/`false`, or a comma-separated list of proxy addresses/CIDRs (Fastify's trustProxy). */
function parseTrustProxy(v: string | undefined): boolean | string {
  if (v === undefined || v === 'false' || v === '0') return false;
  return ['true', '1', 'yes'].includes(v.toLowerCase()) ? true : v;
}
