import type { OutboundState } from '../store/schema.js';

const RANK: Record<string, number> = { queued: 0, sending: 0, sandbox: 1, sent: 1, delivered: 2, read: 3, played: 3 };

/**
 * The status an outbound message ends in when `incoming` arrives while it is `current`.
 * Webhooks arrive in any order: a late `delivered` never overwrites `read`, and `failed` only wins
 * over states that do not prove delivery. Returns null when nothing changes.
 */
export function mergeStatus(current: string, incoming: string): OutboundState | null {
  if (current === incoming) return null;
  if (incoming === 'failed') return current === 'delivered' || current === 'read' ? null : 'failed';
  if (current === 'failed' && incoming === 'sent') return null;
  const next = incoming === 'played' ? 'read' : incoming;
  const to = RANK[next];
  if (to === undefined) return null;
  const from = current === 'failed' ? 1 : (RANK[current] ?? 0);
  return to > from ? (next as OutboundState) : null;
}
