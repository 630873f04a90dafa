/**
 * PostgreSQL text cannot hold U+0000, and no person means it in a chat message. It is dropped from
 * text we store in columns or act on; the raw JSON payload keeps it (escaped as \u0000).
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}
