// The conversation's step function: (state, input, context) → (state, replies, effects). Pure.
import { handleEmail, handleName } from './flows/consultant.js';
import { handleBudget, showMoreEligible } from './flows/eligibility.js';
import { handleChooseCategory, showCategory } from './flows/explore.js';
import { handleForm } from './flows/form.js';
import { handleCountry, handleJobKeywords } from './flows/jobs.js';
import { chooseLanguage, handleLanguageText, startLanguage } from './flows/language.js';
import { answerQuestion, answerYesNo, handleMainMenuText, selectOption } from './flows/main-menu.js';
import { parseMenuNumber, parseMenuOption, toIntent, type Intent } from './intent.js';
import { finished, text, toMainMenu, withoutDraft, type Outcome } from './outcome.js';
import {
  STEPS,
  type SessionData,
  type SessionState,
  type StepContext,
  type StepResult,
  type UserInput,
} from './types.js';

export function initialState(): SessionState {
  return { step: 'main_menu', data: {}, lastActivityAt: null };
}

export function isExpired(state: SessionState, ctx: StepContext): boolean {
  if (state.lastActivityAt === null) return false;
  return ctx.now.getTime() - state.lastActivityAt.getTime() > ctx.settings.sessionTimeoutMs;
}

export function handleMessage(state: SessionState | null, input: UserInput, ctx: StepContext): StepResult {
  const expired = state !== null && isExpired(state, ctx);
  const intent = toIntent(input, expired || state?.step !== 'ask_budget');
  const outcome = state === null || expired ? startFresh(intent, ctx) : continueSession(state, intent, ctx);
  const replies = expired ? [text(ctx.text.t('session.expired')), ...outcome.replies] : outcome.replies;
  return {
    state: { step: outcome.step, data: outcome.data, lastActivityAt: ctx.now },
    replies,
    effects: outcome.effects,
    signals: outcome.signals ?? [],
    ...(outcome.language === undefined ? {} : { language: outcome.language }),
  };
}

/** Files the pipeline keeps for the consultant (images, documents, video, voice notes): say so. */
const KEPT_FILES: ReadonlySet<string> = new Set(['image', 'document', 'video', 'audio']);

/** What a message the bot cannot read as text gets: a kept file is acknowledged as received. */
function unsupportedCopy(type: string): 'input.fileReceived' | 'input.unsupported' {
  return KEPT_FILES.has(type) ? 'input.fileReceived' : 'input.unsupported';
}

/** A new user, or one whose session expired: a menu choice is honoured, anything else gets the menu. */
function startFresh(intent: Intent, ctx: StepContext): Outcome {
  const data: SessionData = {};
  switch (intent.kind) {
    case 'option':
      return selectOption(intent.option, data, ctx);
    case 'category':
      return showCategory(intent.key, data, ctx);
    case 'unsupported':
      return toMainMenu(ctx.text, data, [text(ctx.text.t(unsupportedCopy(intent.type)))]);
    case 'form':
      return handleForm(intent.fields, data, ctx);
    case 'home':
      return toMainMenu(ctx.text, data);
    case 'language_menu':
      return startLanguage(data, ctx);
    case 'set_language':
      return chooseLanguage(intent.language, data, ctx);
    case 'smalltalk':
      return smalltalk(intent.what, data, ctx);
    case 'more_eligible':
      // The budget went with the expired session: the menu, from which it is one question away.
      return toMainMenu(ctx.text, data);
    case 'text': {
      const option = parseMenuOption(intent.text, ctx.text);
      if (option !== null) return selectOption(option, data, ctx);
      return answerYesNo(intent.text, data, ctx) ?? answerQuestion(intent.text, data, ctx, true);
    }
  }
}

function continueSession(state: SessionState, intent: Intent, ctx: StepContext): Outcome {
  // An offer ("chat with a consultant now?") is answered by the next message or not at all.
  const { offer, ...data } = state.data;
  switch (intent.kind) {
    case 'unsupported':
      return toMainMenu(ctx.text, withoutDraft(data), [text(ctx.text.t(unsupportedCopy(intent.type)))]);
    case 'form':
      return handleForm(intent.fields, data, ctx);
    case 'home':
      return toMainMenu(ctx.text, withoutDraft(data));
    case 'option':
      return selectOption(intent.option, data, ctx);
    case 'category':
      return showCategory(intent.key, withoutDraft(data), ctx);
    case 'language_menu':
      return startLanguage(withoutDraft(data), ctx);
    case 'set_language':
      return chooseLanguage(intent.language, withoutDraft(data), ctx);
    case 'smalltalk':
      return smalltalk(intent.what, withoutDraft(data), ctx);
    case 'more_eligible':
      return showMoreEligible(intent.offset, withoutDraft(data), ctx);
    case 'text':
      return answerStep({ ...state, data }, intent.text, ctx, offer);
  }
}

/** Thanks and goodbyes get a friendly word back, then the short menu. */
function smalltalk(what: 'thanks' | 'goodbye', data: SessionData, ctx: StepContext): Outcome {
  return finished(ctx.text, data, [text(ctx.text.t(what === 'thanks' ? 'smalltalk.thanks' : 'smalltalk.goodbye'))]);
}

function answerStep(state: SessionState, input: string, ctx: StepContext, offer?: SessionData['offer']): Outcome {
  // A step we do not know (a stored session from another version) is read as the main menu.
  const step = STEPS.includes(state.step) ? state.step : 'main_menu';
  switch (step) {
    case 'main_menu':
      return handleMainMenuText(input, state.data, ctx, offer);
    case 'choose_category':
      return handleChooseCategory(input, state.data, ctx);
    case 'ask_budget': {
      // "3" is a menu choice typed at the wrong moment, not a budget of $3.
      const option = parseMenuOption(input, ctx.text);
      return option === null ? handleBudget(input, state.data, ctx) : selectOption(option, state.data, ctx);
    }
    case 'ask_name':
      return handleName(input, state.data, ctx);
    case 'ask_email':
      return handleEmail(input, state.data, ctx);
    case 'ask_country':
      return handleCountry(input, state.data, ctx);
    case 'ask_job_keywords': {
      // "3" is a menu choice typed at the wrong moment, not a job; "jobs" or "trabajo" is a job.
      const option = parseMenuNumber(input);
      return option === null ? handleJobKeywords(input, state.data, ctx) : selectOption(option, state.data, ctx);
    }
    case 'choose_language':
      return handleLanguageText(input, state.data, ctx);
  }
}
