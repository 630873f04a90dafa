// The ten languages the bot speaks, as BCP 47 tags, and how an unknown tag falls back to English.

export const LANGUAGES = ['en', 'ar', 'fa', 'ru', 'zh-Hans', 'hi', 'tr', 'fr', 'es', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Right-to-left scripts: the console shows these with dir="rtl". */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar', 'fa']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * A stored or configured tag read as one of ours: exact first, then by its primary subtag
 * ("pt" and "pt-PT" → pt-BR, "zh" and "zh-CN" → zh-Hans); anything else, malformed included, is English.
 */
export function toLanguage(tag: string | null | undefined): Language {
  if (tag === null || tag === undefined) return DEFAULT_LANGUAGE;
  const t = tag.trim();
  if (isLanguage(t)) return t;
  const primary = t.split(/[-_]/)[0]?.toLowerCase() ?? '';
  const found = LANGUAGES.find((l) => l.split('-')[0] === primary);
  return found ?? DEFAULT_LANGUAGE;
}
