// Small display helpers the console's templates share (numbers, durations, times, money, links).
import { linkifyit } from 'linkify-it';

/** 350 ms, 1.2 s, 2 min 5 s; an em dash when there is no sample. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

const count = new Intl.NumberFormat('en');
export const formatCount = (n: number) => count.format(n);

const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
export const formatUsd = (n: number | null) => (n === null ? '—' : usd.format(n));

/** An ISO time as "2026-12-02 09:30 UTC" (operators are in several time zones; the page says which). */
export const formatAt = (isoText: string | null) =>
  isoText === null ? '—' : `${isoText.slice(0, 16).replace('T', ' ')} UTC`;

/** A user key as people read it: a phone number with its `+`, a business-scoped user id (`US.1349…`) as it is. */
export const formatUserKey = (key: string) => (/^\d+$/.test(key) ? `+${key}` : key);

/** A file size as people read it: 812 B, 45 KB, 3.2 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

// Links in message text: `https://…`, `http://…` and `www.example.com` (linkify-it knows where a link
// ends before punctuation and brackets, in any script). Only http(s) ever becomes a link.
const linkify = linkifyit({ fuzzyLink: true, fuzzyEmail: false, maxLength: 2048 });

/** A piece of message text, with the address to open when the piece is a link. */
export interface TextPart {
  text: string;
  href?: string;
}

/** Message text cut into plain pieces and web links, for the template to escape and link. */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of linkify.match(text) ?? []) {
    if (!/^https?:\/\//i.test(m.url)) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: m.raw, href: m.url });
    at = m.lastIndex;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at) });
  return parts;
}

export const format = {
  ms: formatMs,
  count: formatCount,
  usd: formatUsd,
  at: formatAt,
  userKey: formatUserKey,
  bytes: formatBytes,
  textParts,
};
