// Option 2: the budget, then the programs it is enough for, a page at a time.
import { readBudget, type BudgetReading } from '../budget.js';
import { cheapestProgram, eligiblePrograms } from '../catalogue.js';
import { formatEligibleList } from '../format.js';
import { ELIGIBLE_MORE_ROW_PREFIX } from '../menus.js';
import { finished, stay, text, toMainMenu, withSignal, type Outcome } from '../outcome.js';
import type { ListRow, SessionData, StepContext, Text } from '../types.js';

export const ELIGIBILITY_INTEREST = 'Eligibility check';
/** Programs per message: five cards stay readable on a phone; the rest are one "more" row away. */
export const ELIGIBLE_PAGE_SIZE = 5;

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
  const parsed = readBudget(input, t.language, ctx.settings.currencyRates);
  if (!parsed.ok) {
    const reAsk =
      parsed.reason === 'no_rate'
        ? t.t('eligibility.noRate', { currency: parsed.currency })
        : t.t(RE_ASK[parsed.reason]);
    return stay('ask_budget', data, text(`${reAsk}\n\n${t.t('nav.backToMenuHint')}`));
  }

  const budget = parsed.usd;
  const next: SessionData = { ...data, budget, interest: ELIGIBILITY_INTEREST };
  return withSignal(eligibleAnswer(budgetText(t, parsed, ctx), budget, 0, next, ctx), { kind: 'budget', usd: budget });
}

/** The "more" row: the next page for the budget remembered in the session. */
export function showMoreEligible(offset: number, data: SessionData, ctx: StepContext): Outcome {
  if (data.budget === undefined) return toMainMenu(ctx.text, data);
  return eligibleAnswer(ctx.text.usd(data.budget), data.budget, offset, data, ctx);
}

/** "$300,000", or "€300,000 (≈ $327,000 at the rates of 30 Nov 2026)" for another currency. */
function budgetText(t: Text, parsed: Extract<BudgetReading, { ok: true }>, ctx: StepContext): string {
  if (parsed.original === undefined) return t.usd(parsed.usd);
  const { amount, currency } = parsed.original;
  const original = new Intl.NumberFormat(t.language, { style: 'currency', currency, maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(t.language, { dateStyle: 'medium', timeZone: 'UTC' });
  return t.t('eligibility.converted', {
    original: original.format(amount),
    amount: t.usd(parsed.usd),
    date: date.format(new Date(`${ctx.settings.currencyRates.date}T00:00:00Z`)),
  });
}

function eligibleAnswer(amount: string, budget: number, offset: number, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const fits = eligiblePrograms(ctx.programs, budget);
  if (fits.length === 0) {
    const cheapest = cheapestProgram(ctx.programs);
    const body =
      cheapest === undefined
        ? t.t('eligibility.noCatalogue')
        : t.t('eligibility.notEligible', { amount, lowest: t.usd(cheapest.minimumInvestment), program: cheapest.name });
    return finished(t, data, [text(body)]);
  }
  const start = offset > 0 && offset < fits.length ? offset : 0;
  const page = fits.slice(start, start + ELIGIBLE_PAGE_SIZE);
  const end = start + page.length;
  const count = fits.length;
  const intro =
    start === 0
      ? `${t.t('eligibility.intro', { amount })}\n${t.t('eligibility.count', { count })}`
      : t.t('eligibility.pageIntro', { amount, from: start + 1, to: end, count });
  const rest = count - end;
  const moreRows: ListRow[] = [];
  let followUp = t.t('programs.followUp');
  if (rest > 0) {
    const next = Math.min(end + ELIGIBLE_PAGE_SIZE, count);
    moreRows.push({
      id: `${ELIGIBLE_MORE_ROW_PREFIX}${end}`,
      title: t.t('eligibility.moreRow'),
      description: t.t('eligibility.moreRowDescription', { from: end + 1, to: next, count }),
    });
    followUp = `${t.t('eligibility.moreHint', { count: rest, row: t.t('eligibility.moreRow') })}\n\n${followUp}`;
  }
  return finished(t, data, [text(formatEligibleList(t, intro, page, followUp, start))], [], moreRows);
}
