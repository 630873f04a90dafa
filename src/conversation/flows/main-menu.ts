// The main menu: picking one of the six options, and options 5 and 6 which answer at once.
import { parseCategory, parseMenuOption } from '../intent.js';
import { mainMenuText, type MenuOption } from '../menus.js';
import { finished, text, toMainMenu, withSignal, withoutDraft, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';
import { startConsultant } from './consultant.js';
import { startEligibility } from './eligibility.js';
import { showCategory, startExplore } from './explore.js';
import { startJobs } from './jobs.js';

export function selectOption(option: MenuOption, data: SessionData, ctx: StepContext): Outcome {
  return withSignal(optionOutcome(option, data, ctx), { kind: 'option', option });
}

function optionOutcome(option: MenuOption, data: SessionData, ctx: StepContext): Outcome {
  const clean = withoutDraft(data);
  switch (option) {
    case 1:
      return startExplore(clean, ctx);
    case 2:
      return startEligibility(clean, ctx);
    case 3:
      return startConsultant(clean, ctx);
    case 4:
      return startJobs(clean, ctx);
    case 5:
      return finished(ctx.text, clean, [text(ctx.text.t('booking.link', { url: ctx.settings.bookingUrl }), true)]);
    case 6: {
      const { brochureUrl: link, brochureFilename: filename, brochureCaption: caption } = ctx.settings;
      return finished(ctx.text, clean, [{ kind: 'document', link, filename, caption }]);
    }
  }
}

/** Text at the main menu: a number, an option's name, or a category letter (after a program list). */
export function handleMainMenuText(input: string, data: SessionData, ctx: StepContext): Outcome {
  const option = parseMenuOption(input, ctx.text);
  if (option !== null) return selectOption(option, data, ctx);
  const key = parseCategory(input, ctx.programs);
  if (key !== null) return showCategory(key, data, ctx);
  return toMainMenu(ctx.text, data, [], mainMenuText(ctx.text, ctx.text.t('menu.didNotUnderstand')));
}
