// The lead score: 0-100, every point with its reason. Pure: the caller gathers the facts (see
// rescore-lead.ts) and passes the clock. The rules and their weights are the table below; the
// README of this folder explains them and score.test.ts checks each one.

export interface LeadFacts {
  /** Whole USD the user typed (eligibility check or lead form); null when never given. */
  budget: number | null;
  /** The cheapest program's minimum investment in the lead's category (or the whole catalogue). */
  cheapestMinimum: number | null;
  categoryChosen: boolean;
  countryGiven: boolean;
  /** Distinct main-menu options the user has used (1-6). */
  optionsUsed: number;
  eligibilityChecked: boolean;
  brochureAsked: boolean;
  bookingAsked: boolean;
  formCompleted: boolean;
  /** Epoch ms of the user's last message; null when unknown. */
  lastActivityAt: number | null;
}

export type ScoreRule =
  | 'budget_fits'
  | 'budget_close'
  | 'budget_given'
  | 'category_chosen'
  | 'country_given'
  | 'options_used'
  | 'eligibility_checked'
  | 'brochure_asked'
  | 'booking_asked'
  | 'form_completed'
  | 'recent_activity';

export interface ScoreReason {
  rule: ScoreRule;
  points: number;
  /** Plain words for the lead page. */
  reason: string;
}

export interface LeadScore {
  score: number;
  reasons: ScoreReason[];
}

/** The weights. Fit gives at most 45 points, engagement at most 55: the total is at most 100. */
export const WEIGHTS = {
  /** Budget at or above the cheapest program's minimum. */
  budgetFits: 25,
  /** Budget at least half of that minimum. */
  budgetClose: 12,
  /** Any other budget: the user at least told us. */
  budgetGiven: 5,
  categoryChosen: 10,
  countryGiven: 10,
  /** Per distinct menu option used, up to optionsUsedMax. */
  perOptionUsed: 3,
  optionsUsedMax: 9,
  eligibilityChecked: 8,
  brochureAsked: 6,
  bookingAsked: 10,
  formCompleted: 12,
  /** Full points within the first day after the last message, then halved every week. */
  recency: 10,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
export const RECENCY_FULL_MS = DAY_MS;
export const RECENCY_HALF_LIFE_MS = 7 * DAY_MS;

function usd(n: number): string {
  return `$${n.toLocaleString('en-US')}`;
}

function fitReasons(f: LeadFacts): ScoreReason[] {
  const out: ScoreReason[] = [];
  if (f.budget !== null) {
    if (f.cheapestMinimum !== null && f.budget >= f.cheapestMinimum)
      out.push({
        rule: 'budget_fits',
        points: WEIGHTS.budgetFits,
        reason: `Budget ${usd(f.budget)} reaches the cheapest program (${usd(f.cheapestMinimum)})`,
      });
    else if (f.cheapestMinimum !== null && f.budget * 2 >= f.cheapestMinimum)
      out.push({
        rule: 'budget_close',
        points: WEIGHTS.budgetClose,
        reason: `Budget ${usd(f.budget)} is at least half of the cheapest program (${usd(f.cheapestMinimum)})`,
      });
    else out.push({ rule: 'budget_given', points: WEIGHTS.budgetGiven, reason: `Budget given: ${usd(f.budget)}` });
  }
  if (f.categoryChosen)
    out.push({ rule: 'category_chosen', points: WEIGHTS.categoryChosen, reason: 'Chose a program category' });
  if (f.countryGiven)
    out.push({ rule: 'country_given', points: WEIGHTS.countryGiven, reason: 'Named a country of interest' });
  return out;
}

function recencyPoints(lastActivityAt: number | null, now: number): number {
  if (lastActivityAt === null) return 0;
  const age = Math.max(0, now - lastActivityAt);
  if (age <= RECENCY_FULL_MS) return WEIGHTS.recency;
  return Math.round(WEIGHTS.recency * 0.5 ** ((age - RECENCY_FULL_MS) / RECENCY_HALF_LIFE_MS));
}

function engagementReasons(f: LeadFacts, now: number): ScoreReason[] {
  const out: ScoreReason[] = [];
  const options = Math.min(WEIGHTS.optionsUsedMax, WEIGHTS.perOptionUsed * f.optionsUsed);
  if (options > 0)
    out.push({
      rule: 'options_used',
      points: options,
      reason: `Used ${f.optionsUsed} menu option${f.optionsUsed === 1 ? '' : 's'}`,
    });
  if (f.eligibilityChecked)
    out.push({ rule: 'eligibility_checked', points: WEIGHTS.eligibilityChecked, reason: 'Checked eligibility' });
  if (f.brochureAsked)
    out.push({ rule: 'brochure_asked', points: WEIGHTS.brochureAsked, reason: 'Asked for the brochure' });
  if (f.bookingAsked)
    out.push({ rule: 'booking_asked', points: WEIGHTS.bookingAsked, reason: 'Asked for the booking link' });
  if (f.formCompleted)
    out.push({ rule: 'form_completed', points: WEIGHTS.formCompleted, reason: 'Completed the consultant form' });
  const recency = recencyPoints(f.lastActivityAt, now);
  if (recency > 0 && f.lastActivityAt !== null) {
    const days = Math.floor(Math.max(0, now - f.lastActivityAt) / DAY_MS);
    const when = days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`;
    out.push({ rule: 'recent_activity', points: recency, reason: `Last wrote ${when}` });
  }
  return out;
}

/** The score (0-100) and one reason per rule that gave points, fit first. */
export function scoreLead(facts: LeadFacts, now: number): LeadScore {
  const reasons = [...fitReasons(facts), ...engagementReasons(facts, now)];
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score: Math.max(0, Math.min(100, total)), reasons };
}
