// Rebuilds the conversation input from an inbound row (type + the raw message JSON we stored),
// so processing can run long after the webhook was acknowledged.
import type { UserInput } from '../conversation/types.js';
import { toUserInput } from './to-user-input.js';
import { isBsuid } from '../lib/phone.js';

export interface StoredInbound {
  input: UserInput;
  /** The business-scoped user id (`from_user_id`) when the message carried one. */
  bsuid: string | null;
  /**
   * Meta puts the profile name in the sibling `contacts[]`, not in the message object: ingest keeps
   * that entry under `_contact`. A payload with `profile.name` of its own (non-Meta sources) also counts.
   */
  profileName: string | null;
  /** `contacts[].profile.username` (2026 usernames). */
  username: string | null;
}

/** Never throws: an unreadable payload becomes an `unsupported` input of the stored type. */
export function inputFromStoredMessage(type: string, payload: string): StoredInbound {
  const message = parseObject(payload);
  if (message === null) return { input: { kind: 'unsupported', type }, bsuid: null, profileName: null, username: null };
  const reduced = toUserInput({ ...message, type });
  const contact = asObject(message['_contact']);
  const profile = asObject(contact?.['profile']) ?? asObject(message['profile']);
  return {
    input: reduced.ok ? reduced.value.input : { kind: 'unsupported', type },
    bsuid: bsuidOrNull(message['from_user_id']) ?? bsuidOrNull(contact?.['user_id']),
    profileName: stringOrNull(profile?.['name']),
    username: stringOrNull(profile?.['username']),
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

function bsuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && isBsuid(value) ? value : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
