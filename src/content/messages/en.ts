// The English catalogue: every sentence the bot sends, as ICU MessageFormat (intl-messageformat).
// English is the reference and the fallback: another language may leave a key out, never add one.
// Amounts arrive already formatted for the user's locale ({amount}); counts are plain numbers ({count}).
export const en = {
  'menu.welcome': '👋 Welcome to Nexora Investments!',
  'menu.chooseOption': 'Please choose an option:',
  'menu.replyWithNumber': 'Reply with a number.',
  'menu.anythingElse': '🙌 Anything else I can help you with? Reply with a number from 1 to 6, or tap *Main menu*.',
  'menu.didNotUnderstand':
    "❓ Sorry, I didn't understand that. Please reply with a number from 1 to 6, or type 'menu'.",
  'menu.footer': "Type 'menu' anytime to start over",
  'menu.button': 'Main menu',
  'menu.sectionTitle': 'How can we help?',
  'menu.option1.label': 'Explore Residency Programs',
  'menu.option1.row': '1. Explore Programs',
  'menu.option1.description': 'Explore Residency Programs: the top programs in each region',
  'menu.option2.label': 'Check Eligibility',
  'menu.option2.row': '2. Check Eligibility',
  'menu.option2.description': 'See which programs fit your investment budget',
  'menu.option3.label': 'Talk to Consultant',
  'menu.option3.row': '3. Talk to Consultant',
  'menu.option3.description': 'Leave your name and e-mail and a consultant will contact you',
  'menu.option4.label': 'Job Search Assistance',
  'menu.option4.row': '4. Job Search Assistance',
  'menu.option4.description': 'Find job openings in the country of your choice',
  'menu.option5.label': 'Book Consultation',
  'menu.option5.row': '5. Book Consultation',
  'menu.option5.description': 'Get the link to book a consultation',
  'menu.option6.label': 'Download Brochure',
  'menu.option6.row': '6. Download Brochure',
  'menu.option6.description': 'Receive the Nexora Investments brochure',
  'nav.backToMenuHint': "Type 'menu' to go back to the main menu.",
  'nav.mainMenuRow': '⬅️ Main menu',
  'nav.mainMenuRowDescription': 'Back to all options',

  'session.expired': "⏱️ Your previous session expired, so we're starting again from the main menu.",
  'input.unsupported':
    '🙏 Thanks! I can only read text messages for now. Please type your answer, or pick an option from the menu below.',

  'explore.title': '🌍 Top Residency Categories:',
  'explore.prompt': 'Reply with {letters}',
  'explore.invalid': '❓ Sorry, that is not one of the categories. Please reply with {letters}.',
  'explore.button': 'Categories',
  'explore.sectionTitle': 'Residency categories',
  'explore.rowDescription': '{count, plural, one {# program} other {# programs}}, from {amount}',
  'explore.topTitle': '{count, plural, one {🏆 Our {category} Program:} other {🏆 Top # {category} Programs:}}',
  'programs.followUp': '💬 Interested? Reply 3 to talk to a consultant or 5 to book a consultation.',
  'program.category': 'Category: {category}',
  'program.investment': 'Investment: {amount}',
  'program.processing': 'Processing: {time}',
  'program.link': 'Link: {link}',

  'eligibility.ask': '💰 What is your investment budget in US dollars?\n\nFor example: 250000, $300,000, 250k or 1.5M.',
  'eligibility.empty': '💰 Please type your investment budget in US dollars, for example 250000 or $300k.',
  'eligibility.unreadable':
    "❓ Sorry, I couldn't read that amount. Please type your budget in US dollars, for example 300000, $300,000 or 300k.",
  'eligibility.notPositive':
    '❓ Your budget needs to be more than zero. Please type an amount in US dollars, for example 250000.',
  'eligibility.intro': '✅ With a budget of {amount} you are eligible for:',
  'eligibility.notEligible':
    '😕 With a budget of {amount} none of our programs is within reach yet. The lowest minimum investment is {lowest} ({program}).\n\n💬 A consultant can look at other options with you: reply 3 to talk to a consultant.',
  'eligibility.noCatalogue':
    '😕 I could not find any programs to compare your budget with right now. Reply 3 and a consultant will help you.',

  'consultant.askName': '👤 Happy to connect you with a consultant! What is your full name?',
  'consultant.nameEmpty': '👤 Please type your full name.',
  'consultant.nameInvalid': '❓ That does not look like a name. Please type your full name (up to 100 characters).',
  'consultant.askEmail': '📧 Thanks, {name}! What is your e-mail address?',
  'consultant.emailInvalid':
    '❓ That e-mail address does not look right. Please type it again, for example name@example.com.',
  'consultant.saved': '🙏 Thank you, {name}! A Nexora consultant will be in touch with you shortly.',

  'jobs.askCountry': '💼 Which country would you like to work in?',
  'jobs.countryInvalid': "❓ I don't know that country yet. Please type a country name, for example {examples}.",
  'jobs.searching':
    "🔎 Searching jobs in {country}… I'll send you what I find in a moment.\n\nMeanwhile, reply with a number from 1 to 6 or type 'menu' for the main menu.",
  'jobs.found': 'Here are the latest jobs in {place}:',
  'jobs.seeMore': 'See more: {link}',
  'jobs.none': "I couldn't find any current job openings in {place} just now.",
  'jobs.searchYourself': 'You can search yourself here:\n{link}',
  'jobs.unavailable': 'Our job search is not available at the moment.',
  'jobs.latestHere': 'You can see the latest jobs in {place} here:\n{link}',
  'jobs.consultant': 'Would you like to talk to one of our consultants about working and living there? Reply *3*.',

  'booking.link':
    '📅 Book a consultation with a Nexora consultant here:\n{url}\n\nPick a time that suits you and we will talk you through your options.',

  'optOut.confirmed':
    "🔕 You're unsubscribed: Nexora Investments won't send you any more messages. Reply START at any time to talk to us again.",
  'optIn.confirmed': '🔔 Welcome back! You will receive our replies again.',

  'leadEmail.subject': '{event, select, created {New lead} other {Updated lead}}: {who}{about}',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
