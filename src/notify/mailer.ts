import { createTransport } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { DeliveryOutcome } from './types.js';

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** One SMTP transaction to all of `to`. Never throws: every problem is an outcome. */
  send(to: string[], msg: MailMessage, messageId: string): Promise<DeliveryOutcome>;
  close(): void;
}

export interface MailerOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. */
  smtpUrl: string;
  /** "Nexora Bot <bot@nexora.example>" */
  from: string;
  /** Bound on connecting, on the greeting and on any silence afterwards. Default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Errors without an SMTP reply that no retry can fix: no usable recipient, missing credentials, TLS required. */
const PERMANENT_CODES_WITHOUT_REPLY = new Set(['EENVELOPE', 'EAUTH', 'EREQUIRETLS']);

export function createMailer(opts: MailerOptions): Mailer {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The transport object (not the bare URL) so the timeouts sit next to the URL's settings;
  // nodemailer lets query parameters in the URL override them.
  const transport = createTransport(
    new SMTPTransport({
      url: opts.smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    }),
  );
  const idDomain = domainOf(opts.from) ?? 'nexora-bot.invalid';

  return {
    async send(to, msg, messageId) {
      if (to.length === 0) return { status: 'failed', error: 'no recipients configured' };
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          messageId: toMessageId(messageId, idDomain),
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { status: 'sent', detail: describeSent(info) };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** Deterministic, so a duplicate (a retry after a lost reply) shows up as the same Message-ID. */
export function toMessageId(id: string, domain: string): string {
  const local =
    id
      .replace(/[^A-Za-z0-9._+-]/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^\.|\.$/g, '') || 'lead';
  return `<${local}@${domain}>`;
}

function domainOf(from: string): string | null {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? null;
}

function describeSent(info: SMTPTransport.SentMessageInfo): string {
  // nodemailer sets rejectedErrors when some (not all) recipients were refused; its types omit it.
  const rejected = (info as { rejectedErrors?: (SmtpError & { recipient?: string })[] }).rejectedErrors ?? [];
  if (rejected.length === 0) return info.response;
  // Some recipients took it: a retry would send them a second copy, so this counts as sent.
  const list = rejected.map((e) => `${e.recipient ?? '?'} (${e.response ?? e.message ?? 'rejected'})`).join(', ');
  return `${info.response}; rejected: ${list}`;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** SMTP 4xx and anything network-ish → retry; SMTP 5xx and local misconfiguration → failed. */
export function classifySmtpError(err: unknown): DeliveryOutcome {
  const e: SmtpError = typeof err === 'object' && err !== null ? err : { message: String(err) };
  const answer = e.response ? `${e.command ? `${e.command}: ` : ''}${e.response}` : undefined;
  const error = answer ?? ([e.code, e.message].filter(Boolean).join(': ') || 'unknown SMTP error');
  const code = e.responseCode;
  if (typeof code === 'number' && code >= 500 && code <= 599) return { status: 'failed', error };
  if (typeof code === 'number' && code >= 400 && code <= 499) return { status: 'retry', error };
  if (e.code && PERMANENT_CODES_WITHOUT_REPLY.has(e.code)) return { status: 'failed', error };
  return { status: 'retry', error };
}
