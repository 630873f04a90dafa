// The media a client's message carries (Cloud API reference §2.1: image, video, audio, document,
// sticker each hold `{id, mime_type, sha256, …}`), reduced to what the download job needs.
import { isMediaKind, type MediaKind } from '../lib/whatsapp-limits.js';

export interface InboundMedia {
  kind: MediaKind;
  mediaId: string;
  mimeType: string | null;
  sha256: string | null;
  /** A document's own file name. */
  filename: string | null;
}

const text = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null;

/** The media of an inbound message as received, or null when it has none (or no id to fetch it by). */
export function inboundMedia(type: string, raw: unknown): InboundMedia | null {
  if (!isMediaKind(type) || typeof raw !== 'object' || raw === null) return null;
  const media = (raw as Record<string, unknown>)[type];
  if (typeof media !== 'object' || media === null) return null;
  const m = media as Record<string, unknown>;
  const mediaId = text(m.id, 128);
  if (mediaId === null) return null;
  return {
    kind: type,
    mediaId,
    mimeType: text(m.mime_type, 128),
    sha256: text(m.sha256, 100),
    filename: text(m.filename, 255),
  };
}
