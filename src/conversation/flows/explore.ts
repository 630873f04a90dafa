// Option 1: residency categories (as the catalogue has them), then the top programs of the chosen one.
import { categoriesOf, categoryByKey } from '../categories.js';
import { topProgramsInCategory } from '../catalogue.js';
import { formatTopPrograms } from '../format.js';
import { parseCategory } from '../intent.js';
import { categoryLetters, categoryListReply } from '../menus.js';
import { finished, stay, text, withSignal, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';

export function startExplore(data: SessionData, ctx: StepContext): Outcome {
  return stay('choose_category', data, categoryListReply(ctx.text, ctx.programs));
}

export function showCategory(key: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const category = categoryByKey(ctx.programs, key);
  // A letter from an old list that the catalogue no longer has: offer the categories there are now.
  if (category === undefined) return reAsk(data, ctx);
  const programs = topProgramsInCategory(ctx.programs, category.name, 3);
  // A category exists only through its programs, so there is at least one to show.
  const answer = formatTopPrograms(t, category.name, programs, t.t('programs.followUp'));
  return withSignal(finished(t, { ...data, interest: category.name }, [text(answer)]), {
    kind: 'category',
    category: category.name,
  });
}

export function handleChooseCategory(input: string, data: SessionData, ctx: StepContext): Outcome {
  const key = parseCategory(input, ctx.programs);
  return key === null ? reAsk(data, ctx) : showCategory(key, data, ctx);
}

function reAsk(data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const letters = categoryLetters(t, categoriesOf(ctx.programs));
  return stay('choose_category', data, categoryListReply(t, ctx.programs, t.t('explore.invalid', { letters })));
}
