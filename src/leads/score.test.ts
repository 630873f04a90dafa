import { describe, expect, it } from 'vitest';
import { scoreLead, WEIGHTS, type LeadFacts, type ScoreRule } from './score.js';

const NOW = Date.UTC(2026, 0, 31, 12);
const DAY = 24 * 60 * 60 * 1000;
const NOTHING: LeadFacts = {
  budget: null,
  cheapestMinimum: 250_000,
  categoryChosen: false,
  countryGiven: false,
  optionsUsed: 0,
  eligibilityChecked: false,
  brochureAsked: false,
  bookingAsked: false,
  formCompleted: false,
  lastActivityAt: null,
};

const rulesOf = (f: Partial<LeadFacts>) =>
  Object.fromEntries(scoreLead({ ...NOTHING, ...f }, NOW).reasons.map((r) => [r.rule, r.points]));

describe('lead score rules', () => {
  it.each<[string, Partial<LeadFacts>, Partial<Record<ScoreRule, number>>]>([
    ['nothing known', {}, {}],
    ['budget at the cheapest minimum', { budget: 250_000 }, { budget_fits: 25 }],
    ['budget above it', { budget: 2_000_000 }, { budget_fits: 25 }],
    ['budget at half of it', { budget: 125_000 }, { budget_close: 12 }],
    ['budget under half', { budget: 124_999 }, { budget_given: 5 }],
    ['budget with an empty catalogue', { budget: 1_000_000, cheapestMinimum: null }, { budget_given: 5 }],
    ['category chosen', { categoryChosen: true }, { category_chosen: 10 }],
    ['country given', { countryGiven: true }, { country_given: 10 }],
    ['one option used', { optionsUsed: 1 }, { options_used: 3 }],
    ['three options used', { optionsUsed: 3 }, { options_used: 9 }],
    ['six options: capped at 9', { optionsUsed: 6 }, { options_used: 9 }],
    ['eligibility checked', { eligibilityChecked: true }, { eligibility_checked: 8 }],
    ['brochure asked', { brochureAsked: true }, { brochure_asked: 6 }],
    ['booking asked', { bookingAsked: true }, { booking_asked: 10 }],
    ['form completed', { formCompleted: true }, { form_completed: 12 }],
    ['wrote an hour ago', { lastActivityAt: NOW - 3_600_000 }, { recent_activity: 10 }],
    ['wrote exactly a day ago', { lastActivityAt: NOW - DAY }, { recent_activity: 10 }],
    ['a day and a week ago: half', { lastActivityAt: NOW - 8 * DAY }, { recent_activity: 5 }],
    ['a day and two weeks ago: a quarter', { lastActivityAt: NOW - 15 * DAY }, { recent_activity: 3 }],
    ['three months ago: nothing', { lastActivityAt: NOW - 90 * DAY }, {}],
    ['a clock behind the message counts as now', { lastActivityAt: NOW + DAY }, { recent_activity: 10 }],
  ])('%s', (_name, facts, expected) => {
    expect(rulesOf(facts)).toEqual(expected);
  });

  it('gives 100 to a lead that did everything, recently', () => {
    const all: LeadFacts = {
      budget: 500_000,
      cheapestMinimum: 250_000,
      categoryChosen: true,
      countryGiven: true,
      optionsUsed: 6,
      eligibilityChecked: true,
      brochureAsked: true,
      bookingAsked: true,
      formCompleted: true,
      lastActivityAt: NOW,
    };
    const { score, reasons } = scoreLead(all, NOW);
    expect(score).toBe(100);
    expect(reasons.map((r) => r.rule)).toEqual([
      'budget_fits',
      'category_chosen',
      'country_given',
      'options_used',
      'eligibility_checked',
      'brochure_asked',
      'booking_asked',
      'form_completed',
      'recent_activity',
    ]);
    expect(reasons.every((r) => r.reason.length > 0)).toBe(true);
  });

  it('sums the points of its reasons and explains them in words', () => {
    const { score, reasons } = scoreLead(
      { ...NOTHING, budget: 300_000, formCompleted: true, lastActivityAt: NOW - 2 * DAY },
      NOW,
    );
    expect(score).toBe(WEIGHTS.budgetFits + WEIGHTS.formCompleted + 9);
    expect(reasons).toEqual([
      { rule: 'budget_fits', points: 25, reason: 'Budget $300,000 reaches the cheapest program ($250,000)' },
      { rule: 'form_completed', points: 12, reason: 'Completed the consultant form' },
      { rule: 'recent_activity', points: 9, reason: 'Last wrote 2 days ago' },
    ]);
  });

  it('scores zero with no reasons when nothing is known', () => {
    expect(scoreLead(NOTHING, NOW)).toEqual({ score: 0, reasons: [] });
  });
});
