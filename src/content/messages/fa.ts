// کاتالوگ فارسی. Keys and placeholders as in en.ts; plurals: one / other.
import type { TranslatedCatalogue } from './en.js';

export const fa: TranslatedCatalogue = {
  'menu.welcome': '👋 به Nexora Investments خوش آمدید!',
  'menu.chooseOption': 'لطفاً یکی از گزینه‌ها را انتخاب کنید:',
  'menu.replyWithNumber': 'شمارهٔ گزینه را بفرستید.',
  'menu.anythingElse': '🙌 کار دیگری هست که بتوانم برایتان انجام دهم؟ عددی از ۱ تا ۷ بفرستید یا روی *منوی اصلی* بزنید.',
  'menu.didNotUnderstand': '❓ ببخشید، متوجه نشدم. لطفاً عددی از ۱ تا ۷ بفرستید یا بنویسید «منو».',
  'menu.footer': 'هر زمان «منو» بنویسید تا از اول شروع کنیم',
  'menu.button': 'منوی اصلی',
  'menu.sectionTitle': 'چطور می‌توانیم کمک کنیم؟',
  'menu.option1.label': 'آشنایی با برنامه‌های اقامت',
  'menu.option1.row': '1. برنامه‌های اقامت',
  'menu.option1.description': 'بهترین برنامه‌های اقامت و شهروندی در هر منطقه',
  'menu.option2.label': 'بررسی شرایط',
  'menu.option2.row': '2. بررسی شرایط',
  'menu.option2.description': 'ببینید کدام برنامه‌ها با بودجهٔ سرمایه‌گذاری شما جور است',
  'menu.option3.label': 'گفتگو با مشاور',
  'menu.option3.row': '3. گفتگو با مشاور',
  'menu.option3.description': 'نام و ایمیل خود را بگذارید تا مشاور با شما تماس بگیرد',
  'menu.option4.label': 'کمک در کاریابی',
  'menu.option4.row': '4. کاریابی',
  'menu.option4.description': 'فرصت‌های شغلی در کشوری که انتخاب می‌کنید',
  'menu.option5.label': 'رزرو مشاوره',
  'menu.option5.row': '5. رزرو مشاوره',
  'menu.option5.description': 'لینک رزرو وقت مشاوره را دریافت کنید',
  'menu.option6.label': 'دریافت بروشور',
  'menu.option6.row': '6. دریافت بروشور',
  'menu.option6.description': 'بروشور Nexora Investments را دریافت کنید',
  'menu.option7.label': 'گفتگو با مشاور همین حالا',
  'menu.option7.row': '7. گفتگو همین حالا',
  'menu.option7.description': 'یکی از مشاوران همین‌جا، در این گفتگو، پاسخ شما را می‌دهد',
  'menu.languageRow': '🌐 زبان',
  'menu.languageRowDescription': 'زبانی را که با آن پاسخ می‌دهم انتخاب کنید',
  'nav.backToMenuHint': 'برای بازگشت به منوی اصلی «منو» بنویسید.',
  'nav.mainMenuRow': '⬅️ منوی اصلی',
  'nav.mainMenuRowDescription': 'بازگشت به همهٔ گزینه‌ها',

  'session.expired': '⏱️ جلسهٔ قبلی شما به پایان رسید؛ از منوی اصلی دوباره شروع می‌کنیم.',
  'input.unsupported':
    '🙏 ممنون! فعلاً فقط پیام‌های متنی را می‌توانم بخوانم. لطفاً پاسخ خود را بنویسید یا از منوی زیر گزینه‌ای انتخاب کنید.',
  'input.fileReceived':
    '📎 ممنون، فایل شما به دست ما رسید و مشاورتان آن را خواهد دید. من فقط متن را می‌خوانم: لطفاً سؤال خود را بنویسید یا از منوی زیر گزینه‌ای انتخاب کنید.',
  'media.tooLarge':
    '📎 متأسفیم، فایل شما دریافت نشد: حجم آن بیشتر از {limit} است که حداکثر مجاز واتس‌اپ برای ماست. لطفاً فایل کوچک‌تری بفرستید یا آن را به چند بخش تقسیم کنید.',
  'media.corrupt':
    '📎 متأسفیم، فایل شما آسیب‌دیده به دست ما رسید و نتوانستیم آن را باز کنیم. لطفاً دوباره آن را بفرستید.',

  'explore.title': '🌍 دسته‌های اصلی اقامت:',
  'explore.prompt': 'پاسخ دهید: {letters}',
  'explore.invalid': '❓ ببخشید، این جزو دسته‌ها نیست. لطفاً پاسخ دهید: {letters}.',
  'explore.button': 'دسته‌ها',
  'explore.sectionTitle': 'دسته‌های اقامت',
  'explore.rowDescription': '{count, plural, one {# برنامه} other {# برنامه}}، از {amount}',
  'explore.topTitle': '{count, plural, one {🏆 برنامهٔ ما در {category}:} other {🏆 # برنامهٔ برتر {category}:}}',
  'programs.followUp': '💬 علاقه‌مندید؟ برای گفتگو با مشاور ۳ و برای رزرو مشاوره ۵ را بفرستید.',
  'program.category': 'دسته: {category}',
  'program.investment': 'سرمایه‌گذاری: {amount}',
  'program.processing': 'مدت رسیدگی: {time}',
  'program.link': 'لینک: {link}',

  'eligibility.ask': '💰 بودجهٔ سرمایه‌گذاری شما چند دلار آمریکا است؟\n\nمثلاً: 250000، $300,000، 250k یا 1.5M.',
  'eligibility.empty': '💰 لطفاً بودجهٔ سرمایه‌گذاری خود را به دلار آمریکا بنویسید، مثلاً 250000 یا $300k.',
  'eligibility.unreadable':
    '❓ ببخشید، این مبلغ را متوجه نشدم. لطفاً بودجه را به دلار آمریکا بنویسید، مثلاً 300000، $300,000 یا 300k.',
  'eligibility.notPositive': '❓ بودجه باید بیشتر از صفر باشد. لطفاً مبلغی به دلار آمریکا بنویسید، مثلاً 250000.',
  'eligibility.intro': '✅ با بودجهٔ {amount} این برنامه‌ها برای شما مناسب است:',
  'eligibility.notEligible':
    '😕 با بودجهٔ {amount} فعلاً هیچ‌کدام از برنامه‌های ما در دسترس نیست. کمترین حد سرمایه‌گذاری {lowest} است ({program}).\n\n💬 مشاور ما می‌تواند گزینه‌های دیگری را با شما بررسی کند: برای گفتگو با مشاور ۳ را بفرستید.',
  'eligibility.noCatalogue': '😕 الان برنامه‌ای برای مقایسه با بودجهٔ شما پیدا نکردم. ۳ را بفرستید تا مشاور کمکتان کند.',

  'consultant.askName': '👤 با کمال میل شما را به مشاور وصل می‌کنم! نام و نام خانوادگی شما چیست؟',
  'consultant.nameEmpty': '👤 لطفاً نام و نام خانوادگی خود را بنویسید.',
  'consultant.nameInvalid': '❓ این به نظر نام نمی‌آید. لطفاً نام و نام خانوادگی خود را بنویسید (حداکثر ۱۰۰ حرف).',
  'consultant.nameIsQuestion':
    '❓ مشاوران ما با کمال میل به این پرسش پاسخ می‌دهند. برای رساندن پرسش شما، اول به نام و نام خانوادگی‌تان نیاز دارم: نام شما چیست؟',
  'consultant.nameIsEmail': '📧 ممنون، چند لحظهٔ دیگر ایمیلتان را می‌پرسم. اول بفرمایید نام و نام خانوادگی شما چیست؟',
  'consultant.askEmail': '📧 ممنون، {name}! نشانی ایمیل شما چیست؟',
  'consultant.emailInvalid': '❓ این نشانی ایمیل درست به نظر نمی‌رسد. لطفاً دوباره بنویسید، مثلاً name@example.com.',
  'consultant.saved': '🙏 سپاس، {name}! یکی از مشاوران Nexora به‌زودی با شما تماس می‌گیرد.',
  'consultant.offerChat': 'مایلید یکی از مشاوران همین حالا اینجا با شما گفتگو کند؟',
  'consultant.offerChatYes': 'بله، لطفاً',
  'consultant.offerChatNo': 'نه، ممنون',

  'jobs.askCountry': '💼 دوست دارید در کدام کشور کار کنید؟',
  'jobs.countryInvalid': '❓ این کشور را هنوز نمی‌شناسم. لطفاً نام یک کشور را بنویسید، مثلاً {examples}.',
  'jobs.searching':
    '🔎 در حال جستجوی شغل در {country}… نتایج را تا چند لحظهٔ دیگر می‌فرستم.\n\nدر این فاصله عددی از ۱ تا ۷ بفرستید یا برای منوی اصلی «منو» بنویسید.',
  'jobs.found': 'جدیدترین فرصت‌های شغلی در {place}:',
  'jobs.seeMore': 'موارد بیشتر: {link}',
  'jobs.none': 'فعلاً فرصت شغلی بازی در {place} پیدا نکردم.',
  'jobs.searchYourself': 'می‌توانید خودتان اینجا جستجو کنید:\n{link}',
  'jobs.unavailable': 'جستجوی شغل در حال حاضر در دسترس نیست.',
  'jobs.latestHere': 'جدیدترین فرصت‌های شغلی در {place} را اینجا ببینید:\n{link}',
  'jobs.consultant': 'دوست دارید دربارهٔ کار و زندگی در آنجا با مشاوران ما صحبت کنید؟ *3* را بفرستید.',
  'jobs.askKeywords':
    '💼 در {country} دنبال چه نوع شغلی هستید؟ عنوان شغل یا زمینهٔ کاری را بنویسید، مثلاً *nurse*، *engineer* یا *sales* (به انگلیسی یا زبان همان کشور نتایج بیشتری پیدا می‌شود)، یا برای دیدن همهٔ آگهی‌ها *همه* را بفرستید.',
  'jobs.keywordsInvalid':
    '❓ لطفاً عنوان شغل یا زمینهٔ کاری را در چند کلمه بنویسید (حداکثر {max} نویسه)، یا برای دیدن همهٔ آگهی‌ها *همه* را بفرستید.',
  'jobs.searchingFor':
    '🔎 در حال جستجوی شغل «{keywords}» در {country}… نتایج را تا چند لحظهٔ دیگر می‌فرستم.\n\nدر این فاصله عددی از ۱ تا ۷ بفرستید یا برای منوی اصلی «منو» بنویسید.',
  'jobs.foundFor': 'تازه‌ترین آگهی‌های «{keywords}» در {place}:',
  'jobs.noneFor': 'فعلاً آگهی شغلی «{keywords}» در {place} پیدا نکردم.',

  'smalltalk.thanks': '😊 خواهش می‌کنم! هر وقت لازم داشتید من اینجا هستم.',
  'smalltalk.goodbye': '👋 از اینکه با Nexora Investments در تماس بودید سپاسگزاریم. هر زمان خواستید پیام دهید!',

  'brochure.caption': '📄 Nexora Investments — برنامه‌های اقامت و شهروندی از راه سرمایه‌گذاری',
  'booking.link':
    '📅 وقت مشاوره با مشاوران Nexora را از اینجا رزرو کنید:\n{url}\n\nزمان مناسب خود را انتخاب کنید تا گزینه‌ها را با شما مرور کنیم.',

  'optOut.confirmed':
    '🔕 اشتراک شما لغو شد: Nexora Investments دیگر پیامی برایتان نمی‌فرستد. هر زمان خواستید «شروع» را بفرستید.',
  'optIn.confirmed': '🔔 خوش برگشتید! از این پس دوباره پاسخ‌های ما را دریافت می‌کنید.',

  'language.prompt': '🌐 دوست دارید به چه زبانی با شما صحبت کنم؟ یکی را از فهرست انتخاب کنید.',
  'language.button': 'زبان‌ها',
  'language.sectionTitle': 'زبان‌ها',
  'language.invalid': '❓ لطفاً زبانی را از فهرست انتخاب کنید یا نامش را بنویسید.',
  'language.changed': '✅ انجام شد: از این پس به فارسی پاسخ می‌دهم.',

  'handoff.pendingNow':
    '👤 ممنون، یکی از مشاوران به‌زودی همین‌جا پاسخ شما را می‌دهد. برای بازگشت به دستیار *منو* بنویسید.',
  'handoff.pendingLater':
    '👤 ممنون. مشاوران ما {hours} (به وقت {timeZone}) در دسترس‌اند؛ به محض شروع ساعت کاری، همین‌جا پاسخ می‌گیرید. برای بازگشت به دستیار *منو* بنویسید.',
  'handoff.timedOut':
    '⏳ ببخشید، هیچ مشاوری به‌موقع نتوانست پاسخ دهد. دستیار برگشته است: *منو* بنویسید تا ببینید چه کارهایی می‌کند، یا *کارشناس* تا دوباره با یک نفر صحبت کنید.',

  'leadEmail.subject': '{event, select, created {سرنخ جدید} other {سرنخ به‌روزشده}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} (≈ {amount} با نرخ {date})',
  'eligibility.noRate':
    '❓ متأسفم، هنوز نمی‌توانم {currency} را تبدیل کنم. لطفاً بودجه را به دلار آمریکا بنویسید، مثلاً 300000 یا ‎$300k.',
  'eligibility.count': 'تعداد برنامه‌های مناسب بودجهٔ شما: {count}، از ارزان‌ترین.',
  'eligibility.moreHint': '➕ برنامه‌های مناسب دیگر: {count}. در فهرست زیر *{row}* را انتخاب کنید.',
  'eligibility.moreRow': '➕ برنامه‌های بیشتر',
  'eligibility.moreRowDescription': 'برنامه‌های {from} تا {to} از {count}',
  'eligibility.pageIntro': '✅ برنامه‌های بیشتر برای بودجهٔ {amount} ({from} تا {to} از {count}):',
};
