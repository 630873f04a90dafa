// The main menu: picking one of the six options, and options 5 and 6 which answer at once.
import { COPY } from '../copy.js';
import { parseCategory, parseMenuOption } from '../intent.js';
import { mainMenuText, type MenuOption } from '../menus.js';
import { finished, text, toMainMenu, withoutDraft, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';
import { startConsultant } from './consultant.js';
import { startEligibility } from './eligibility.js';
import { showCategory, startExplore } from './explore.js';
import { startJobs } from './jobs.js';

export function selectOption(option: MenuOption, data: SessionData, ctx: StepContext): Outcome {
  const clean = withoutDraft(data);
  switch (option) {
    case 1:
      return startExplore(clean);
    case 2:
      return startEligibility(clean);
    case 3:
      return startConsultant(clean);
    case 4:
      return startJobs(clean);
    case 5:
      return finished(clean, [text(COPY.booking(ctx.settings.bookingUrl), true)]);
    case 6: {
      const { brochureUrl: link, brochureFilename: filename, brochureCaption: caption } = ctx.settings;
      return finished(clean, [{ kind: 'document', link, filename, caption }]);
    }
  }
}

/** Text at the main menu: a number, an option's name, or a category letter (after a program list). */
export function handleMainMenuText(input: string, data: SessionData, ctx: StepContext): Outcome {
  const option = parseMenuOption(input);
  if (option !== null) return selectOption(option, data, ctx);
  const key = parseCategory(input);
  if (key !== null) return showCategory(key, data, ctx);
  return toMainMenu(data, [], mainMenuText(COPY.didNotUnderstand));
}
