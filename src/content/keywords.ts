// The words people type instead of tapping, in each of our ten languages (matched whole, after
// lower-casing, trimming and dropping a trailing "." "!" "?" "。" "؟"). Data, not logic: the
// conversation, the handoff gate and the language menu read these lists; a word added here works
// at once everywhere. Every language's words count for everyone, since a user's language may be
// guessed wrong. STOP/START are in opt-out-words.ts, "I want a person" in handoff-words.ts.

/** "Main menu", "back", "start over", "cancel": back to the main menu from any step. */
export const HOME_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['menu', 'main menu', 'back', 'home', 'restart', 'start over', 'cancel'],
  ar: ['القائمة', 'القائمة الرئيسية', 'قائمة', 'رجوع', 'عودة', 'الرئيسية', 'إلغاء', 'الغاء'],
  fa: ['منو', 'منوی اصلی', 'فهرست', 'بازگشت', 'برگشت', 'لغو'],
  ru: ['меню', 'главное меню', 'назад', 'в начало', 'отмена'],
  'zh-Hans': ['菜单', '主菜单', '返回', '取消', '首页'],
  hi: ['मेनू', 'मेन्यू', 'मुख्य मेनू', 'वापस', 'रद्द करें', 'menu'],
  tr: ['menü', 'ana menü', 'geri', 'iptal', 'başa dön'],
  fr: ['menu', 'menu principal', 'retour', 'accueil', 'annuler'],
  es: ['menú', 'menu principal', 'menú principal', 'volver', 'atrás', 'atras', 'inicio', 'cancelar'],
  'pt-BR': ['menu', 'menu principal', 'voltar ao menu', 'início', 'inicio', 'cancelar'],
};

/** Opens the language list (🌐) from any step. */
export const LANGUAGE_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['language', 'lang', 'languages', 'change language', '🌐'],
  ar: ['لغة', 'اللغة', 'تغيير اللغة'],
  fa: ['زبان', 'تغییر زبان'],
  ru: ['язык', 'языки', 'сменить язык'],
  'zh-Hans': ['语言', '语言选择', '切换语言'],
  hi: ['भाषा', 'भाषा बदलें', 'bhasha'],
  tr: ['dil', 'dil seçimi', 'dili değiştir'],
  fr: ['langue', 'changer de langue'],
  es: ['idioma', 'cambiar idioma'],
  'pt-BR': ['idioma', 'língua', 'lingua', 'mudar idioma'],
};

/**
 * Greetings: a new user's "hi" gets the menu; in a step they bring the menu back. This is also the
 * language detection's table (i18n/detect-language.ts): a word listed under two languages belongs to
 * the first, so bare "سلام" (Persian's everyday hello, no Persian-only letter) is under fa only, and
 * Latin "salam" under ar.
 */
export const GREETING_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['hi', 'hello', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'start'],
  ar: [
    'مرحبا',
    'مرحباً',
    'السلام عليكم',
    'أهلا',
    'اهلا',
    'أهلاً',
    'صباح الخير',
    'مساء الخير',
    'هلا',
    'هلا والله',
    'salam',
    'marhaba',
  ],
  fa: ['سلام', 'درود', 'سلام علیکم', 'صبح بخیر', 'عصر بخیر', 'وقت بخیر'],
  ru: ['привет', 'здравствуйте', 'добрый день', 'доброе утро', 'добрый вечер', 'приветствую', 'здравствуй'],
  'zh-Hans': ['你好', '您好', '早上好', '下午好', '晚上好', '嗨', '哈喽'],
  hi: ['नमस्ते', 'नमस्कार', 'हेलो', 'हैलो', 'प्रणाम', 'namaste', 'namaskar'],
  tr: ['merhaba', 'merhabalar', 'selam', 'selamlar', 'günaydın', 'iyi günler', 'iyi akşamlar', 'kolay gelsin'],
  fr: ['bonjour', 'salut', 'bonsoir', 'coucou'],
  es: ['hola', 'buenos días', 'buenos dias', 'buenas tardes', 'buenas noches', 'buenas', 'buen día', 'buen dia'],
  'pt-BR': ['olá', 'ola', 'oi', 'bom dia', 'boa tarde', 'boa noite', 'e aí', 'e ai', 'tudo bem'],
};

/** Thanks: answered kindly, then the menu. Also in the detection table. */
export const THANKS_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['thanks', 'thank you', 'thx', 'thank you so much', 'thanks a lot', 'great thanks'],
  ar: ['شكرا', 'شكراً', 'شكرا لك', 'شكرا جزيلا', 'مشكور', 'يعطيك العافية'],
  fa: ['مرسی', 'ممنون', 'ممنونم', 'متشکرم', 'سپاس', 'خیلی ممنون'],
  ru: ['спасибо', 'спасибо большое', 'благодарю', 'спс'],
  'zh-Hans': ['谢谢', '谢谢你', '谢谢您', '多谢', '感谢'],
  hi: ['धन्यवाद', 'शुक्रिया', 'थैंक यू', 'dhanyavad', 'shukriya'],
  tr: ['teşekkürler', 'teşekkür ederim', 'sağ ol', 'sağol', 'eyvallah', 'tesekkurler'],
  fr: ['merci', 'merci beaucoup', 'merci bien'],
  es: ['gracias', 'muchas gracias', 'mil gracias'],
  'pt-BR': ['obrigado', 'obrigada', 'muito obrigado', 'muito obrigada', 'valeu'],
};

/** Goodbyes: answered kindly; the menu stays one tap away. Also in the detection table. */
export const GOODBYE_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['bye', 'goodbye', 'bye bye', 'see you', 'good night', 'have a nice day'],
  ar: ['مع السلامة', 'وداعا', 'إلى اللقاء', 'الى اللقاء', 'تصبح على خير'],
  fa: ['خداحافظ', 'خدانگهدار', 'بدرود', 'شب بخیر'],
  ru: ['пока', 'до свидания', 'всего доброго', 'спокойной ночи'],
  'zh-Hans': ['再见', '拜拜', '晚安'],
  hi: ['अलविदा', 'फिर मिलेंगे', 'शुभ रात्रि', 'bye ji'],
  tr: ['güle güle', 'hoşça kal', 'hoşçakal', 'görüşürüz', 'iyi geceler'],
  fr: ['au revoir', 'à bientôt', 'a bientot', 'bonne soirée', 'bonne nuit', 'bonne journée'],
  es: ['adiós', 'adios', 'hasta luego', 'chao', 'nos vemos', 'hasta pronto'],
  'pt-BR': ['tchau', 'até logo', 'ate logo', 'até mais', 'ate mais', 'falou'],
};

/**
 * How a question starts, per language: at the name step a message that starts with one of these
 * (or has a question mark) is a question, not a name ("how much does Portugal cost?").
 */
export const QUESTION_STARTS: Readonly<Record<string, readonly string[]>> = {
  en: ['how', 'what', 'why', 'when', 'where', 'which', 'who', 'can', 'could', 'is', 'are', 'do', 'does', 'tell me'],
  ar: ['كم', 'كيف', 'ماذا', 'ما هو', 'ما هي', 'متى', 'أين', 'وين', 'هل', 'لماذا', 'شو', 'ايش'],
  fa: ['چقدر', 'چطور', 'چگونه', 'چه', 'چرا', 'کی', 'کجا', 'آیا', 'کدام'],
  ru: ['сколько', 'как', 'что', 'почему', 'когда', 'где', 'какой', 'какая', 'какие', 'можно', 'есть ли'],
  'zh-Hans': ['多少', '怎么', '什么', '为什么', '哪', '请问', '如何', '是否'],
  hi: ['कितना', 'कितने', 'कैसे', 'क्या', 'क्यों', 'कब', 'कहाँ', 'कौन'],
  tr: ['ne kadar', 'nasıl', 'neden', 'ne zaman', 'nerede', 'hangi', 'kaç'],
  fr: ['combien', 'comment', 'pourquoi', 'quand', 'où', 'quel', 'quelle', 'quels', 'est-ce que', 'qu’est-ce'],
  es: ['cuánto', 'cuanto', 'cuánta', 'cómo', 'como', 'qué', 'que', 'por qué', 'cuándo', 'dónde', 'cuál', 'cual'],
  'pt-BR': ['quanto', 'quanta', 'como', 'o que', 'por que', 'quando', 'onde', 'qual', 'quais'],
};

/**
 * At the job search's "what kind of job?" step: no particular job, search them all. The word each
 * catalogue's `jobs.askKeywords` shows is the first of its list (catalogues.test.ts checks it).
 */
export const ANY_JOB_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['any', 'all', 'any job', 'all jobs', 'anything', 'everything', 'skip', 'none', 'no', '-'],
  ar: ['الكل', 'أي', 'اي', 'أي وظيفة', 'اي وظيفة', 'كل الوظائف', 'الجميع', 'تخطي', 'لا'],
  fa: ['همه', 'هر', 'هر شغلی', 'همهٔ مشاغل', 'همه مشاغل', 'فرقی نمی‌کند', 'فرقی نمیکنه', 'رد', 'نه'],
  ru: ['все', 'любая', 'любой', 'любые', 'все вакансии', 'любая работа', 'неважно', 'без разницы', 'пропустить', 'нет'],
  'zh-Hans': ['不限', '全部', '任何', '都可以', '所有', '跳过', '随便'],
  hi: ['सभी', 'सब', 'कोई भी', 'कोई भी नौकरी', 'सभी नौकरियाँ', 'छोड़ें', 'नहीं', 'sabhi', 'koi bhi'],
  tr: ['hepsi', 'herhangi', 'herhangi biri', 'tümü', 'fark etmez', 'farketmez', 'geç', 'atla', 'hayır'],
  fr: ['tous', 'toutes', 'tout', 'n’importe', "n'importe", 'peu importe', 'toutes les offres', 'passer', 'non'],
  es: ['todos', 'todas', 'cualquiera', 'cualquier', 'da igual', 'todas las ofertas', 'saltar', 'omitir', 'no'],
  'pt-BR': ['todas', 'todos', 'qualquer', 'qualquer uma', 'tanto faz', 'todas as vagas', 'pular', 'não', 'nao'],
};

/**
 * "Yes" and "no" at the menu. The questions the bot ends with are offers of a consultant: "Would you
 * like to talk to one of our consultants…? Reply 3" (yes is option 3) or, after a lead is saved,
 * "Would you like a consultant to chat with you here now?" (yes is option 7); no means the menu.
 * Listed without commas ("нет спасибо" also matches "нет, спасибо").
 */
export const YES_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['yes', 'yeah', 'yep', 'yes please', 'sure', 'of course', 'y'],
  ar: ['نعم', 'أيوه', 'ايوه', 'أكيد', 'اكيد', 'طبعا', 'طبعاً', 'نعم من فضلك'],
  fa: ['بله', 'آره', 'بلی', 'حتما', 'حتماً', 'بله لطفا', 'بله لطفاً'],
  ru: ['да', 'ага', 'конечно', 'да хочу', 'хочу', 'да пожалуйста'],
  'zh-Hans': ['是', '是的', '好的', '要', '需要', '可以', '当然'],
  hi: ['हाँ', 'हां', 'जी हाँ', 'जी हां', 'हाँ जी', 'ज़रूर', 'जरूर', 'haan'],
  tr: ['evet', 'olur', 'tabii', 'tabi', 'isterim', 'evet lütfen'],
  fr: ['oui', 'ouais', 'volontiers', 'oui merci', 'bien sûr', 'oui s’il vous plaît', "oui s'il vous plaît"],
  es: ['sí', 'si', 'claro', 'por supuesto', 'sí por favor', 'si por favor'],
  'pt-BR': ['sim', 'claro', 'quero', 'pode ser', 'sim por favor', 'com certeza'],
};

export const NO_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['no', 'nope', 'no thanks', 'no thank you', 'not now', 'n'],
  ar: ['لا', 'لا شكرا', 'لا شكراً', 'ليس الآن', 'مش الحين'],
  fa: ['نه', 'خیر', 'نه ممنون', 'نه مرسی', 'فعلاً نه', 'فعلا نه'],
  ru: ['нет', 'не надо', 'нет спасибо', 'не сейчас', 'не нужно'],
  'zh-Hans': ['不', '不用', '不要', '不用了', '不需要', '不了'],
  hi: ['नहीं', 'नही', 'जी नहीं', 'अभी नहीं', 'nahi', 'nahin'],
  tr: ['hayır', 'hayir', 'yok', 'istemiyorum', 'hayır teşekkürler', 'şimdi değil'],
  fr: ['non', 'non merci', 'pas maintenant'],
  es: ['no', 'no gracias', 'ahora no'],
  'pt-BR': ['não', 'nao', 'não obrigado', 'não obrigada', 'agora não'],
};

/**
 * What people type for a menu option instead of its number or its full label ("brochure",
 * "брошюра", "كتيب"), per option and language. Options 3 and 7 (a consultant, a person now) are left
 * to the handoff words (content/handoff-words.ts), which already read "consultant", "مستشار", "人工"…
 */
export const OPTION_WORDS: Readonly<Record<string, Readonly<Partial<Record<1 | 2 | 4 | 5 | 6, readonly string[]>>>>> = {
  en: {
    1: ['programs', 'programmes', 'explore', 'residency programs', 'explore programs'],
    2: ['eligibility', 'check eligibility', 'am i eligible', 'my budget'],
    4: ['jobs', 'job search', 'jobs abroad', 'careers', 'find a job'],
    5: ['booking', 'book', 'appointment', 'book a call', 'book a consultation', 'schedule a call'],
    6: ['brochure', 'the brochure', 'catalogue', 'catalog', 'pdf', 'send brochure'],
  },
  ar: {
    1: ['البرامج', 'برامج', 'برامج الإقامة', 'برامج الاقامة'],
    2: ['الأهلية', 'الاهلية', 'الميزانية', 'هل أنا مؤهل'],
    4: ['وظائف', 'الوظائف', 'وظيفة', 'البحث عن عمل', 'عمل'],
    5: ['حجز', 'حجز موعد', 'موعد', 'احجز'],
    6: ['كتيب', 'كتيّب', 'الكتيب', 'بروشور', 'البروشور', 'كتالوج'],
  },
  fa: {
    1: ['برنامه‌ها', 'برنامه ها', 'برنامه‌های اقامت', 'برنامه های اقامت'],
    2: ['بودجه', 'شرایط', 'بررسی شرایط'],
    4: ['شغل', 'کار', 'کاریابی', 'جستجوی شغل', 'استخدام'],
    5: ['رزرو', 'رزرو مشاوره', 'وقت مشاوره', 'نوبت'],
    6: ['بروشور', 'کاتالوگ', 'دفترچه'],
  },
  ru: {
    1: ['программы', 'программы резидентства', 'посмотреть программы'],
    2: ['бюджет', 'проверить бюджет', 'подхожу ли я'],
    4: ['вакансии', 'работа', 'поиск работы', 'найти работу'],
    5: ['запись', 'записаться', 'запись на консультацию', 'записаться на консультацию'],
    6: ['брошюра', 'брошюру', 'каталог', 'буклет', 'презентация'],
  },
  'zh-Hans': {
    1: ['项目', '移民项目', '居留项目', '查看项目'],
    2: ['资格', '预算', '资格评估'],
    4: ['工作', '找工作', '职位', '求职'],
    5: ['预约', '预约咨询', '预约顾问'],
    6: ['宣传册', '手册', '小册子', '资料'],
  },
  hi: {
    1: ['कार्यक्रम', 'प्रोग्राम', 'रेजिडेंसी प्रोग्राम'],
    2: ['पात्रता', 'बजट', 'पात्रता जाँचें'],
    4: ['नौकरी', 'नौकरियाँ', 'नौकरियां', 'जॉब', 'नौकरी खोज'],
    5: ['बुकिंग', 'अपॉइंटमेंट', 'परामर्श बुक करें'],
    6: ['ब्रोशर', 'पुस्तिका', 'कैटलॉग'],
  },
  tr: {
    1: ['programlar', 'oturum programları', 'programları incele'],
    2: ['uygunluk', 'bütçe', 'butce', 'uygun muyum'],
    4: ['iş', 'iş ilanları', 'iş arama', 'is ilanlari'],
    5: ['randevu', 'rezervasyon', 'randevu al'],
    6: ['broşür', 'brosur', 'katalog'],
  },
  fr: {
    1: ['programmes', 'les programmes', 'voir les programmes'],
    2: ['éligibilité', 'eligibilite', 'mon budget'],
    4: ['emploi', 'emplois', 'travail', 'offres d’emploi', "offres d'emploi"],
    5: ['rendez-vous', 'rdv', 'réserver', 'prendre rendez-vous'],
    6: ['brochure', 'la brochure', 'catalogue', 'plaquette'],
  },
  es: {
    1: ['programas', 'ver programas', 'programas de residencia'],
    2: ['elegibilidad', 'presupuesto', 'mi presupuesto'],
    4: ['empleo', 'empleos', 'trabajo', 'buscar trabajo', 'ofertas de empleo'],
    5: ['cita', 'reservar', 'agendar', 'reservar cita', 'agendar cita'],
    6: ['folleto', 'catálogo', 'catalogo', 'el folleto', 'brochure'],
  },
  'pt-BR': {
    1: ['programas', 'ver programas', 'programas de residência'],
    2: ['elegibilidade', 'orçamento', 'orcamento', 'meu orçamento'],
    4: ['vagas', 'emprego', 'empregos', 'trabalho', 'buscar emprego'],
    5: ['agendar', 'agendamento', 'marcar consulta', 'agendar consultoria'],
    6: ['folheto', 'catálogo', 'catalogo', 'brochura', 'o folheto'],
  },
};
