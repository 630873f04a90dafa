// Every sentence the bot says, in one place. English copy follows the seed system.

export const COPY = {
  welcome: '👋 Welcome to Nexora Investments!',
  chooseOption: 'Please choose an option:',
  replyWithNumber: 'Reply with a number.',
  anythingElse: '🙌 Anything else I can help you with? Reply with a number from 1 to 6, or tap *Main menu*.',
  didNotUnderstand: "❓ Sorry, I didn't understand that. Please reply with a number from 1 to 6, or type 'menu'.",
  sessionExpired: "⏱️ Your previous session expired, so we're starting again from the main menu.",
  unsupported:
    '🙏 Thanks! I can only read text messages for now. Please type your answer, or pick an option from the menu below.',
  backToMenuHint: "Type 'menu' to go back to the main menu.",

  categoriesTitle: '🌍 Top Residency Categories:',
  categoriesPrompt: 'Reply with A, B, C, or D',
  categoryInvalid: '❓ Sorry, that is not one of the categories. Please reply with A, B, C, or D.',
  noProgramsInCategory: (category: string): string =>
    `😕 We don't have any ${category} programs to show right now. Reply 3 and a consultant will tell you about the options that suit you.`,
  programsFollowUp: '💬 Interested? Reply 3 to talk to a consultant or 5 to book a consultation.',

  askBudget: '💰 What is your investment budget in US dollars?\n\nFor example: 250000, $300,000, 250k or 1.5M.',
  budgetEmpty: '💰 Please type your investment budget in US dollars, for example 250000 or $300k.',
  budgetUnreadable:
    "❓ Sorry, I couldn't read that amount. Please type your budget in US dollars, for example 300000, $300,000 or 300k.",
  budgetNotPositive:
    '❓ Your budget needs to be more than zero. Please type an amount in US dollars, for example 250000.',
  eligibleIntro: (budget: string): string => `✅ With a budget of ${budget} you are eligible for:`,
  notEligible: (budget: string, lowest: string, programName: string): string =>
    `😕 With a budget of ${budget} none of our programs is within reach yet. ` +
    `The lowest minimum investment is ${lowest} (${programName}).\n\n` +
    '💬 A consultant can look at other options with you: reply 3 to talk to a consultant.',
  noCatalogue:
    '😕 I could not find any programs to compare your budget with right now. Reply 3 and a consultant will help you.',

  askName: '👤 Happy to connect you with a consultant! What is your full name?',
  nameEmpty: '👤 Please type your full name.',
  nameInvalid: '❓ That does not look like a name. Please type your full name (up to 100 characters).',
  askEmail: (name: string): string => `📧 Thanks, ${name}! What is your e-mail address?`,
  emailInvalid: '❓ That e-mail address does not look right. Please type it again, for example name@example.com.',
  leadSaved: (name: string): string => `🙏 Thank you, ${name}! A Nexora consultant will be in touch with you shortly.`,

  askCountry: '💼 Which country would you like to work in?',
  countryInvalid: (examples: readonly string[]): string =>
    `❓ I don't know that country yet. Please type a country name, for example ${examples.join(', ')}.`,
  searchingJobs: (country: string): string =>
    `🔎 Searching jobs in ${country}… I'll send you what I find in a moment.\n\n` +
    "Meanwhile, reply with a number from 1 to 6 or type 'menu' for the main menu.",

  booking: (url: string): string =>
    `📅 Book a consultation with a Nexora consultant here:\n${url}\n\n` +
    'Pick a time that suits you and we will talk you through your options.',
} as const;
