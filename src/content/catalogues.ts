// Every language's message catalogue, as data. English is complete; the others may lack keys
// (they fall back to English), never have extra ones (content.test.ts checks both).
import type { MessageKey, TranslatedCatalogue } from './messages/en.js';
import { ar } from './messages/ar.js';
import { en } from './messages/en.js';
import { es } from './messages/es.js';
import { fa } from './messages/fa.js';
import { fr } from './messages/fr.js';
import { hi } from './messages/hi.js';
import { ptBR } from './messages/pt-BR.js';
import { ru } from './messages/ru.js';
import { tr } from './messages/tr.js';
import { zhHans } from './messages/zh-Hans.js';

export type { MessageKey } from './messages/en.js';
export type PartialCatalogue = TranslatedCatalogue;

export const ENGLISH: Readonly<Record<MessageKey, string>> = en;

/** Keyed by BCP 47 tag (see i18n/languages.ts). */
export const CATALOGUES: Readonly<Record<string, PartialCatalogue>> = {
  en,
  ar,
  fa,
  ru,
  'zh-Hans': zhHans,
  hi,
  tr,
  fr,
  es,
  'pt-BR': ptBR,
};
