// WhatsApp Cloud API limits for what we send (Cloud API reference §5), in one place:
// the conversation checks its replies against them and the renderer enforces them on the wire.

/** Meta's documented maxima (characters); interactive body uses the safe 1024 for lists too. */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  header: 60,
  footer: 60,
  listButton: 20,
  sections: 10,
  rowsTotal: 10,
  sectionTitle: 24,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
  buttons: 3,
  buttonId: 256,
  buttonTitle: 20,
  caption: 1024,
} as const;

/** Meta accepts free-form messages only this long after the user's last inbound message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The largest file of each media type WhatsApp carries (Cloud API reference §5, "Sizes"), in bytes.
 * Stickers: 500 KB is the animated limit (static ones are 100 KB), so any sticker Meta delivered fits.
 */
export const MEDIA_SIZE_LIMITS = {
  image: 5 * 1024 * 1024,
  audio: 16 * 1024 * 1024,
  video: 16 * 1024 * 1024,
  document: 100 * 1024 * 1024,
  sticker: 500 * 1024,
} as const;

export type MediaKind = keyof typeof MEDIA_SIZE_LIMITS;

export function isMediaKind(type: string): type is MediaKind {
  return Object.hasOwn(MEDIA_SIZE_LIMITS, type);
}
