// Option 2: the budget, then the programs it is enough for.
import { parseBudget } from '../../lib/money.js';
import { cheapestProgram, eligiblePrograms } from '../catalogue.js';
import { formatEligibleList } from '../format.js';
import { finished, stay, text, withSignal, type Outcome } from '../outcome.js';
import type { SessionData, StepContext } from '../types.js';

export const ELIGIBILITY_INTEREST = 'Eligibility check';

const RE_ASK = {
  empty: 'eligibility.empty',
  unreadable: 'eligibility.unreadable',
  not_positive: 'eligibility.notPositive',
} as const;

export function startEligibility(data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  return stay('ask_budget', data, text(`${t.t('eligibility.ask')}\n\n${t.t('nav.backToMenuHint')}`));
}

export function handleBudget(input: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const parsed = parseBudget(input);
  if (!parsed.ok) {
    return stay('ask_budget', data, text(`${t.t(RE_ASK[parsed.reason])}\n\n${t.t('nav.backToMenuHint')}`));
  }

  const budget = parsed.usd;
  const next: SessionData = { ...data, budget, interest: ELIGIBILITY_INTEREST };
  return withSignal(finished(t, next, [text(eligibilityAnswer(budget, ctx))]), { kind: 'budget', usd: budget });
}

function eligibilityAnswer(budget: number, ctx: StepContext): string {
  const t = ctx.text;
  const amount = t.usd(budget);
  const fits = eligiblePrograms(ctx.programs, budget, 5);
  if (fits.length > 0) {
    return formatEligibleList(t, t.t('eligibility.intro', { amount }), fits, t.t('programs.followUp'));
  }
  const cheapest = cheapestProgram(ctx.programs);
  if (cheapest === undefined) return t.t('eligibility.noCatalogue');
  return t.t('eligibility.notEligible', {
    amount,
    lowest: t.usd(cheapest.minimumInvestment),
    program: cheapest.name,
  });
}
