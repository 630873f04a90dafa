import { messagesFor } from '../messages.js';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { searchJobs } from '../jobs/careerjet-client.js';
import { FALLBACK_SITE, normalizeCountry, type CountryInfo } from '../jobs/normalize-country.js';
import { renderJobsReply } from '../jobs/render-jobs.js';
import { postLeadEvent } from '../notify/crm-webhook.js';
import { escapeHtml, renderLeadEmail } from '../notify/lead-email.js';
import type { Mailer } from '../notify/mailer.js';
import type { DeliveryOutcome, LeadEvent } from '../notify/types.js';
import type { Database, NotificationRow } from '../store/schema.js';
import { UNSEEN_NOTICE_KIND, type UnseenNotice } from './handoff-deadlines.js';
import type { NotificationHandler } from './notification-worker.js';
import { queueOutbound } from './queue-outbound.js';
import { lockHandoff } from '../handoff/handoff-store.js';
import { botMayAnswer } from '../handoff/ownership.js';

export interface AdminAlert {
  subject: string;
  text: string;
}

/** Per-call bounds; each library's default applies when absent (CRM 10 s, CareerJet 4 s). */
export interface HandlerOptions {
  webhookTimeoutMs?: number;
  careerjetTimeoutMs?: number;
}

/** The handlers of each notification kind, wired to the configured mailer, CRM and CareerJet. */
export function notificationHandlers(
  config: Config,
  mailer: Mailer | null,
  onRepliesQueued: () => void,
  now: () => number,
  opts: HandlerOptions = {},
): Record<string, NotificationHandler> {
  return {
    lead_email: async (row) => {
      if (!mailer) return { status: 'failed', error: 'SMTP_URL is not set' };
      const event = JSON.parse(row.payload) as LeadEvent;
      // The dedupe key is stable per lead event, so a resent copy has the same Message-ID.
      return mailer.send(config.adminEmails, renderLeadEmail(event), row.dedupe_key);
    },
    lead_webhook: async (row) => {
      if (!config.leadWebhook.url) return { status: 'failed', error: 'LEAD_WEBHOOK_URL is not set' };
      const event = JSON.parse(row.payload) as LeadEvent;
      return postLeadEvent({
        url: config.leadWebhook.url,
        secret: config.leadWebhook.secret,
        event,
        timeoutMs: opts.webhookTimeoutMs,
      });
    },
    admin_alert: async (row) => {
      if (!mailer) return { status: 'failed', error: 'SMTP_URL is not set' };
      const alert = JSON.parse(row.payload) as AdminAlert;
      const html = `<pre>${escapeHtml(alert.text)}</pre>`;
      return mailer.send(config.adminEmails, { subject: alert.subject, text: alert.text, html }, row.dedupe_key);
    },
    [UNSEEN_NOTICE_KIND]: async (row) => {
      if (!mailer) return { status: 'failed', error: 'SMTP_URL is not set' };
      const notice = JSON.parse(row.payload) as UnseenNotice;
      const html = `<pre>${escapeHtml(notice.text)}</pre>`;
      return mailer.send(notice.to, { subject: notice.subject, text: notice.text, html }, row.dedupe_key);
    },
    job_search: async (row, db) =>
      answerJobSearch({ config, timeoutMs: opts.careerjetTimeoutMs, onRepliesQueued, now }, row, db),
  };
}

interface JobSearchDeps {
  config: Config;
  timeoutMs: number | undefined;
  onRepliesQueued: () => void;
  now: () => number;
}

/**
 * Looks the jobs up (outside any transaction: CareerJet may be slow), then queues the answer and
 * marks the notification sent in one transaction, conditional on still holding the lease, so the
 * answer is queued exactly once even if the process dies in between.
 */
async function answerJobSearch(
  deps: JobSearchDeps,
  row: NotificationRow,
  db: Kysely<Database>,
): Promise<DeliveryOutcome> {
  // `keywords` is absent for "any job" and in searches queued before it existed.
  const payload = JSON.parse(row.payload) as { country: string; keywords?: string; replyTo: number | null };
  const phone = row.phone;
  if (!phone) return { status: 'failed', error: 'job search without a user' };
  const country = countryFor(payload.country);
  const { careerjet } = deps.config;
  const result = await searchJobs(
    {
      apiUrl: careerjet.apiUrl,
      affid: careerjet.affid,
      userIp: careerjet.userIp,
      userAgent: careerjet.userAgent,
      referer: careerjet.referer,
      timeoutMs: deps.timeoutMs,
    },
    country,
    payload.keywords,
  );
  // In the language the user talks to the bot in now (they may have switched while the search ran).
  const session = await db
    .selectFrom('whatsapp_sessions')
    .select('language')
    .where('phone', '=', phone)
    .executeTakeFirst();
  const reply = renderJobsReply(messagesFor(session?.language), country, result, payload.keywords);
  const t = deps.now();
  const done = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('notifications')
      .set({ status: 'sent', locked_until: null, sent_at: t, updated_at: t, last_error: null })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', row.locked_until)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return 'lost';
    // The bot checks the owner before every reply: a client who asked for a person (or whom a person
    // took over) while the search ran gets no bot answer. Read under the row lock a claim takes.
    const owner = await lockHandoff(trx, phone, t);
    if (!botMayAnswer(owner)) return 'withheld';
    await queueOutbound(trx, { phone, replies: [reply], replyTo: payload.replyTo, now: t });
    return 'queued';
  });
  if (done === 'queued') deps.onRepliesQueued();
  if (done === 'lost')
    return { status: 'failed', error: 'lease lost before the answer was queued; another worker owns it' };
  return {
    status: 'sent',
    detail:
      done === 'withheld'
        ? 'withheld: a person owns the conversation'
        : result.kind === 'unavailable'
          ? `unavailable: ${result.reason}`
          : result.kind,
    recorded: true,
  };
}

/**
 * The conversation only queues countries it recognised, but a deploy may change the table while a
 * search waits: the user still gets an answer, searched on the fallback site by the name they gave.
 */
function countryFor(input: string): CountryInfo {
  return normalizeCountry(input) ?? { name: input, location: input, ...FALLBACK_SITE };
}
