// Every language's message catalogue, as data. English is complete; the others may lack keys
// (they fall back to English), never have extra ones (content.test.ts checks both).
import type { MessageKey } from './messages/en.js';
import { en } from './messages/en.js';

export type { MessageKey } from './messages/en.js';
export type PartialCatalogue = Readonly<Partial<Record<MessageKey, string>>>;

export const ENGLISH: Readonly<Record<MessageKey, string>> = en;

/** Keyed by BCP 47 tag (see i18n/languages.ts). */
export const CATALOGUES: Readonly<Record<string, PartialCatalogue>> = { en };
