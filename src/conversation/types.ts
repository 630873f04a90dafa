// The conversation's contract: plain data in, plain data out. Nothing here knows about
// HTTP, the database or WhatsApp's wire format (see ARCHITECTURE.md, "conversation/").
import type { MessageKey } from '../content/catalogues.js';
import type { Language } from '../i18n/languages.js';
import type { Translator } from '../i18n/translator.js';
import type { FaqEntry } from '../content/faq/types.js';

/** The user's language: its catalogue through the one renderer (pure: Intl and data only). */
export type Text = Translator<MessageKey>;

/** Every step a session can be in. A session is always in exactly one of these. */
export const STEPS = [
  'main_menu',
  'choose_category',
  'ask_budget',
  'ask_name',
  'ask_email',
  'ask_country',
  'ask_job_keywords',
  'choose_language',
] as const;
export type Step = (typeof STEPS)[number];

export interface SessionData {
  /** Budget in whole USD, remembered from the eligibility flow for the lead. */
  budget?: number;
  /** Name captured during the consultant flow, until the e-mail arrives. */
  name?: string;
  /** Country the user named in the job-search flow (the seed's country_of_interest). */
  countryOfInterest?: string;
  /** The place as the user typed it ("Dubai"), between the country and the kind of job. */
  jobPlace?: string;
  /** The offer the last reply ended with, for a typed "yes" (only the next message answers it). */
  offer?: 'chat';
  /** What the user last showed interest in (category, eligibility, jobs...), for the lead. */
  interest?: string;
}

export interface SessionState {
  step: Step;
  data: SessionData;
  /** When the user last wrote; null for a brand-new user. */
  lastActivityAt: Date | null;
}

/** What the user sent, reduced to what the conversation needs. */
export type UserInput =
  | { kind: 'text'; text: string }
  /** A tap on a list row, a reply button or a template quick-reply: its id (payload). */
  | {
      kind: 'choice';
      id: string;
      title: string;
      /** A template quick-reply (a `button` message), whose label the business wrote: a Stop label opts out. */
      template?: true;
    }
  /** A WhatsApp Flow's answers (interactive nfm_reply `response_json`), as field → text. */
  | { kind: 'form'; name: string; fields: Readonly<Record<string, string>> }
  /** Anything we cannot read as text: audio, location, sticker, an image without caption, unsupported... */
  | { kind: 'unsupported'; type: string };

export interface Program {
  name: string;
  country: string;
  category: string;
  description: string;
  minimumInvestment: number;
  processingTime: string;
  link: string;
  rank: number;
  /** Per language tag, the description and processing time in that language; English is the row itself. */
  translations?: ProgramTranslations;
}

export type ProgramTranslations = Readonly<Record<string, { description?: string; processingTime?: string }>>;

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

/** A message the bot wants to send, independent of the wire format. */
export type Reply =
  | { kind: 'text'; body: string; previewUrl?: boolean }
  | {
      kind: 'list';
      header?: string;
      body: string;
      footer?: string;
      button: string;
      sections: { title: string; rows: ListRow[] }[];
    }
  | {
      kind: 'buttons';
      header?: string;
      body: string;
      footer?: string;
      buttons: { id: string; title: string }[];
    }
  | { kind: 'document'; link: string; filename: string; caption?: string };

export interface LeadDetails {
  name: string;
  email: string;
  interest: string;
  budget?: number;
  countryOfInterest?: string;
  /** The place as the user typed it ("Dubai"), between the country and the kind of job. */
  jobPlace?: string;
}

/**
 * What the user did, for the dashboard's funnel and the lead score (not an effect: nothing
 * changes because of it). The pipeline stores each one as a conversation event.
 */
export type Signal =
  /** A main-menu option chosen (1-7). */
  | { kind: 'option'; option: 1 | 2 | 3 | 4 | 5 | 6 | 7 }
  /** A program category shown. */
  | { kind: 'category'; category: string }
  /** A budget typed in the eligibility check, in whole USD. */
  | { kind: 'budget'; usd: number };

/** Side effects the step asks for; the pipeline performs them in the same transaction. */
export type Effect =
  | { kind: 'save_lead'; lead: LeadDetails }
  | { kind: 'record_country'; country: string }
  /** `country` as the user typed it (the worker looks it up again); `keywords` absent = any job. */
  | { kind: 'job_search'; country: string; keywords?: string }
  /** The client asked to chat with a person now (menu option 7): the pipeline makes the conversation pending. */
  | { kind: 'request_handoff' };

export type QuestionMatch = { kind: 'program'; program: Program } | { kind: 'faq'; entry: FaqEntry };

/** Free-text questions against the catalogue and the FAQ (built outside, in search/question-index.ts). */
export interface QuestionIndex {
  /** The best answer to `question` in `language`, or null when nothing matches well. */
  find(question: string, language: string): QuestionMatch | null;
}

/** US dollars per unit of each currency, as of `date` (CURRENCY_RATES_FILE; see data-seed/currency-rates.json). */
export interface CurrencyRates {
  /** The day the rates are from, YYYY-MM-DD: stated next to every converted amount. */
  date: string;
  usdPer: Readonly<Record<string, number>>;
}

export interface ConversationSettings {
  bookingUrl: string;
  brochureUrl: string;
  brochureFilename: string;
  /** Set by the operator (BROCHURE_CAPTION): one caption for every language; else the catalogue's. */
  brochureCaption?: string | undefined;
  sessionTimeoutMs: number;
  currencyRates: CurrencyRates;
}

export interface StepContext {
  now: Date;
  /** The whole catalogue; the step picks and orders what it needs. */
  programs: readonly Program[];
  settings: ConversationSettings;
  /** Every sentence in the user's language. */
  text: Text;
  /** Free-text questions against this catalogue and the FAQ (built once per catalogue, not per message). */
  questions: QuestionIndex;
  /** Another language's sentences: the answer to choosing a language is already in the new one. */
  textIn: (language: Language) => Text;
}

export interface StepResult {
  state: SessionState;
  replies: Reply[];
  effects: Effect[];
  signals: Signal[];
  /** The language the user just chose (the pipeline stores it); absent when unchanged. */
  language?: Language;
}
