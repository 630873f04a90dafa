// The main menu: picking one of the seven options; 5 and 6 answer at once, 7 asks for a person.
import { parseCategory, parseMenuOption, parseYesNo } from '../intent.js';
import { mainMenuText, type MenuOption } from '../menus.js';
import { finished, text, toMainMenu, withSignal, withoutDraft, type Outcome } from '../outcome.js';
import { formatProgramCard } from '../format.js';
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
      const { brochureUrl: link, brochureFilename: filename } = ctx.settings;
      const caption = ctx.settings.brochureCaption ?? ctx.text.t('brochure.caption');
      return finished(ctx.text, clean, [{ kind: 'document', link, filename, caption }]);
    }
    case 7:
      // The pipeline hands the conversation over and says when a consultant will reply.
      return { step: 'main_menu', data: clean, replies: [], effects: [{ kind: 'request_handoff' }] };
  }
}

/**
 * Text at the main menu: a number, an option's name or word, a category letter (after a program
 * list), yes or no (to the offer just made), else a question.
 */
export function handleMainMenuText(
  input: string,
  data: SessionData,
  ctx: StepContext,
  offer?: SessionData['offer'],
): Outcome {
  const option = parseMenuOption(input, ctx.text);
  if (option !== null) return selectOption(option, data, ctx);
  const key = parseCategory(input, ctx.programs);
  if (key !== null) return showCategory(key, data, ctx);
  return answerYesNo(input, data, ctx, offer) ?? answerQuestion(input, data, ctx);
}

/**
 * "Yes" or "no" at the menu answers the offer the bot just made: a consultant in this chat now
 * after a lead is saved (`offer` 'chat': yes is option 7), else the offer of a consultant that ends
 * a program card, a job search or a budget too small ("Reply 3": yes is option 3). No is the short
 * menu. Null when the text is neither.
 */
export function answerYesNo(
  input: string,
  data: SessionData,
  ctx: StepContext,
  offer?: SessionData['offer'],
): Outcome | null {
  const answer = parseYesNo(input);
  if (answer === null) return null;
  if (answer === 'no') return finished(ctx.text, withoutDraft(data), []);
  return selectOption(offer === 'chat' ? 7 : 3, data, ctx);
}

/**
 * Free text that is no menu choice: a question about a program (its card) or one of the FAQ (its
 * answer), each followed by the short menu; when nothing matches well, say so and show the menu.
 */
export function answerQuestion(input: string, data: SessionData, ctx: StepContext, firstMessage = false): Outcome {
  const t = ctx.text;
  const match = ctx.questions.find(input, t.language);
  if (match === null) {
    // A first message we cannot place ("hi there") is a hello: the welcome menu, no apology.
    return firstMessage ? toMainMenu(t, data) : toMainMenu(t, data, [], mainMenuText(t, t.t('menu.didNotUnderstand')));
  }
  if (match.kind === 'faq') return finished(t, data, [text(match.entry.answer)]);
  return finished(t, { ...data, interest: match.program.name }, [
    text(`${formatProgramCard(t, match.program)}\n\n${t.t('programs.followUp')}`),
  ]);
}
