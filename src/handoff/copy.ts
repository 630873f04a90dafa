// What the client is told about being handed to a person. Data, not logic.

export const HANDOFF_COPY = {
  pendingNow: '👤 Thank you, a consultant will reply to you here shortly. Type *menu* to go back to the assistant.',
  pendingLater: (hours: string, timeZone: string) =>
    `👤 Thank you. Our consultants are available ${hours} (${timeZone} time); one will reply to you here as soon as we open. Type *menu* to go back to the assistant.`,
  timedOut:
    '⏳ Sorry, no consultant could answer you in time. The assistant is back; a consultant will still contact you. Type *menu* to see what I can do.',
};

/** Words with which a client who is waiting for a person goes back to the bot. */
export const BACK_TO_BOT_WORDS: ReadonlySet<string> = new Set(['menu', 'main menu', 'cancel', 'back', 'bot']);
