// Labels for one send attempt, following the sender's own decision (outbound-sender.ts `record`).
import { DEFAULT_MAX_SEND_ATTEMPTS } from '../pipeline/outbound-sender.js';
import type { SendOutcome } from '../whatsapp/types.js';

export type SendResultLabel = 'sent' | 'sandbox' | 'retry' | 'failed' | 'token_invalid';

export function sendResultLabels(r: {
  row: { attempts: number };
  outcome: SendOutcome | { ok: true; sandbox: true };
}): { result: SendResultLabel; code: string } {
  const o = r.outcome;
  if (o.ok) return { result: 'sandbox' in o ? 'sandbox' : 'sent', code: '' };
  const code = o.code === null ? '' : String(o.code);
  // A rejected token is not the message's fault: it goes back to the queue, sending pauses.
  if (o.scope === 'token') return { result: 'token_invalid', code };
  const retry = o.retryable && r.row.attempts < DEFAULT_MAX_SEND_ATTEMPTS;
  return { result: retry ? 'retry' : 'failed', code };
}

const MESSAGE_TYPES = new Set([
  'text',
  'interactive',
  'button',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'order',
  'system',
  'request_welcome',
  'unsupported',
  'unknown',
]);
const STATUSES = new Set(['sent', 'delivered', 'read', 'failed', 'played', 'deleted']);

/**
 * Label values that come from a webhook body are kept to the ones Meta documents: an unsigned
 * webhook (no APP_SECRET) must not be able to create series without limit.
 */
export function messageTypeLabel(type: string): string {
  return MESSAGE_TYPES.has(type) ? type : 'other';
}

export function statusLabel(status: string): string {
  return STATUSES.has(status) ? status : 'other';
}

/** A free-form label value (an error code from a webhook body) kept to `max` distinct values, then `other`. */
export function cappedLabel(seen: Set<string>, value: string, max = 50): string {
  if (seen.has(value)) return value;
  if (seen.size >= max) return 'other';
  seen.add(value);
  return value;
}
