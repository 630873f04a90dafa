// The FAQ of each language; English is complete and the fallback (an entry a language lacks is English's).
import { ar } from './ar.js';
import { en } from './en.js';
import { es } from './es.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { hi } from './hi.js';
import { ptBR } from './pt-BR.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import type { FaqEntry } from './types.js';
import { zhHans } from './zh-Hans.js';

export type { FaqEntry } from './types.js';

export const FAQ: Readonly<Record<string, readonly FaqEntry[]>> = {
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
