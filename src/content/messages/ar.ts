// الكتالوج العربي. Keys and placeholders as in en.ts; plurals: zero / one / two / few / many / other.
import type { TranslatedCatalogue } from './en.js';

export const ar: TranslatedCatalogue = {
  'menu.welcome': '👋 أهلاً بك في Nexora Investments!',
  'menu.chooseOption': 'يرجى اختيار أحد الخيارات:',
  'menu.replyWithNumber': 'أرسل رقم الخيار.',
  'menu.anythingElse': '🙌 هل يمكنني مساعدتك في شيء آخر؟ أرسل رقماً من 1 إلى 7، أو اضغط على *القائمة الرئيسية*.',
  'menu.didNotUnderstand': '❓ عذراً، لم أفهم ذلك. يرجى إرسال رقم من 1 إلى 7، أو كتابة «القائمة».',
  'menu.footer': 'اكتب «القائمة» في أي وقت للبدء من جديد',
  'menu.button': 'القائمة الرئيسية',
  'menu.sectionTitle': 'كيف يمكننا مساعدتك؟',
  'menu.option1.label': 'استكشاف برامج الإقامة',
  'menu.option1.row': '1. برامج الإقامة',
  'menu.option1.description': 'أفضل برامج الإقامة والجنسية في كل منطقة',
  'menu.option2.label': 'التحقق من الأهلية',
  'menu.option2.row': '2. التحقق من الأهلية',
  'menu.option2.description': 'اعرف البرامج التي تناسب ميزانيتك الاستثمارية',
  'menu.option3.label': 'التحدث مع مستشار',
  'menu.option3.row': '3. التحدث مع مستشار',
  'menu.option3.description': 'اترك اسمك وبريدك الإلكتروني وسيتواصل معك أحد مستشارينا',
  'menu.option4.label': 'المساعدة في البحث عن عمل',
  'menu.option4.row': '4. البحث عن عمل',
  'menu.option4.description': 'فرص العمل المتاحة في البلد الذي تختاره',
  'menu.option5.label': 'حجز استشارة',
  'menu.option5.row': '5. حجز استشارة',
  'menu.option5.description': 'احصل على رابط حجز موعد الاستشارة',
  'menu.option6.label': 'تحميل الكتيّب',
  'menu.option6.row': '6. تحميل الكتيّب',
  'menu.option6.description': 'استلم كتيّب Nexora Investments التعريفي',
  'menu.option7.label': 'الدردشة مع مستشار الآن',
  'menu.option7.row': '7. دردشة مع مستشار',
  'menu.option7.description': 'يرد عليك أحد مستشارينا هنا، في هذه المحادثة',
  'menu.languageRow': '🌐 اللغة',
  'menu.languageRowDescription': 'اختر اللغة التي أتحدث بها معك',
  'nav.backToMenuHint': 'اكتب «القائمة» للعودة إلى القائمة الرئيسية.',
  'nav.mainMenuRow': '⬅️ القائمة الرئيسية',
  'nav.mainMenuRowDescription': 'العودة إلى جميع الخيارات',

  'session.expired': '⏱️ انتهت جلستك السابقة، لذا سنبدأ من جديد من القائمة الرئيسية.',
  'input.unsupported':
    '🙏 شكراً! أستطيع حالياً قراءة الرسائل النصية فقط. يرجى كتابة إجابتك أو اختيار أحد خيارات القائمة أدناه.',
  'input.fileReceived':
    '📎 شكراً، وصلنا ملفك وسيطّلع عليه مستشارك. أنا أقرأ النصوص فقط: يرجى كتابة سؤالك أو اختيار أحد خيارات القائمة أدناه.',
  'media.tooLarge':
    '📎 عذراً، لم نتمكن من استلام ملفك: حجمه أكبر من {limit}، وهو الحد الأقصى الذي يسمح لنا واتساب باستلامه. يرجى إرسال ملف أصغر أو تقسيمه إلى عدة ملفات.',
  'media.corrupt': '📎 عذراً، وصل ملفك تالفاً ولم نتمكن من فتحه. يرجى إرساله مرة أخرى.',

  'explore.title': '🌍 أبرز فئات الإقامة:',
  'explore.prompt': 'أرسل {letters}',
  'explore.invalid': '❓ عذراً، هذه ليست من الفئات المتاحة. يرجى إرسال {letters}.',
  'explore.button': 'الفئات',
  'explore.sectionTitle': 'فئات الإقامة',
  'explore.rowDescription':
    '{count, plural, zero {لا برامج} one {برنامج واحد} two {برنامجان} few {# برامج} many {# برنامجاً} other {# برنامج}}، ابتداءً من {amount}',
  'explore.topTitle':
    '{count, plural, one {🏆 برنامجنا في فئة {category}:} two {🏆 أفضل برنامجين في فئة {category}:} few {🏆 أفضل # برامج في فئة {category}:} other {🏆 أفضل # برنامج في فئة {category}:}}',
  'programs.followUp': '💬 هل أنت مهتم؟ أرسل 3 للتحدث مع مستشار أو 5 لحجز استشارة.',
  'program.category': 'الفئة: {category}',
  'program.investment': 'الاستثمار: {amount}',
  'program.processing': 'مدة المعاملة: {time}',
  'program.link': 'الرابط: {link}',

  'eligibility.ask': '💰 ما ميزانيتك الاستثمارية بالدولار الأمريكي؟\n\nمثال: 250000 أو $300,000 أو 250k أو 1.5M.',
  'eligibility.empty': '💰 يرجى كتابة ميزانيتك الاستثمارية بالدولار الأمريكي، مثلاً 250000 أو $300k.',
  'eligibility.unreadable':
    '❓ عذراً، لم أتمكن من قراءة هذا المبلغ. يرجى كتابة ميزانيتك بالدولار الأمريكي، مثلاً 300000 أو $300,000 أو 300k.',
  'eligibility.notPositive': '❓ يجب أن تكون الميزانية أكبر من صفر. يرجى كتابة مبلغ بالدولار الأمريكي، مثلاً 250000.',
  'eligibility.intro': '✅ بميزانية قدرها {amount} يمكنك التقدّم إلى:',
  'eligibility.notEligible':
    '😕 بميزانية قدرها {amount} لا يتاح أي من برامجنا بعد. أدنى حد للاستثمار هو {lowest} ({program}).\n\n💬 يمكن لأحد مستشارينا دراسة خيارات أخرى معك: أرسل 3 للتحدث مع مستشار.',
  'eligibility.noCatalogue': '😕 لم أجد حالياً برامج لمقارنتها بميزانيتك. أرسل 3 وسيساعدك أحد مستشارينا.',

  'consultant.askName': '👤 يسعدنا ربطك بأحد مستشارينا! ما اسمك الكامل؟',
  'consultant.nameEmpty': '👤 يرجى كتابة اسمك الكامل.',
  'consultant.nameInvalid': '❓ لا يبدو هذا اسماً. يرجى كتابة اسمك الكامل (حتى 100 حرف).',
  'consultant.nameIsQuestion':
    '❓ سيسعد أحد مستشارينا بالإجابة عن ذلك. لأنقل سؤالك إليه، أحتاج أولاً إلى اسمك الكامل: ما هو؟',
  'consultant.nameIsEmail': '📧 شكراً، سأطلب بريدك الإلكتروني بعد قليل. أولاً، ما اسمك الكامل؟',
  'consultant.askEmail': '📧 شكراً يا {name}! ما عنوان بريدك الإلكتروني؟',
  'consultant.emailInvalid':
    '❓ يبدو أن عنوان البريد الإلكتروني غير صحيح. يرجى كتابته مرة أخرى، مثلاً name@example.com.',
  'consultant.saved': '🙏 شكراً لك يا {name}! سيتواصل معك أحد مستشاري Nexora قريباً.',
  'consultant.offerChat': 'هل تودّ أن يتحدث معك أحد مستشارينا هنا الآن؟',
  'consultant.offerChatYes': 'نعم، من فضلك',
  'consultant.offerChatNo': 'لا، شكراً',

  'jobs.askCountry': '💼 في أي بلد ترغب في العمل؟',
  'jobs.countryInvalid': '❓ لا أعرف هذا البلد بعد. يرجى كتابة اسم بلد، مثلاً {examples}.',
  'jobs.searching':
    '🔎 أبحث عن وظائف في {country}… سأرسل لك النتائج بعد قليل.\n\nفي هذه الأثناء، أرسل رقماً من 1 إلى 7 أو اكتب «القائمة» للقائمة الرئيسية.',
  'jobs.found': 'إليك أحدث الوظائف في {place}:',
  'jobs.seeMore': 'المزيد: {link}',
  'jobs.none': 'لم أجد وظائف شاغرة حالياً في {place}.',
  'jobs.searchYourself': 'يمكنك البحث بنفسك هنا:\n{link}',
  'jobs.unavailable': 'خدمة البحث عن الوظائف غير متاحة حالياً.',
  'jobs.latestHere': 'يمكنك الاطلاع على أحدث الوظائف في {place} هنا:\n{link}',
  'jobs.consultant': 'هل ترغب في التحدث مع أحد مستشارينا عن العمل والإقامة هناك؟ أرسل *3*.',
  'jobs.askKeywords':
    '💼 ما نوع الوظيفة التي تبحث عنها في {country}؟ اكتب المسمى الوظيفي أو المجال، مثلاً *nurse* أو *engineer* أو *sales* (تظهر نتائج أكثر بالإنجليزية أو بلغة البلد)، أو أرسل *الكل* لرؤية جميع الوظائف.',
  'jobs.keywordsInvalid':
    '❓ يرجى كتابة المسمى الوظيفي أو المجال في كلمات قليلة (حتى {max} حرفاً)، أو *الكل* لرؤية جميع الوظائف.',
  'jobs.searchingFor':
    '🔎 أبحث عن وظائف «{keywords}» في {country}… سأرسل لك النتائج بعد قليل.\n\nفي هذه الأثناء، أرسل رقماً من 1 إلى 7 أو اكتب «القائمة» للقائمة الرئيسية.',
  'jobs.foundFor': 'إليك أحدث وظائف «{keywords}» في {place}:',
  'jobs.noneFor': 'لم أجد وظائف «{keywords}» شاغرة حالياً في {place}.',

  'smalltalk.thanks': '😊 على الرحب والسعة! أنا هنا متى احتجت إليّ.',
  'smalltalk.goodbye': '👋 شكراً لتواصلك مع Nexora Investments. راسلنا في أي وقت!',

  'brochure.caption': '📄 Nexora Investments — برامج الإقامة والجنسية عن طريق الاستثمار',
  'booking.link':
    '📅 احجز استشارة مع أحد مستشاري Nexora من هنا:\n{url}\n\nاختر الوقت المناسب لك وسنشرح لك الخيارات المتاحة.',

  'optOut.confirmed':
    '🔕 تم إلغاء اشتراكك: لن ترسل لك Nexora Investments أي رسائل أخرى. أرسل «ابدأ» في أي وقت للتواصل معنا مجدداً.',
  'optIn.confirmed': '🔔 أهلاً بعودتك! ستصلك ردودنا من جديد.',

  'language.prompt': '🌐 بأي لغة تفضّل أن أتحدث معك؟ اختر لغة من القائمة.',
  'language.button': 'اللغات',
  'language.sectionTitle': 'اللغات',
  'language.invalid': '❓ يرجى اختيار لغة من القائمة أو كتابة اسمها.',
  'language.changed': '✅ تم: سأتحدث معك باللغة العربية من الآن.',

  'handoff.pendingNow': '👤 شكراً لك، سيرد عليك أحد المستشارين هنا قريباً. اكتب *القائمة* للعودة إلى المساعد.',
  'handoff.pendingLater':
    '👤 شكراً لك. مستشارونا متاحون {hours} (بتوقيت {timeZone})؛ وسيرد عليك أحدهم هنا فور بدء الدوام. اكتب *القائمة* للعودة إلى المساعد.',
  'handoff.timedOut':
    '⏳ عذراً، لم يتمكن أي مستشار من الرد عليك في الوقت المناسب. عاد المساعد: اكتب *القائمة* لترى ما يمكنه فعله، أو *مستشار* لطلب التحدث مع شخص مرة أخرى.',

  'leadEmail.subject': '{event, select, created {عميل محتمل جديد} other {تحديث عميل محتمل}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} (≈ {amount} بأسعار صرف {date})',
  'eligibility.noRate':
    '❓ عذرًا، لا أستطيع تحويل {currency} بعد. يرجى كتابة ميزانيتك بالدولار الأمريكي، مثلًا 300000 أو ‎$300k.',
  'eligibility.count': 'عدد البرامج المناسبة لميزانيتك: {count}، من الأقل تكلفة.',
  'eligibility.moreHint': '➕ برامج أخرى مناسبة لميزانيتك: {count}. اختر *{row}* من القائمة أدناه.',
  'eligibility.moreRow': '➕ برامج أخرى',
  'eligibility.moreRowDescription': 'البرامج {from}–{to} من {count}',
  'eligibility.pageIntro': '✅ برامج أخرى لميزانية {amount} ({from}–{to} من {count}):',
};
