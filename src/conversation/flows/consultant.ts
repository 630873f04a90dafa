// Option 3: name, then e-mail, then the lead is saved.
import { checkName, normaliseEmail } from '../contact.js';
import { finished, stay, text, withoutDraft, type Outcome } from '../outcome.js';
import type { LeadDetails, SessionData, StepContext } from '../types.js';

export const DEFAULT_INTEREST = 'General consultation';

export function startConsultant(data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  return stay('ask_name', withoutDraft(data), text(`${t.t('consultant.askName')}\n\n${t.t('nav.backToMenuHint')}`));
}

export function handleName(input: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const checked = checkName(input);
  if (!checked.ok) {
    const reAsk = checked.reason === 'empty' ? t.t('consultant.nameEmpty') : t.t('consultant.nameInvalid');
    return stay('ask_name', data, text(`${reAsk}\n\n${t.t('nav.backToMenuHint')}`));
  }
  return stay('ask_email', { ...data, name: checked.name }, text(t.t('consultant.askEmail', { name: checked.name })));
}

export function handleEmail(input: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const name = data.name;
  // A session stored without the name (should not happen): ask for it again.
  if (name === undefined) return startConsultant(data, ctx);
  const email = normaliseEmail(input);
  if (email === null) {
    return stay('ask_email', data, text(`${t.t('consultant.emailInvalid')}\n\n${t.t('nav.backToMenuHint')}`));
  }

  const lead: LeadDetails = { name, email, interest: data.interest ?? DEFAULT_INTEREST };
  if (data.budget !== undefined) lead.budget = data.budget;
  if (data.countryOfInterest !== undefined) lead.countryOfInterest = data.countryOfInterest;
  return finished(t, withoutDraft(data), [text(t.t('consultant.saved', { name }))], [{ kind: 'save_lead', lead }]);
}
