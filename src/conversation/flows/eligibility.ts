// Option 2: the budget, then the programs it is enough for.
import { formatUsd, parseBudget } from '../../lib/money.js';
import { cheapestProgram, eligiblePrograms } from '../catalogue.js';
import { COPY } from '../copy.js';
import { formatEligibleList } from '../format.js';
import { finished, stay, text, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';

export const ELIGIBILITY_INTEREST = 'Eligibility check';

const RE_ASK = {
  empty: COPY.budgetEmpty,
  unreadable: COPY.budgetUnreadable,
  not_positive: COPY.budgetNotPositive,
} as const;

export function startEligibility(data: SessionData): Outcome {
  return stay('ask_budget', data, text(`${COPY.askBudget}\n\n${COPY.backToMenuHint}`));
}

export function handleBudget(input: string, data: SessionData, ctx: StepContext): Outcome {
  const parsed = parseBudget(input);
  if (!parsed.ok) return stay('ask_budget', data, text(`${RE_ASK[parsed.reason]}\n\n${COPY.backToMenuHint}`));

  const budget = parsed.usd;
  const next: SessionData = { ...data, budget, interest: ELIGIBILITY_INTEREST };
  return finished(next, [text(eligibilityAnswer(budget, ctx))]);
}

function eligibilityAnswer(budget: number, ctx: StepContext): string {
  const shown = formatUsd(budget);
  const fits = eligiblePrograms(ctx.programs, budget, 5);
  if (fits.length > 0) return formatEligibleList(COPY.eligibleIntro(shown), fits, COPY.programsFollowUp);
  const cheapest = cheapestProgram(ctx.programs);
  if (cheapest === undefined) return COPY.noCatalogue;
  return COPY.notEligible(shown, formatUsd(cheapest.minimumInvestment), cheapest.name);
}
