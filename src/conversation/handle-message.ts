// The conversation's step function: (state, input, context) → (state, replies, effects). Pure.
import { handleEmail, handleName } from './flows/consultant.js';
import { handleBudget } from './flows/eligibility.js';
import { handleChooseCategory, showCategory } from './flows/explore.js';
import { handleCountry } from './flows/jobs.js';
import { handleMainMenuText, selectOption } from './flows/main-menu.js';
import { parseMenuOption, toIntent, type Intent } from './intent.js';
import { text, toMainMenu, withoutDraft, type Outcome } from './outcome.js';
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
  };
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
      return toMainMenu(ctx.text, data, [text(ctx.text.t('input.unsupported'))]);
    case 'home':
      return toMainMenu(ctx.text, data);
    case 'text': {
      const option = parseMenuOption(intent.text, ctx.text);
      return option === null ? toMainMenu(ctx.text, data) : selectOption(option, data, ctx);
    }
  }
}

function continueSession(state: SessionState, intent: Intent, ctx: StepContext): Outcome {
  const data = state.data;
  switch (intent.kind) {
    case 'unsupported':
      return toMainMenu(ctx.text, withoutDraft(data), [text(ctx.text.t('input.unsupported'))]);
    case 'home':
      return toMainMenu(ctx.text, withoutDraft(data));
    case 'option':
      return selectOption(intent.option, data, ctx);
    case 'category':
      return showCategory(intent.key, withoutDraft(data), ctx);
    case 'text':
      return answerStep(state, intent.text, ctx);
  }
}

function answerStep(state: SessionState, input: string, ctx: StepContext): Outcome {
  // A step we do not know (a stored session from another version) is read as the main menu.
  const step = STEPS.includes(state.step) ? state.step : 'main_menu';
  switch (step) {
    case 'main_menu':
      return handleMainMenuText(input, state.data, ctx);
    case 'choose_category':
      return handleChooseCategory(input, state.data, ctx);
    case 'ask_budget':
      return handleBudget(input, state.data, ctx);
    case 'ask_name':
      return handleName(input, state.data, ctx);
    case 'ask_email':
      return handleEmail(input, state.data, ctx);
    case 'ask_country':
      return handleCountry(input, state.data, ctx);
  }
}
