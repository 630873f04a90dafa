// A WhatsApp Flow submitted (interactive nfm_reply): its answers arrive at once, as a form. A form
// with a name and an e-mail is a consultation request, like the consultant flow's two questions.
import { readBudget } from '../budget.js';
import { checkName, normaliseEmail } from '../contact.js';
import { stay, text, toMainMenu, withoutDraft, type Outcome } from '../outcome.js';
import type { LeadDetails, SessionData, StepContext } from '../types.js';
import { DEFAULT_INTEREST, leadSaved } from './consultant.js';

/** The field names a Flow may use for each answer (Flow authors name them; these are the usual ones). */
const NAME_FIELDS = ['name', 'full_name', 'fullname', 'your_name'];
const EMAIL_FIELDS = ['email', 'email_address', 'e_mail'];
const BUDGET_FIELDS = ['budget', 'budget_usd', 'investment_budget'];
const INTEREST_FIELDS = ['interest', 'program', 'programme', 'category'];

function field(fields: Readonly<Record<string, string>>, names: readonly string[]): string | undefined {
  for (const [key, value] of Object.entries(fields)) {
    if (names.includes(key.trim().toLowerCase()) && value.trim() !== '') return value;
  }
  return undefined;
}

export function handleForm(fields: Readonly<Record<string, string>>, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const rawName = field(fields, NAME_FIELDS);
  const name = rawName === undefined ? null : checkName(rawName);
  const rawEmail = field(fields, EMAIL_FIELDS);
  const email = rawEmail === undefined ? null : normaliseEmail(rawEmail);
  const rawBudget = field(fields, BUDGET_FIELDS);
  const budget = rawBudget === undefined ? null : readBudget(rawBudget, t.language, ctx.settings.currencyRates);
  const interest = field(fields, INTEREST_FIELDS)?.trim().slice(0, 100);
  const next: SessionData = { ...withoutDraft(data) };
  if (budget?.ok) next.budget = budget.usd;
  if (interest !== undefined) next.interest = interest;
  if (name?.ok && email !== null) {
    const lead: LeadDetails = { name: name.name, email, interest: next.interest ?? DEFAULT_INTEREST };
    if (next.budget !== undefined) lead.budget = next.budget;
    if (next.countryOfInterest !== undefined) lead.countryOfInterest = next.countryOfInterest;
    return leadSaved(t, next, lead);
  }
  // A name without a usable e-mail: the consultant flow goes on from its second question.
  if (name?.ok)
    return stay('ask_email', { ...next, name: name.name }, text(t.t('consultant.askEmail', { name: name.name })));
  // Any other form (an address, a survey): received, nothing to ask; the menu, without "I can only read text".
  return toMainMenu(t, next);
}
