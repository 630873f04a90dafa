/** `ADMIN_EMAIL` as people write it: "a@x.com; b@y.com, c@z.com" → each address, trimmed, no empties. */
export function parseAdminEmails(s: string | undefined): string[] {
  return (s ?? '')
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
