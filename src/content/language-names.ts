// How each language is offered in the 🌐 list: its own name (the row title), its English name
// (the row's description, so a consultant reading over a shoulder knows it too) and the other
// words by which a user may type it at the list ("russian", "русский", "ru").
import { isLanguage, type Language } from '../i18n/languages.js';

export interface LanguageName {
  native: string;
  english: string;
  aliases: readonly string[];
}

export const LANGUAGE_NAMES: Readonly<Record<Language, LanguageName>> = {
  en: { native: 'English', english: 'English', aliases: ['english', 'en', 'inglés', 'anglais', 'انگلیسی', 'إنجليزي'] },
  ar: { native: 'العربية', english: 'Arabic', aliases: ['arabic', 'ar', 'عربي', 'عربى', 'العربيه'] },
  fa: { native: 'فارسی', english: 'Persian (Farsi)', aliases: ['persian', 'farsi', 'fa', 'پارسی', 'فارسي'] },
  ru: { native: 'Русский', english: 'Russian', aliases: ['russian', 'ru', 'русский язык', 'по-русски', 'rus'] },
  'zh-Hans': {
    native: '简体中文',
    english: 'Chinese (Simplified)',
    aliases: ['chinese', 'zh', '中文', '汉语', '普通话'],
  },
  hi: { native: 'हिन्दी', english: 'Hindi', aliases: ['hindi', 'hi', 'हिंदी'] },
  tr: { native: 'Türkçe', english: 'Turkish', aliases: ['turkish', 'tr', 'turkce'] },
  fr: { native: 'Français', english: 'French', aliases: ['french', 'fr', 'francais'] },
  es: { native: 'Español', english: 'Spanish', aliases: ['spanish', 'es', 'espanol', 'castellano'] },
  'pt-BR': {
    native: 'Português (Brasil)',
    english: 'Portuguese (Brazil)',
    aliases: ['portuguese', 'pt', 'português', 'portugues'],
  },
};

/** A stored tag as operators read it (the console and the lead e-mail are English): "Russian (ru)". */
export function languageLabel(tag: string): string {
  return isLanguage(tag) ? `${LANGUAGE_NAMES[tag].english} (${tag})` : tag;
}
