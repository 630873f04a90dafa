// Option 3: name, then e-mail, then the lead is saved.
import { checkName, normaliseEmail } from '../contact.js';
import { COPY } from '../copy.js';
import { finished, stay, text, withoutDraft, type Outcome } from '../outcome.js';
import type { LeadDetails, SessionData } from '../types.js';

export const DEFAULT_INTEREST = 'General consultation';

export function startConsultant(data: SessionData): Outcome {
  return stay('ask_name', withoutDraft(data), text(`${COPY.askName}\n\n${COPY.backToMenuHint}`));
}

export function handleName(input: string, data: SessionData): Outcome {
  const checked = checkName(input);
  if (!checked.ok) {
    const reAsk = checked.reason === 'empty' ? COPY.nameEmpty : COPY.nameInvalid;
    return stay('ask_name', data, text(`${reAsk}\n\n${COPY.backToMenuHint}`));
  }
  return stay('ask_email', { ...data, name: checked.name }, text(COPY.askEmail(checked.name)));
}

export function handleEmail(input: string, data: SessionData): Outcome {
  const name = data.name;
  // A session stored without the name (should not happen): ask for it again.
  if (name === undefined) return startConsultant(data);
  const email = normaliseEmail(input);
  if (email === null) return stay('ask_email', data, text(`${COPY.emailInvalid}\n\n${COPY.backToMenuHint}`));

  const lead: LeadDetails = { name, email, interest: data.interest ?? DEFAULT_INTEREST };
  if (data.budget !== undefined) lead.budget = data.budget;
  if (data.countryOfInterest !== undefined) lead.countryOfInterest = data.countryOfInterest;
  return finished(withoutDraft(data), [text(COPY.leadSaved(name))], [{ kind: 'save_lead', lead }]);
}
