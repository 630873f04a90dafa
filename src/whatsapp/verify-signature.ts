// Meta signs every webhook POST with HMAC-SHA256(app secret, raw body bytes) in X-Hub-Signature-256.
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * True when `header` is `sha256=<64 hex>` and matches the HMAC of the exact received bytes.
 * Hash the raw body, never a re-serialized one: Meta escapes non-ASCII as \uXXXX and `/` as `\/`.
 */
export function verifySignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  // An empty secret would let anyone compute a valid signature; refuse instead of skipping the check.
  if (appSecret === '') return false;
  const hex = SIGNATURE_HEADER.exec(header?.trim() ?? '')?.[1];
  if (hex === undefined) return false;
  const want = createHmac('sha256', appSecret).update(raw).digest();
  const got = Buffer.from(hex, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** True when the header could be a signature at all (checked before the body is read). */
export function hasSignatureShape(header: string | undefined): boolean {
  return SIGNATURE_HEADER.test(header?.trim() ?? '');
}

/** The X-Hub-Signature-256 value Meta would send for `raw` (tests, the local chat tool). */
export function signBody(raw: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}
