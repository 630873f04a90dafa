// Option 3: name, then e-mail, then the lead is saved.
import { checkName, normaliseEmail } from '../contact.js';
import { HANDOFF_CHOICE_ID, HOME_ROW_ID } from '../menus.js';
import { stay, text, withoutDraft, type Outcome } from '../outcome.js';
import type { LeadDetails, SessionData, StepContext, Text } from '../types.js';

export const DEFAULT_INTEREST = 'General consultation';

const NAME_RE_ASK = {
  empty: 'consultant.nameEmpty',
  invalid: 'consultant.nameInvalid',
  question: 'consultant.nameIsQuestion',
  email: 'consultant.nameIsEmail',
} as const;

export function startConsultant(data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  return stay('ask_name', withoutDraft(data), text(`${t.t('consultant.askName')}\n\n${t.t('nav.backToMenuHint')}`));
}

export function handleName(input: string, data: SessionData, ctx: StepContext): Outcome {
  const t = ctx.text;
  const checked = checkName(input);
  if (!checked.ok) {
    const reAsk = t.t(NAME_RE_ASK[checked.reason]);
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
  return leadSaved(t, withoutDraft(data), lead);
}

/**
 * The lead is saved: thank the client and offer a consultant in this chat now ("Yes" hands the
 * conversation over, see pipeline/handoff-gate.ts; "No, thanks" is the main menu).
 */
export function leadSaved(t: Text, data: SessionData, lead: LeadDetails): Outcome {
  const body = `${t.t('consultant.saved', { name: lead.name })}\n\n${t.t('consultant.offerChat')}`;
  const buttons = [
    { id: HANDOFF_CHOICE_ID, title: t.t('consultant.offerChatYes') },
    { id: HOME_ROW_ID, title: t.t('consultant.offerChatNo') },
  ];
  return {
    step: 'main_menu',
    // A typed "yes" instead of the button also means a consultant now (flows/main-menu.ts).
    data: { ...data, offer: 'chat' },
    replies: [{ kind: 'buttons', body, buttons }],
    effects: [{ kind: 'save_lead', lead }],
  };
}
