// Rebuilds the conversation input from an inbound row (type + the raw message JSON we stored),
// so processing can run long after the webhook was acknowledged.
import type { UserInput } from '../conversation/types.js';
import { toUserInput } from './to-user-input.js';
import { isBsuid, isWaId } from '../lib/phone.js';

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
  /** ISO country code: the contact's `country_code`, else the BSUID's prefix. */
  countryCode: string | null;
  /** The Click-to-WhatsApp ad the message came from (`referral`), as received. */
  referral: Record<string, unknown> | null;
}

/** A `system` notice that the user's key changed: the new phone and/or BSUID, and the previous BSUID. */
export interface IdentityChange {
  type: 'user_changed_number' | 'user_changed_user_id';
  newWaId: string | null;
  newBsuid: string | null;
  previousBsuid: string | null;
}

/** Never throws: an unreadable payload becomes an `unsupported` input of the stored type. */
export function inputFromStoredMessage(type: string, payload: string): StoredInbound {
  const message = parseObject(payload);
  if (message === null)
    return {
      input: { kind: 'unsupported', type },
      bsuid: null,
      profileName: null,
      username: null,
      countryCode: null,
      referral: null,
    };
  const reduced = toUserInput({ ...message, type });
  const contact = asObject(message['_contact']);
  const profile = asObject(contact?.['profile']) ?? asObject(message['profile']);
  const bsuid = bsuidOrNull(message['from_user_id']) ?? bsuidOrNull(contact?.['user_id']);
  const countryCode = stringOrNull(contact?.['country_code']);
  return {
    input: reduced.ok ? reduced.value.input : { kind: 'unsupported', type },
    bsuid,
    profileName: stringOrNull(profile?.['name']),
    username: stringOrNull(profile?.['username']),
    countryCode: countryCode !== null && /^[A-Z]{2}$/.test(countryCode) ? countryCode : (bsuid?.slice(0, 2) ?? null),
    referral: asObject(message['referral']),
  };
}

/** The identity change a stored `system` message reports, or null for any other notice. */
export function identityChangeOf(payload: string): IdentityChange | null {
  const message = parseObject(payload);
  const system = asObject(message?.['system']);
  const type = system?.['type'];
  // `customer_changed_number` / `new_wa_id`: the names older API versions used.
  const kind =
    type === 'user_changed_number' || type === 'customer_changed_number'
      ? 'user_changed_number'
      : type === 'user_changed_user_id'
        ? 'user_changed_user_id'
        : null;
  if (kind === null || system === null) return null;
  const waId = system['wa_id'] ?? system['new_wa_id'];
  return {
    type: kind,
    newWaId:
      typeof waId === 'string' && isWaId(waId)
        ? waId
        : typeof waId === 'number' && isWaId(String(waId))
          ? String(waId)
          : null,
    newBsuid: bsuidOrNull(system['user_id']),
    previousBsuid: bsuidOrNull(system['previous_user_id']),
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
