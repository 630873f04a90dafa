// What a flow decides; handle-message turns it into a StepResult.
import { followUpMenuReply, mainMenuReply } from './menus.js';
import type { Language } from '../i18n/languages.js';
import type { Effect, ListRow, Reply, SessionData, Signal, Step, Text } from './types.js';

export interface Outcome {
  step: Step;
  data: SessionData;
  replies: Reply[];
  effects: Effect[];
  /** What the user did (see Signal); absent when nothing worth counting. */
  signals?: Signal[];
  /** The language the user chose in this step. */
  language?: Language;
}

export function withSignal(outcome: Outcome, signal: Signal): Outcome {
  return { ...outcome, signals: [...(outcome.signals ?? []), signal] };
}

export function stay(step: Step, data: SessionData, ...replies: Reply[]): Outcome {
  return { step, data, replies, effects: [] };
}

export function text(body: string, previewUrl?: boolean): Reply {
  return previewUrl === undefined ? { kind: 'text', body } : { kind: 'text', body, previewUrl };
}

/** Back at the main menu with the full welcome list (or a custom body). */
export function toMainMenu(t: Text, data: SessionData, before: Reply[] = [], menuBody?: string): Outcome {
  return { step: 'main_menu', data, replies: [...before, mainMenuReply(t, menuBody)], effects: [] };
}

/** A flow has finished: its answer, then the short "anything else?" menu (with `extraRows` on top). */
export function finished(
  t: Text,
  data: SessionData,
  answer: Reply[],
  effects: Effect[] = [],
  extraRows: ListRow[] = [],
): Outcome {
  return { step: 'main_menu', data, replies: [...answer, followUpMenuReply(t, extraRows)], effects };
}

/** The data without a half-finished form (the consultant's name, the job search's place). */
export function withoutDraft(data: SessionData): SessionData {
  const { name: _name, jobPlace: _jobPlace, ...rest } = data;
  return rest;
}
