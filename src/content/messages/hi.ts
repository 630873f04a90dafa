// हिन्दी कैटलॉग। Keys and placeholders as in en.ts; plurals: one / other.
import type { TranslatedCatalogue } from './en.js';

export const hi: TranslatedCatalogue = {
  'menu.welcome': '👋 Nexora Investments में आपका स्वागत है!',
  'menu.chooseOption': 'कृपया एक विकल्प चुनें:',
  'menu.replyWithNumber': 'विकल्प का नंबर भेजें।',
  'menu.anythingElse': '🙌 क्या मैं और किसी चीज़ में आपकी मदद कर सकता हूँ? 1 से 7 तक कोई नंबर भेजें, या *मुख्य मेनू* पर टैप करें।',
  'menu.didNotUnderstand': '❓ माफ़ कीजिए, मैं समझ नहीं पाया। कृपया 1 से 7 तक कोई नंबर भेजें, या "मेनू" लिखें।',
  'menu.footer': 'फिर से शुरू करने के लिए कभी भी "मेनू" लिखें',
  'menu.button': 'मुख्य मेनू',
  'menu.sectionTitle': 'हम कैसे मदद करें?',
  'menu.option1.label': 'रेज़िडेंसी प्रोग्राम देखें',
  'menu.option1.row': '1. रेज़िडेंसी प्रोग्राम',
  'menu.option1.description': 'हर क्षेत्र के बेहतरीन रेज़िडेंसी और नागरिकता प्रोग्राम',
  'menu.option2.label': 'पात्रता जाँचें',
  'menu.option2.row': '2. पात्रता जाँचें',
  'menu.option2.description': 'देखें कि कौन-से प्रोग्राम आपके निवेश बजट में आते हैं',
  'menu.option3.label': 'सलाहकार से बात करें',
  'menu.option3.row': '3. सलाहकार से बात',
  'menu.option3.description': 'अपना नाम और ई-मेल दें, हमारे सलाहकार आपसे संपर्क करेंगे',
  'menu.option4.label': 'नौकरी खोजने में मदद',
  'menu.option4.row': '4. नौकरी खोज',
  'menu.option4.description': 'अपनी पसंद के देश में नौकरियाँ खोजें',
  'menu.option5.label': 'परामर्श बुक करें',
  'menu.option5.row': '5. परामर्श बुक करें',
  'menu.option5.description': 'परामर्श बुक करने का लिंक पाएँ',
  'menu.option6.label': 'ब्रोशर डाउनलोड करें',
  'menu.option6.row': '6. ब्रोशर',
  'menu.option6.description': 'Nexora Investments का ब्रोशर पाएँ',
  'menu.option7.label': 'अभी सलाहकार से चैट करें',
  'menu.option7.row': '7. अभी चैट करें',
  'menu.option7.description': 'हमारे सलाहकार आपको यहीं, इसी चैट में जवाब देंगे',
  'menu.languageRow': '🌐 भाषा',
  'menu.languageRowDescription': 'वह भाषा चुनें जिसमें मैं जवाब दूँ',
  'nav.backToMenuHint': 'मुख्य मेनू पर लौटने के लिए "मेनू" लिखें।',
  'nav.mainMenuRow': '⬅️ मुख्य मेनू',
  'nav.mainMenuRowDescription': 'सभी विकल्पों पर वापस जाएँ',

  'session.expired': '⏱️ आपका पिछला सत्र समाप्त हो गया है, इसलिए हम मुख्य मेनू से फिर शुरू कर रहे हैं।',
  'input.unsupported': '🙏 धन्यवाद! अभी मैं केवल टेक्स्ट संदेश पढ़ सकता हूँ। कृपया अपना जवाब लिखें, या नीचे दिए मेनू से कोई विकल्प चुनें।',
  'input.fileReceived':
    '📎 धन्यवाद, आपकी फ़ाइल हमें मिल गई है और आपके सलाहकार इसे देख सकेंगे। मैं स्वयं केवल टेक्स्ट पढ़ सकता हूँ: कृपया अपना सवाल लिखें, या नीचे दिए मेनू से कोई विकल्प चुनें।',
  'media.tooLarge':
    '📎 क्षमा करें, हम आपकी फ़ाइल प्राप्त नहीं कर सके: यह {limit} से बड़ी है, जो WhatsApp की अधिकतम सीमा है। कृपया छोटी फ़ाइल भेजें, या इसे कई हिस्सों में बाँटकर भेजें।',
  'media.corrupt': '📎 क्षमा करें, आपकी फ़ाइल खराब होकर पहुँची और हम उसे खोल नहीं सके। कृपया इसे दोबारा भेजें।',

  'explore.title': '🌍 प्रमुख रेज़िडेंसी श्रेणियाँ:',
  'explore.prompt': 'जवाब में भेजें: {letters}',
  'explore.invalid': '❓ माफ़ कीजिए, यह कोई श्रेणी नहीं है। कृपया भेजें: {letters}।',
  'explore.button': 'श्रेणियाँ',
  'explore.sectionTitle': 'रेज़िडेंसी श्रेणियाँ',
  'explore.rowDescription': '{count, plural, one {# प्रोग्राम} other {# प्रोग्राम}}, {amount} से शुरू',
  'explore.topTitle': '{count, plural, one {🏆 हमारा {category} प्रोग्राम:} other {🏆 {category} के शीर्ष # प्रोग्राम:}}',
  'programs.followUp': '💬 रुचि है? सलाहकार से बात करने के लिए 3 या परामर्श बुक करने के लिए 5 भेजें।',
  'program.category': 'श्रेणी: {category}',
  'program.investment': 'निवेश: {amount}',
  'program.processing': 'प्रक्रिया का समय: {time}',
  'program.link': 'लिंक: {link}',

  'eligibility.ask': '💰 आपका निवेश बजट कितने अमेरिकी डॉलर है?\n\nउदाहरण: 250000, $300,000, 250k या 1.5M।',
  'eligibility.empty': '💰 कृपया अपना निवेश बजट अमेरिकी डॉलर में लिखें, जैसे 250000 या $300k।',
  'eligibility.unreadable':
    '❓ माफ़ कीजिए, मैं यह राशि नहीं पढ़ पाया। कृपया बजट अमेरिकी डॉलर में लिखें, जैसे 300000, $300,000 या 300k।',
  'eligibility.notPositive': '❓ बजट शून्य से अधिक होना चाहिए। कृपया अमेरिकी डॉलर में राशि लिखें, जैसे 250000।',
  'eligibility.intro': '✅ {amount} के बजट में आप इनके लिए पात्र हैं:',
  'eligibility.notEligible':
    '😕 {amount} के बजट में अभी हमारा कोई प्रोग्राम उपलब्ध नहीं है। न्यूनतम निवेश {lowest} ({program}) है।\n\n💬 हमारे सलाहकार आपके साथ दूसरे विकल्प देख सकते हैं: सलाहकार से बात करने के लिए 3 भेजें।',
  'eligibility.noCatalogue': '😕 अभी आपके बजट से तुलना के लिए कोई प्रोग्राम नहीं मिला। 3 भेजें, हमारे सलाहकार आपकी मदद करेंगे।',

  'consultant.askName': '👤 आपको सलाहकार से जोड़कर खुशी होगी! आपका पूरा नाम क्या है?',
  'consultant.nameEmpty': '👤 कृपया अपना पूरा नाम लिखें।',
  'consultant.nameInvalid': '❓ यह नाम जैसा नहीं लगता। कृपया अपना पूरा नाम लिखें (अधिकतम 100 अक्षर)।',
  'consultant.nameIsQuestion':
    '❓ हमारे सलाहकार इसका जवाब खुशी से देंगे। आपका सवाल उन तक पहुँचाने के लिए पहले मुझे आपका पूरा नाम चाहिए: आपका नाम क्या है?',
  'consultant.nameIsEmail': '📧 धन्यवाद, ई-मेल मैं थोड़ी देर में पूछूँगा। पहले अपना पूरा नाम बताइए।',
  'consultant.askEmail': '📧 धन्यवाद, {name}! आपका ई-मेल पता क्या है?',
  'consultant.emailInvalid': '❓ यह ई-मेल पता सही नहीं लगता। कृपया फिर से लिखें, जैसे name@example.com।',
  'consultant.saved': '🙏 धन्यवाद, {name}! Nexora के सलाहकार जल्द ही आपसे संपर्क करेंगे।',
  'consultant.offerChat': 'क्या आप चाहेंगे कि हमारे कोई सलाहकार अभी यहीं आपसे चैट करें?',
  'consultant.offerChatYes': 'हाँ, अभी',
  'consultant.offerChatNo': 'नहीं, धन्यवाद',

  'jobs.askCountry': '💼 आप किस देश में काम करना चाहेंगे?',
  'jobs.countryInvalid': '❓ मैं अभी इस देश को नहीं पहचानता। कृपया देश का नाम लिखें, जैसे {examples}।',
  'jobs.searching':
    '🔎 {country} में नौकरियाँ खोज रहा हूँ… थोड़ी देर में नतीजे भेजता हूँ।\n\nतब तक 1 से 7 तक कोई नंबर भेजें या मुख्य मेनू के लिए "मेनू" लिखें।',
  'jobs.found': '{place} में ताज़ा नौकरियाँ:',
  'jobs.seeMore': 'और देखें: {link}',
  'jobs.none': 'अभी {place} में कोई खुली नौकरी नहीं मिली।',
  'jobs.searchYourself': 'आप यहाँ खुद भी खोज सकते हैं:\n{link}',
  'jobs.unavailable': 'नौकरी खोज अभी उपलब्ध नहीं है।',
  'jobs.latestHere': '{place} की ताज़ा नौकरियाँ यहाँ देखें:\n{link}',
  'jobs.consultant': 'क्या आप वहाँ काम करने और रहने के बारे में हमारे सलाहकार से बात करना चाहेंगे? *3* भेजें।',
  'jobs.askKeywords':
    '💼 {country} में आप किस तरह की नौकरी ढूँढ रहे हैं? पद या क्षेत्र लिखें, जैसे *nurse*, *engineer* या *sales* (अंग्रेज़ी या उस देश की भाषा में ज़्यादा नतीजे मिलते हैं), या सभी नौकरियाँ देखने के लिए *सभी* लिखें।',
  'jobs.keywordsInvalid': '❓ कृपया पद या क्षेत्र कुछ शब्दों में लिखें ({max} अक्षरों तक), या सभी नौकरियाँ देखने के लिए *सभी* लिखें।',
  'jobs.searchingFor':
    '🔎 {country} में "{keywords}" की नौकरियाँ खोज रहा हूँ… थोड़ी देर में नतीजे भेजता हूँ।\n\nतब तक 1 से 7 तक कोई नंबर भेजें या मुख्य मेनू के लिए "मेनू" लिखें।',
  'jobs.foundFor': '{place} में "{keywords}" की ताज़ा नौकरियाँ:',
  'jobs.noneFor': 'अभी {place} में "{keywords}" की कोई खुली नौकरी नहीं मिली।',

  'smalltalk.thanks': '😊 आपका स्वागत है! जब भी ज़रूरत हो, मैं यहीं हूँ।',
  'smalltalk.goodbye': '👋 Nexora Investments से संपर्क करने के लिए धन्यवाद। कभी भी लिखें!',

  'brochure.caption': '📄 Nexora Investments — निवेश के ज़रिए रेज़िडेंसी और नागरिकता प्रोग्राम',
  'booking.link': '📅 Nexora सलाहकार के साथ परामर्श यहाँ बुक करें:\n{url}\n\nअपनी सुविधा का समय चुनें, हम आपको सभी विकल्प समझाएँगे।',

  'optOut.confirmed':
    '🔕 आपकी सदस्यता रद्द हो गई है: Nexora Investments अब आपको कोई संदेश नहीं भेजेगा। फिर से बात करने के लिए कभी भी "शुरू" भेजें।',
  'optIn.confirmed': '🔔 आपका फिर से स्वागत है! अब आपको हमारे जवाब फिर मिलेंगे।',

  'language.prompt': '🌐 आप किस भाषा में बात करना चाहेंगे? सूची से एक भाषा चुनें।',
  'language.button': 'भाषाएँ',
  'language.sectionTitle': 'भाषाएँ',
  'language.invalid': '❓ कृपया सूची से भाषा चुनें, या उसका नाम लिखें।',
  'language.changed': '✅ हो गया: अब से मैं आपको हिन्दी में जवाब दूँगा।',

  'handoff.pendingNow': '👤 धन्यवाद, हमारे सलाहकार जल्द ही यहाँ जवाब देंगे। सहायक पर लौटने के लिए *मेनू* लिखें।',
  'handoff.pendingLater':
    '👤 धन्यवाद। हमारे सलाहकार {hours} ({timeZone} समय) उपलब्ध रहते हैं; काम शुरू होते ही कोई यहाँ जवाब देगा। सहायक पर लौटने के लिए *मेनू* लिखें।',
  'handoff.timedOut':
    '⏳ माफ़ कीजिए, कोई सलाहकार समय पर जवाब नहीं दे सका। सहायक वापस आ गया है: वह क्या कर सकता है देखने के लिए *मेनू* लिखें, या फिर से किसी व्यक्ति से बात करने के लिए *एजेंट* लिखें।',

  'leadEmail.subject': '{event, select, created {नया लीड} other {अपडेटेड लीड}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} ({date} की दरों पर ≈ {amount})',
  'eligibility.noRate':
    '❓ माफ़ कीजिए, मैं अभी {currency} को नहीं बदल सकता। कृपया बजट अमेरिकी डॉलर में लिखें, जैसे 300000 या $300k।',
  'eligibility.count': 'आपके बजट में आने वाले प्रोग्राम: {count}, सबसे किफ़ायती पहले।',
  'eligibility.moreHint': '➕ आपके बजट में और प्रोग्राम: {count}। नीचे की सूची में *{row}* चुनें।',
  'eligibility.moreRow': '➕ और प्रोग्राम',
  'eligibility.moreRowDescription': 'प्रोग्राम {from}–{to}, कुल {count}',
  'eligibility.pageIntro': '✅ {amount} के बजट के लिए और प्रोग्राम ({from}–{to}, कुल {count}):',
};
