import { formatUsd } from '../lib/money.js';
import { displayUserKey, isBsuid } from '../lib/phone.js';
import type { LeadEvent } from './types.js';
import { messagesFor } from '../messages.js';
import { languageLabel } from '../content/language-names.js';

export interface LeadEmail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderLeadEmailOptions {
  /** IANA zone for the times shown to staff, e.g. "Asia/Dubai". Default UTC. */
  timeZone?: string;
  /** How many of the latest messages to show. Default 10. */
  maxMessages?: number;
}

const DEFAULT_MAX_MESSAGES = 10;
const MAX_MESSAGE_CHARS = 500;
const MAX_SUBJECT_CHARS = 150;
const NOT_GIVEN = '(not given)';

/** For config validation: `renderLeadEmail` throws a RangeError on an unknown zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The admin notification for one lead event: a plain-text part and an escaped HTML part. */
export function renderLeadEmail(e: LeadEvent, opts: RenderLeadEmailOptions = {}): LeadEmail {
  const timeZone = opts.timeZone ?? 'UTC';
  const when = (iso: string): string => formatTime(iso, timeZone);
  const { lead } = e;
  const fields: [label: string, value: string][] = [
    ['Name', lead.name ?? NOT_GIVEN],
    ['Phone', isBsuid(lead.phone) ? `none shared (WhatsApp user id ${lead.phone})` : displayUserKey(lead.phone)],
    ['E-mail', lead.email ?? NOT_GIVEN],
    ['Interest', lead.interest ?? NOT_GIVEN],
    ['Budget', lead.budgetUsd === null ? NOT_GIVEN : formatUsd(lead.budgetUsd)],
    ['Country of interest', lead.countryOfInterest ?? NOT_GIVEN],
    ['Language', lead.language ? languageLabel(lead.language) : NOT_GIVEN],
    ['Source', lead.source ?? NOT_GIVEN],
    [e.event === 'lead.created' ? 'Received' : 'Updated', when(e.occurredAt)],
    ['First contact', when(lead.createdAt)],
  ];
  const messages = e.recentMessages.slice(-(opts.maxMessages ?? DEFAULT_MAX_MESSAGES)).map((m) => ({
    who: m.direction === 'incoming' ? 'Customer' : 'Bot',
    at: when(m.at),
    text: truncate(m.text, MAX_MESSAGE_CHARS),
  }));
  const heading = e.event === 'lead.created' ? 'New lead from the WhatsApp bot' : 'Lead updated on the WhatsApp bot';
  // A username user shared no phone: a wa.me link built from their BSUID's digits would open a stranger's chat.
  const waLink = isBsuid(lead.phone) ? null : `https://wa.me/${lead.phone.replace(/\D/g, '')}`;
  const footer = `Event ${e.eventId} (${e.event}, ${e.occurredAt})`;

  const text = [
    heading,
    '',
    ...fields.map(([label, value]) => `${label}: ${value}`),
    waLink ? `WhatsApp: ${waLink}` : 'WhatsApp: no phone shared; answer from the console',
    '',
    messages.length > 0 ? 'Recent messages:' : 'No messages recorded.',
    ...messages.map((m) => `[${m.at}] ${m.who}: ${m.text}`),
    '',
    footer,
  ].join('\n');

  const rows = fields.map(([label, value]) => `<tr><th align="left">${esc(label)}</th><td>${esc(value)}</td></tr>`);
  const items = messages.map((m) => `<li><small>${esc(m.at)}</small> <b>${esc(m.who)}:</b> ${esc(m.text)}</li>`);
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${esc(heading)}</h2>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    waLink
      ? `<p><a href="${esc(waLink)}">Open the chat on WhatsApp</a></p>`
      : '<p>No phone shared: answer from the console.</p>',
    messages.length > 0
      ? `<h3>Recent messages</h3><ul style="white-space:pre-wrap">${items.join('')}</ul>`
      : '<p>No messages recorded.</p>',
    `<p style="color:#888"><small>${esc(footer)}</small></p>`,
    '</body></html>',
  ].join('\n');

  return { subject: renderSubject(e), text, html };
}

function renderSubject(e: LeadEvent): string {
  const who = e.lead.name ?? displayUserKey(e.lead.phone);
  const about = e.lead.interest ? ` (${e.lead.interest})` : '';
  const event = e.event === 'lead.created' ? 'created' : 'updated';
  // Operators read English: the subject comes from the English catalogue.
  const subject = messagesFor('en').t('leadEmail.subject', { event, who, about });
  // One header line: user text must not bring line breaks into it.
  return truncate(subject.replace(/\s+/g, ' ').trim(), MAX_SUBJECT_CHARS);
}

function formatTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${formatted} ${timeZone}`;
}

function truncate(s: string, maxChars: number): string {
  const chars = Array.from(s); // code points, so an emoji is never cut in half
  return chars.length <= maxChars ? s : `${chars.slice(0, maxChars - 1).join('')}…`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
const esc = escapeHtml;
