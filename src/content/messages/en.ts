// The English catalogue: every sentence the bot sends, as ICU MessageFormat (intl-messageformat).
// English is the reference and the fallback: another language may leave a key out, never add one.
// Amounts arrive already formatted for the user's locale ({amount}); counts are plain numbers ({count}).
export const en = {
  'menu.welcome': '👋 Welcome to Nexora Investments!',
  'menu.chooseOption': 'Please choose an option:',
  'menu.replyWithNumber': 'Reply with a number.',
  'menu.anythingElse': '🙌 Anything else I can help you with? Reply with a number from 1 to 7, or tap *Main menu*.',
  'menu.didNotUnderstand':
    "❓ Sorry, I didn't understand that. Please reply with a number from 1 to 7, or type 'menu'.",
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
  'menu.option7.label': 'Chat with a Consultant Now',
  'menu.option7.row': '7. Chat with Us Now',
  'menu.option7.description': 'A consultant replies to you here, in this chat',
  'menu.languageRow': '🌐 Language',
  'menu.languageRowDescription': 'Choose the language I answer in',
  'nav.backToMenuHint': "Type 'menu' to go back to the main menu.",
  'nav.mainMenuRow': '⬅️ Main menu',
  'nav.mainMenuRowDescription': 'Back to all options',

  'session.expired': "⏱️ Your previous session expired, so we're starting again from the main menu.",
  'input.unsupported':
    '🙏 Thanks! I can only read text messages for now. Please type your answer, or pick an option from the menu below.',
  'input.fileReceived':
    '📎 Thank you, your file has reached us and your consultant will see it. I can only read text myself: please type your question, or pick an option from the menu below.',
  'media.tooLarge':
    "📎 Sorry, we couldn't receive your file: it is larger than {limit}, the most WhatsApp lets us accept. Please send a smaller file, or split it into several.",
  'media.corrupt': "📎 Sorry, your file arrived damaged and we couldn't open it. Please send it again.",

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
  'consultant.nameIsQuestion':
    '❓ A consultant will gladly answer that. To pass your question on, I first need your full name: what is it?',
  'consultant.nameIsEmail': '📧 Thanks, I will ask for your e-mail in a moment. First, what is your full name?',
  'consultant.askEmail': '📧 Thanks, {name}! What is your e-mail address?',
  'consultant.emailInvalid':
    '❓ That e-mail address does not look right. Please type it again, for example name@example.com.',
  'consultant.saved': '🙏 Thank you, {name}! A Nexora consultant will be in touch with you shortly.',
  'consultant.offerChat': 'Would you like a consultant to chat with you here now?',
  'consultant.offerChatYes': 'Yes, chat now',
  'consultant.offerChatNo': 'No, thanks',

  'jobs.askCountry': '💼 Which country would you like to work in?',
  'jobs.countryInvalid': "❓ I don't know that country yet. Please type a country name, for example {examples}.",
  'jobs.searching':
    "🔎 Searching jobs in {country}… I'll send you what I find in a moment.\n\nMeanwhile, reply with a number from 1 to 7 or type 'menu' for the main menu.",
  'jobs.found': 'Here are the latest jobs in {place}:',
  'jobs.seeMore': 'See more: {link}',
  'jobs.none': "I couldn't find any current job openings in {place} just now.",
  'jobs.searchYourself': 'You can search yourself here:\n{link}',
  'jobs.unavailable': 'Our job search is not available at the moment.',
  'jobs.latestHere': 'You can see the latest jobs in {place} here:\n{link}',
  'jobs.consultant': 'Would you like to talk to one of our consultants about working and living there? Reply *3*.',
  'jobs.askKeywords':
    '💼 What kind of job are you looking for in {country}? Type a job title or a field, for example *nurse*, *engineer* or *sales*, or reply *any* to see every job.',
  'jobs.keywordsInvalid':
    '❓ Please type a job title or a field in a few words (up to {max} characters), or *any* to see every job.',
  'jobs.searchingFor':
    "🔎 Searching “{keywords}” jobs in {country}… I'll send you what I find in a moment.\n\nMeanwhile, reply with a number from 1 to 7 or type 'menu' for the main menu.",
  'jobs.foundFor': 'Here are the latest “{keywords}” jobs in {place}:',
  'jobs.noneFor': "I couldn't find any current “{keywords}” openings in {place} just now.",

  'smalltalk.thanks': "😊 You're welcome! I'm here whenever you need me.",
  'smalltalk.goodbye': '👋 Thank you for contacting Nexora Investments. Write to us any time!',

  'brochure.caption': '📄 Nexora Investments — residency and citizenship by investment programs',
  'booking.link':
    '📅 Book a consultation with a Nexora consultant here:\n{url}\n\nPick a time that suits you and we will talk you through your options.',

  'optOut.confirmed':
    "🔕 You're unsubscribed: Nexora Investments won't send you any more messages. Reply START at any time to talk to us again.",
  'optIn.confirmed': '🔔 Welcome back! You will receive our replies again.',

  'language.prompt': '🌐 Which language would you like me to use? Pick one from the list.',
  'language.button': 'Languages',
  'language.sectionTitle': 'Languages',
  'language.invalid': '❓ Please pick a language from the list, or type its name.',
  'language.changed': '✅ Done: I will answer you in English from now on.',

  'handoff.pendingNow':
    '👤 Thank you, a consultant will reply to you here shortly. Type *menu* to go back to the assistant.',
  'handoff.pendingLater':
    '👤 Thank you. Our consultants are available {hours} ({timeZone} time); one will reply to you here as soon as we open. Type *menu* to go back to the assistant.',
  'handoff.timedOut':
    '⏳ Sorry, no consultant could answer you in time. The assistant is back: type *menu* to see what it can do, or *consultant* to ask for a person again.',

  'leadEmail.subject': '{event, select, created {New lead} other {Updated lead}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} (≈ {amount} at the rates of {date})',
  'eligibility.noRate':
    "❓ Sorry, I can't convert {currency} yet. Please type your budget in US dollars, for example 300000 or $300k.",
  'eligibility.count':
    '{count, plural, one {# program fits your budget.} other {# programs fit your budget, the cheapest first.}}',
  'eligibility.moreHint':
    '{count, plural, one {➕ # more program fits your budget: choose *{row}* in the list below.} other {➕ # more programs fit your budget: choose *{row}* in the list below.}}',
  'eligibility.moreRow': '➕ More programs',
  'eligibility.moreRowDescription': 'Programs {from}–{to} of {count}',
  'eligibility.pageIntro': '✅ More programs for a budget of {amount} ({from}–{to} of {count}):',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

/** Another language's catalogue: any of English's keys (a missing one falls back to English), no others. */
export type TranslatedCatalogue = Readonly<Partial<Record<MessageKey, string>>>;
