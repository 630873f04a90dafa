// Rebuilds the conversation input from an inbound row (type + the raw message JSON we stored),
// so processing can run long after the webhook was acknowledged.
import type { UserInput } from '../conversation/types.js';
import { toUserInput } from './to-user-input.js';

export interface StoredInbound {
  input: UserInput;
  /** The business-scoped user id (`from_user_id`) when the message carried one. */
  bsuid: string | null;
  /**
   * Meta puts the profile name in the sibling `contacts[]`, not in the message object, so it is
   * only found here when the stored payload carries `profile.name` (non-Meta sources may add it).
   * Prefer InboundMessage.profileName at ingest time.
   */
  profileName: string | null;
}

/** Never throws: an unreadable payload becomes an `unsupported` input of the stored type. */
export function inputFromStoredMessage(type: string, payload: string): StoredInbound {
  const message = parseObject(payload);
  if (message === null) return { input: { kind: 'unsupported', type }, bsuid: null, profileName: null };
  const reduced = toUserInput({ ...message, type });
  return {
    input: reduced.ok ? reduced.value.input : { kind: 'unsupported', type },
    bsuid: stringOrNull(message['from_user_id']),
    profileName: stringOrNull(asObject(message['profile'])?.['name']),
  };
}

function parseObject(payload: string): Record<string, unknown> | null {
  try {
    return asObject(JSON.parse(payload));
  } catch {
    return null; // handled by the caller as unsupported input
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
