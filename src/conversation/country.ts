// Light clean-up of a country typed by the user ("  united   kingdom " → "United Kingdom").

export const COUNTRY_MAX = 60;
const LOWER_WORDS = new Set(['of', 'and', 'the', 'de', 'da', 'del', 'la', 'du']);
const ACRONYMS = new Set(['usa', 'us', 'uk', 'uae', 'drc', 'ksa']);

function word(w: string, first: boolean): string {
  if (ACRONYMS.has(w.toLowerCase())) return w.toUpperCase();
  // Keep what the user capitalised themselves (e.g. "McDonald Islands"); fix all-lower words.
  if (w !== w.toLowerCase()) return w;
  if (!first && LOWER_WORDS.has(w)) return w;
  return w.replace(/(^|[-'])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** The cleaned-up country, or null when the text cannot be one (empty, too long, no letters). */
export function normaliseCountry(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim().replace(/[.!?]+$/, '');
  if (t === '' || t.length > COUNTRY_MAX || !/\p{L}/u.test(t)) return null;
  return t
    .split(' ')
    .map((w, i) => word(w, i === 0))
    .join(' ');
}
