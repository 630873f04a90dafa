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
