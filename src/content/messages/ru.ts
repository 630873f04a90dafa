// Русский каталог. Keys and placeholders as in en.ts; plurals: one / few / many / other.
import type { TranslatedCatalogue } from './en.js';

export const ru: TranslatedCatalogue = {
  'menu.welcome': '👋 Добро пожаловать в Nexora Investments!',
  'menu.chooseOption': 'Пожалуйста, выберите раздел:',
  'menu.replyWithNumber': 'Ответьте цифрой.',
  'menu.anythingElse': '🙌 Чем ещё могу помочь? Ответьте цифрой от 1 до 7 или нажмите *Главное меню*.',
  'menu.didNotUnderstand': '❓ Извините, я не понял. Ответьте цифрой от 1 до 7 или напишите «меню».',
  'menu.footer': 'Напишите «меню», чтобы начать заново',
  'menu.button': 'Главное меню',
  'menu.sectionTitle': 'Чем мы можем помочь?',
  'menu.option1.label': 'Программы ВНЖ',
  'menu.option1.row': '1. Программы ВНЖ',
  'menu.option1.description': 'Лучшие программы резидентства и гражданства в каждом регионе',
  'menu.option2.label': 'Проверить соответствие',
  'menu.option2.row': '2. Подбор по бюджету',
  'menu.option2.description': 'Узнайте, какие программы подходят под ваш бюджет',
  'menu.option3.label': 'Связаться с консультантом',
  'menu.option3.row': '3. Консультант',
  'menu.option3.description': 'Оставьте имя и e-mail, и консультант свяжется с вами',
  'menu.option4.label': 'Помощь в поиске работы',
  'menu.option4.row': '4. Поиск работы',
  'menu.option4.description': 'Вакансии в стране, которую вы выберете',
  'menu.option5.label': 'Записаться на консультацию',
  'menu.option5.row': '5. Записаться на приём',
  'menu.option5.description': 'Ссылка для записи на консультацию',
  'menu.option6.label': 'Скачать брошюру',
  'menu.option6.row': '6. Брошюра',
  'menu.option6.description': 'Получите брошюру Nexora Investments',
  'menu.option7.label': 'Чат с консультантом сейчас',
  'menu.option7.row': '7. Чат с консультантом',
  'menu.option7.description': 'Консультант ответит вам прямо здесь, в этом чате',
  'menu.languageRow': '🌐 Язык',
  'menu.languageRowDescription': 'Выберите язык, на котором я отвечаю',
  'nav.backToMenuHint': 'Напишите «меню», чтобы вернуться в главное меню.',
  'nav.mainMenuRow': '⬅️ Главное меню',
  'nav.mainMenuRowDescription': 'Назад ко всем разделам',

  'session.expired': '⏱️ Предыдущая сессия истекла, поэтому начинаем заново с главного меню.',
  'input.unsupported':
    '🙏 Спасибо! Пока я читаю только текстовые сообщения. Напишите ответ текстом или выберите пункт меню ниже.',
  'input.fileReceived':
    '📎 Спасибо, ваш файл получен, и ваш консультант его увидит. Сам я читаю только текст: напишите вопрос или выберите пункт меню ниже.',
  'media.tooLarge':
    '📎 К сожалению, мы не смогли принять ваш файл: он больше {limit} — это максимум, который допускает WhatsApp. Пожалуйста, отправьте файл поменьше или разделите его на несколько.',
  'media.corrupt':
    '📎 К сожалению, ваш файл пришёл повреждённым, и мы не смогли его открыть. Пожалуйста, отправьте его ещё раз.',

  'explore.title': '🌍 Основные категории программ:',
  'explore.prompt': 'Ответьте: {letters}',
  'explore.invalid': '❓ Извините, такой категории нет. Ответьте: {letters}.',
  'explore.button': 'Категории',
  'explore.sectionTitle': 'Категории программ',
  'explore.rowDescription':
    '{count, plural, one {# программа} few {# программы} many {# программ} other {# программы}}, от {amount}',
  'explore.topTitle':
    '{count, plural, one {🏆 Наша программа «{category}»:} few {🏆 Топ-# программы «{category}»:} many {🏆 Топ-# программ «{category}»:} other {🏆 Топ-# программы «{category}»:}}',
  'programs.followUp': '💬 Заинтересовало? Ответьте 3, чтобы связаться с консультантом, или 5, чтобы записаться.',
  'program.category': 'Категория: {category}',
  'program.investment': 'Инвестиции: {amount}',
  'program.processing': 'Срок оформления: {time}',
  'program.link': 'Подробнее: {link}',

  'eligibility.ask':
    '💰 Какой у вас инвестиционный бюджет в долларах США?\n\nНапример: 250000, $300,000, 250k или 1.5M.',
  'eligibility.empty': '💰 Напишите ваш бюджет в долларах США, например 250000 или $300k.',
  'eligibility.unreadable':
    '❓ Извините, я не смог распознать сумму. Напишите бюджет в долларах США, например 300000, $300,000 или 300k.',
  'eligibility.notPositive': '❓ Бюджет должен быть больше нуля. Напишите сумму в долларах США, например 250000.',
  'eligibility.intro': '✅ С бюджетом {amount} вам подходят:',
  'eligibility.notEligible':
    '😕 С бюджетом {amount} ни одна из наших программ пока не подходит. Минимальная сумма инвестиций — {lowest} ({program}).\n\n💬 Консультант подберёт другие варианты: ответьте 3, чтобы связаться с ним.',
  'eligibility.noCatalogue':
    '😕 Сейчас я не нашёл программ для сравнения с вашим бюджетом. Ответьте 3, и консультант вам поможет.',

  'consultant.askName': '👤 С удовольствием свяжу вас с консультантом! Как вас зовут (имя и фамилия)?',
  'consultant.nameEmpty': '👤 Пожалуйста, напишите ваше имя и фамилию.',
  'consultant.nameInvalid': '❓ Это не похоже на имя. Напишите имя и фамилию (до 100 символов).',
  'consultant.nameIsQuestion':
    '❓ Консультант с удовольствием ответит на этот вопрос. Чтобы передать его, мне сначала нужно ваше имя и фамилия: как вас зовут?',
  'consultant.nameIsEmail': '📧 Спасибо, e-mail я спрошу чуть позже. Сначала скажите, пожалуйста, ваше имя и фамилию.',
  'consultant.askEmail': '📧 Спасибо, {name}! Какой у вас адрес электронной почты?',
  'consultant.emailInvalid': '❓ Похоже, в адресе ошибка. Напишите его ещё раз, например name@example.com.',
  'consultant.saved': '🙏 Спасибо, {name}! Консультант Nexora скоро свяжется с вами.',
  'consultant.offerChat': 'Хотите, чтобы консультант прямо сейчас ответил вам здесь, в чате?',
  'consultant.offerChatYes': 'Да, пожалуйста',
  'consultant.offerChatNo': 'Нет, спасибо',

  'jobs.askCountry': '💼 В какой стране вы хотели бы работать?',
  'jobs.countryInvalid': '❓ Я пока не знаю такой страны. Напишите название страны, например {examples}.',
  'jobs.searching':
    '🔎 Ищу вакансии: {country}… Пришлю результаты через минуту.\n\nА пока ответьте цифрой от 1 до 7 или напишите «меню».',
  'jobs.found': 'Свежие вакансии ({place}):',
  'jobs.seeMore': 'Ещё вакансии: {link}',
  'jobs.none': 'Сейчас я не нашёл открытых вакансий ({place}).',
  'jobs.searchYourself': 'Вы можете поискать сами здесь:\n{link}',
  'jobs.unavailable': 'Поиск вакансий сейчас недоступен.',
  'jobs.latestHere': 'Свежие вакансии ({place}) можно посмотреть здесь:\n{link}',
  'jobs.consultant': 'Хотите обсудить работу и жизнь там с нашим консультантом? Ответьте *3*.',
  'jobs.askKeywords':
    '💼 Какую работу вы ищете в стране «{country}»? Напишите должность или сферу, например *nurse*, *engineer* или *sales* (на английском или языке страны вакансий найдётся больше), или ответьте *все*, чтобы увидеть все вакансии.',
  'jobs.keywordsInvalid':
    '❓ Напишите должность или сферу в нескольких словах (до {max} символов) или *все*, чтобы увидеть все вакансии.',
  'jobs.searchingFor':
    '🔎 Ищу вакансии «{keywords}»: {country}… Пришлю результаты через минуту.\n\nА пока ответьте цифрой от 1 до 7 или напишите «меню».',
  'jobs.foundFor': 'Свежие вакансии «{keywords}» ({place}):',
  'jobs.noneFor': 'Сейчас я не нашёл открытых вакансий «{keywords}» ({place}).',

  'smalltalk.thanks': '😊 Пожалуйста! Я всегда на связи, если понадоблюсь.',
  'smalltalk.goodbye': '👋 Спасибо, что обратились в Nexora Investments. Пишите в любое время!',

  'brochure.caption': '📄 Nexora Investments — программы ВНЖ и гражданства за инвестиции',
  'booking.link':
    '📅 Запишитесь на консультацию в Nexora:\n{url}\n\nВыберите удобное время, и мы расскажем о подходящих вариантах.',

  'optOut.confirmed':
    '🔕 Вы отписались: Nexora Investments больше не будет присылать вам сообщения. Напишите СТАРТ, если захотите продолжить.',
  'optIn.confirmed': '🔔 С возвращением! Вы снова будете получать наши ответы.',

  'language.prompt': '🌐 На каком языке вам удобнее общаться? Выберите язык из списка.',
  'language.button': 'Языки',
  'language.sectionTitle': 'Языки',
  'language.invalid': '❓ Выберите язык из списка или напишите его название.',
  'language.changed': '✅ Готово: теперь я отвечаю на русском языке.',

  'handoff.pendingNow':
    '👤 Спасибо, консультант скоро ответит вам здесь. Напишите *меню*, чтобы вернуться к ассистенту.',
  'handoff.pendingLater':
    '👤 Спасибо. Наши консультанты работают {hours} (время {timeZone}); как только мы откроемся, вам ответят здесь. Напишите *меню*, чтобы вернуться к ассистенту.',
  'handoff.timedOut':
    '⏳ Извините, консультант не успел вам ответить. Ассистент снова на связи: напишите *меню*, чтобы увидеть, чем он может помочь, или *оператор*, чтобы снова позвать человека.',

  'leadEmail.subject': '{event, select, created {Новый лид} other {Обновлённый лид}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} (≈ {amount} по курсу на {date})',
  'eligibility.noRate':
    '❓ К сожалению, пересчитать {currency} я пока не могу. Напишите бюджет в долларах США, например 300000 или $300k.',
  'eligibility.count': 'Подходящих программ: {count}, начиная с самой доступной.',
  'eligibility.moreHint': '➕ Ещё подходящих программ: {count}. Выберите *{row}* в списке ниже.',
  'eligibility.moreRow': '➕ Ещё программы',
  'eligibility.moreRowDescription': 'Программы {from}–{to} из {count}',
  'eligibility.pageIntro': '✅ Ещё программы для бюджета {amount} ({from}–{to} из {count}):',
};
