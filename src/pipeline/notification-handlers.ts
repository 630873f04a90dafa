import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { searchJobs } from '../jobs/careerjet-client.js';
import { normalizeCountry } from '../jobs/normalize-country.js';
import { renderJobsReply } from '../jobs/render-jobs.js';
import { postLeadEvent } from '../notify/crm-webhook.js';
import { renderLeadEmail } from '../notify/lead-email.js';
import type { Mailer } from '../notify/mailer.js';
import type { DeliveryOutcome, LeadEvent } from '../notify/types.js';
import type { Database, NotificationRow } from '../store/schema.js';
import type { NotificationHandler } from './notification-worker.js';
import { queueOutbound } from './queue-outbound.js';

export interface AdminAlert {
  subject: string;
  text: string;
}

/** The handlers of each notification kind, wired to the configured mailer, CRM and CareerJet. */
export function notificationHandlers(
  config: Config,
  mailer: Mailer | null,
  onRepliesQueued: () => void,
  now: () => number,
): Record<string, NotificationHandler> {
  return {
    lead_email: async (row) => {
      if (!mailer) return { status: 'failed', error: 'SMTP_URL is not set' };
      const event = JSON.parse(row.payload) as LeadEvent;
      return mailer.send(config.adminEmails, renderLeadEmail(event), row.dedupe_key);
    },
    lead_webhook: async (row) => {
      if (!config.leadWebhook.url) return { status: 'failed', error: 'LEAD_WEBHOOK_URL is not set' };
      return postLeadEvent({ url: config.leadWebhook.url, secret: config.leadWebhook.secret, event: JSON.parse(row.payload) as LeadEvent });
    },
    admin_alert: async (row) => {
      if (!mailer) return { status: 'failed', error: 'SMTP_URL is not set' };
      const alert = JSON.parse(row.payload) as AdminAlert;
      const html = `<pre>${alert.text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)}</pre>`;
      return mailer.send(config.adminEmails, { subject: alert.subject, text: alert.text, html }, row.dedupe_key);
    },
    job_search: async (row, db) => answerJobSearch(config, row, db, onRepliesQueued, now),
  };
}

/**
 * Looks the jobs up (outside any transaction: CareerJet may be slow), then queues the answer and
 * marks the notification sent in one transaction, so the answer is queued exactly once even if
 * the process dies in between.
 */
async function answerJobSearch(
  config: Config,
  row: NotificationRow,
  db: Kysely<Database>,
  onRepliesQueued: () => void,
  now: () => number,
): Promise<DeliveryOutcome> {
  const payload = JSON.parse(row.payload) as { country: string; replyTo: number | null };
  const phone = row.phone;
  if (!phone) return { status: 'failed', error: 'job search without a user' };
  const country = normalizeCountry(payload.country);
  if (!country) return { status: 'failed', error: `unknown country ${payload.country}` };
  const result = await searchJobs(
    {
      apiUrl: config.careerjet.apiUrl,
      affid: config.careerjet.affid,
      userIp: config.careerjet.userIp,
      userAgent: config.careerjet.userAgent,
      referer: config.careerjet.referer,
    },
    country,
  );
  const reply = renderJobsReply(country, result);
  const t = now();
  const done = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('notifications')
      .set({ status: 'sent', locked_until: null, sent_at: t, updated_at: t, last_error: null })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', row.locked_until)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    await queueOutbound(trx, { phone, replies: [reply], replyTo: payload.replyTo, now: t });
    return true;
  });
  if (done) onRepliesQueued();
  return done
    ? { status: 'sent', detail: `${result.kind}` }
    : { status: 'failed', error: 'lease lost before the answer was queued; another worker owns it' };
}
