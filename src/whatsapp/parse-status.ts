// One `value.statuses[]` item → StatusUpdate, or a reason to skip it.
import { z } from 'zod';
import type { StatusUpdate } from './types.js';
import { type ItemResult, describeIssues, epochSecondsSchema, lenientText, optionalText } from './webhook-fields.js';

const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: epochSecondsSchema,
  recipient_id: optionalText,
  recipient_user_id: optionalText,
  errors: z.array(z.unknown()).optional().catch(undefined),
});

// Lenient: a strange error object must not hide the fact that the message failed.
const errorSchema = z.looseObject({
  code: z.number().optional().catch(undefined),
  title: lenientText,
  message: lenientText,
  error_data: z.looseObject({ details: lenientText }).optional().catch(undefined),
});

export function parseStatus(raw: unknown): ItemResult<StatusUpdate> {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const status = parsed.data;
  const firstError = errorSchema.safeParse(status.errors?.[0]);
  const error = firstError.success ? firstError.data : undefined;
  return {
    ok: true,
    value: {
      wamid: status.id,
      status: status.status,
      recipientId: status.recipient_id ?? status.recipient_user_id ?? null,
      at: status.timestamp,
      errorCode: error?.code ?? null,
      errorTitle: error?.title ?? error?.message ?? null,
      errorDetails: error?.error_data?.details ?? null,
      raw,
    },
  };
}
