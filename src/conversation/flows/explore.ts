// Option 1: residency categories, then the top programs of the chosen one.
import { topProgramsInCategory } from '../catalogue.js';
import { COPY } from '../copy.js';
import { formatTopPrograms } from '../format.js';
import { parseCategory } from '../intent.js';
import { categoryListReply, categoryName, type CategoryKey } from '../menus.js';
import { finished, stay, text, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';

export function startExplore(data: SessionData): Outcome {
  return stay('choose_category', data, categoryListReply());
}

export function showCategory(key: CategoryKey, data: SessionData, ctx: StepContext): Outcome {
  const category = categoryName(key);
  const programs = topProgramsInCategory(ctx.programs, category, 3);
  const answer =
    programs.length === 0
      ? COPY.noProgramsInCategory(category)
      : formatTopPrograms(category, programs, COPY.programsFollowUp);
  return finished({ ...data, interest: category }, [text(answer)]);
}

export function handleChooseCategory(input: string, data: SessionData, ctx: StepContext): Outcome {
  const key = parseCategory(input);
  if (key === null) return stay('choose_category', data, categoryListReply(COPY.categoryInvalid));
  return showCategory(key, data, ctx);
}
