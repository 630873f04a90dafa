// The conversation's contract: plain data in, plain data out. Nothing here knows about
// HTTP, the database or WhatsApp's wire format (see ARCHITECTURE.md, "conversation/").
import type { MessageKey } from '../content/catalogues.js';
import type { Translator } from '../i18n/translator.js';

/** The user's language: its catalogue through the one renderer (pure: Intl and data only). */
export type Text = Translator<MessageKey>;

/** Every step a session can be in. A session is always in exactly one of these. */
export const STEPS = ['main_menu', 'choose_category', 'ask_budget', 'ask_name', 'ask_email', 'ask_country'] as const;
export type Step = (typeof STEPS)[number];

export interface SessionData {
  /** Budget in whole USD, remembered from the eligibility flow for the lead. */
  budget?: number;
  /** Name captured during the consultant flow, until the e-mail arrives. */
  name?: string;
  /** Country the user named in the job-search flow (the seed's country_of_interest). */
  countryOfInterest?: string;
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
  | { kind: 'choice'; id: string; title: string }
  /** Anything we cannot read as text: image, audio, location, sticker, unsupported... */
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
}

/**
 * What the user did, for the dashboard's funnel and the lead score (not an effect: nothing
 * changes because of it). The pipeline stores each one as a conversation event.
 */
export type Signal =
  /** A main-menu option chosen (1-6). */
  | { kind: 'option'; option: 1 | 2 | 3 | 4 | 5 | 6 }
  /** A program category shown. */
  | { kind: 'category'; category: string }
  /** A budget typed in the eligibility check, in whole USD. */
  | { kind: 'budget'; usd: number };

/** Side effects the step asks for; the pipeline performs them in the same transaction. */
export type Effect =
  | { kind: 'save_lead'; lead: LeadDetails }
  | { kind: 'record_country'; country: string }
  | { kind: 'job_search'; country: string };

export interface ConversationSettings {
  bookingUrl: string;
  brochureUrl: string;
  brochureFilename: string;
  brochureCaption: string;
  sessionTimeoutMs: number;
}

export interface StepContext {
  now: Date;
  /** The whole catalogue; the step picks and orders what it needs. */
  programs: readonly Program[];
  settings: ConversationSettings;
  /** Every sentence in the user's language. */
  text: Text;
}

export interface StepResult {
  state: SessionState;
  replies: Reply[];
  effects: Effect[];
  signals: Signal[];
}
