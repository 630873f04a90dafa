// One `value.statuses[]` item → StatusUpdate, or a reason to skip it.
import { z } from 'zod';
import type { StatusUpdate } from './types.js';
import {
  type ItemResult,
  bsuidField,
  describeIssues,
  epochSeconds,
  futureTimestampError,
  lenientText,
} from './webhook-fields.js';

const statusSchema = z.looseObject({
  id: z.string().min(1).max(128),
  status: z.string().min(1).max(20),
  timestamp: epochSeconds,
  // A group's id is not a phone: only checked as text. A user's BSUID comes with `recipient_id: ""`.
  recipient_id: z
    .union([z.string().max(64), z.null()])
    .optional()
    .transform((v) => (v === null || v === '' ? undefined : v)),
  recipient_user_id: bsuidField,
  errors: z.array(z.unknown()).optional().catch(undefined),
});

// Lenient: a strange error object must not hide the fact that the message failed.
const errorSchema = z.looseObject({
  code: z.number().optional().catch(undefined),
  title: lenientText,
  message: lenientText,
  error_data: z.looseObject({ details: lenientText }).optional().catch(undefined),
});

export function parseStatus(raw: unknown, now: number): ItemResult<StatusUpdate> {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const status = parsed.data;
  const future = futureTimestampError(status.timestamp, now);
  if (future !== null) return { ok: false, error: future };
  const firstError = errorSchema.safeParse(status.errors?.[0]);
  const error = firstError.success ? firstError.data : undefined;
  return {
    ok: true,
    value: {
      wamid: status.id,
      status: status.status,
      recipientId: status.recipient_id ?? status.recipient_user_id ?? null,
      recipientBsuid: status.recipient_user_id ?? null,
      at: status.timestamp,
      errorCode: error?.code ?? null,
      errorTitle: error?.title ?? error?.message ?? null,
      errorDetails: error?.error_data?.details ?? null,
      raw,
    },
  };
}
