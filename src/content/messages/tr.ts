// Türkçe katalog. Keys and placeholders as in en.ts; plurals: one / other.
import type { TranslatedCatalogue } from './en.js';

export const tr: TranslatedCatalogue = {
  'menu.welcome': '👋 Nexora Investments’a hoş geldiniz!',
  'menu.chooseOption': 'Lütfen bir seçenek seçin:',
  'menu.replyWithNumber': 'Seçeneğin numarasını yazın.',
  'menu.anythingElse':
    '🙌 Başka nasıl yardımcı olabilirim? 1 ile 7 arasında bir numara yazın veya *Ana menü*ye dokunun.',
  'menu.didNotUnderstand':
    '❓ Kusura bakmayın, anlayamadım. Lütfen 1 ile 7 arasında bir numara yazın veya "menü" yazın.',
  'menu.footer': 'Baştan başlamak için istediğiniz an "menü" yazın',
  'menu.button': 'Ana menü',
  'menu.sectionTitle': 'Nasıl yardım edebiliriz?',
  'menu.option1.label': 'Oturum Programlarını İnceleyin',
  'menu.option1.row': '1. Oturum Programları',
  'menu.option1.description': 'Her bölgedeki en iyi oturum ve vatandaşlık programları',
  'menu.option2.label': 'Uygunluk Kontrolü',
  'menu.option2.row': '2. Uygunluk Kontrolü',
  'menu.option2.description': 'Yatırım bütçenize uygun programları görün',
  'menu.option3.label': 'Danışmanla Görüşün',
  'menu.option3.row': '3. Danışmanla Görüşün',
  'menu.option3.description': 'Adınızı ve e-postanızı bırakın, danışmanımız size ulaşsın',
  'menu.option4.label': 'İş Arama Desteği',
  'menu.option4.row': '4. İş Arama Desteği',
  'menu.option4.description': 'Seçtiğiniz ülkedeki iş ilanlarını bulun',
  'menu.option5.label': 'Görüşme Randevusu',
  'menu.option5.row': '5. Randevu Alın',
  'menu.option5.description': 'Danışmanlık randevusu için bağlantıyı alın',
  'menu.option6.label': 'Broşürü İndirin',
  'menu.option6.row': '6. Broşürü İndirin',
  'menu.option6.description': 'Nexora Investments broşürünü alın',
  'menu.option7.label': 'Şimdi Danışmanla Yazışın',
  'menu.option7.row': '7. Şimdi Yazışın',
  'menu.option7.description': 'Danışmanımız size burada, bu sohbette yanıt verir',
  'menu.languageRow': '🌐 Dil',
  'menu.languageRowDescription': 'Size hangi dilde yanıt vereceğimi seçin',
  'nav.backToMenuHint': 'Ana menüye dönmek için "menü" yazın.',
  'nav.mainMenuRow': '⬅️ Ana menü',
  'nav.mainMenuRowDescription': 'Tüm seçeneklere dönün',

  'session.expired': '⏱️ Önceki oturumunuzun süresi doldu; ana menüden yeniden başlıyoruz.',
  'input.unsupported':
    '🙏 Teşekkürler! Şimdilik yalnızca metin mesajlarını okuyabiliyorum. Lütfen cevabınızı yazın veya aşağıdaki menüden bir seçenek seçin.',
  'input.fileReceived':
    '📎 Teşekkürler, dosyanız bize ulaştı ve danışmanınız görebilecek. Ben yalnızca metin okuyabiliyorum: lütfen sorunuzu yazın veya aşağıdaki menüden bir seçenek seçin.',
  'media.tooLarge':
    "📎 Üzgünüz, dosyanızı alamadık: WhatsApp'ın kabul etmemize izin verdiği en büyük boyut olan {limit} sınırını aşıyor. Lütfen daha küçük bir dosya gönderin veya dosyayı birkaç parçaya bölün.",
  'media.corrupt': '📎 Üzgünüz, dosyanız bozuk ulaştı ve açamadık. Lütfen tekrar gönderin.',

  'explore.title': '🌍 Öne Çıkan Oturum Kategorileri:',
  'explore.prompt': 'Yanıtınız: {letters}',
  'explore.invalid': '❓ Kusura bakmayın, bu bir kategori değil. Lütfen şunlardan birini yazın: {letters}.',
  'explore.button': 'Kategoriler',
  'explore.sectionTitle': 'Oturum kategorileri',
  'explore.rowDescription': '{count, plural, one {# program} other {# program}}, {amount} itibarıyla',
  'explore.topTitle': '{count, plural, one {🏆 {category} Programımız:} other {🏆 En İyi # {category} Programı:}}',
  'programs.followUp': '💬 İlginizi çekti mi? Danışmanla görüşmek için 3, randevu almak için 5 yazın.',
  'program.category': 'Kategori: {category}',
  'program.investment': 'Yatırım: {amount}',
  'program.processing': 'İşlem süresi: {time}',
  'program.link': 'Bağlantı: {link}',

  'eligibility.ask': '💰 ABD doları cinsinden yatırım bütçeniz nedir?\n\nÖrneğin: 250000, $300,000, 250k veya 1.5M.',
  'eligibility.empty': '💰 Lütfen yatırım bütçenizi ABD doları olarak yazın, örneğin 250000 veya $300k.',
  'eligibility.unreadable':
    '❓ Kusura bakmayın, bu tutarı okuyamadım. Lütfen bütçenizi ABD doları olarak yazın, örneğin 300000, $300,000 veya 300k.',
  'eligibility.notPositive':
    '❓ Bütçeniz sıfırdan büyük olmalı. Lütfen ABD doları olarak bir tutar yazın, örneğin 250000.',
  'eligibility.intro': '✅ {amount} bütçeyle başvurabileceğiniz programlar:',
  'eligibility.notEligible':
    '😕 {amount} bütçeyle programlarımızdan hiçbiri henüz uygun değil. En düşük yatırım tutarı {lowest} ({program}).\n\n💬 Danışmanımız sizinle başka seçenekleri değerlendirebilir: danışmanla görüşmek için 3 yazın.',
  'eligibility.noCatalogue':
    '😕 Şu anda bütçenizle karşılaştırabileceğim bir program bulamadım. 3 yazın, danışmanımız size yardımcı olsun.',

  'consultant.askName': '👤 Sizi memnuniyetle bir danışmanla buluşturalım! Adınız ve soyadınız nedir?',
  'consultant.nameEmpty': '👤 Lütfen adınızı ve soyadınızı yazın.',
  'consultant.nameInvalid': '❓ Bu bir isme benzemiyor. Lütfen adınızı ve soyadınızı yazın (en fazla 100 karakter).',
  'consultant.nameIsQuestion':
    '❓ Danışmanımız bu soruyu memnuniyetle yanıtlar. Sorunuzu iletebilmem için önce adınızı ve soyadınızı öğrenmem gerekiyor: adınız nedir?',
  'consultant.nameIsEmail': '📧 Teşekkürler, e-postanızı birazdan soracağım. Önce adınız ve soyadınız nedir?',
  'consultant.askEmail': '📧 Teşekkürler, {name}! E-posta adresiniz nedir?',
  'consultant.emailInvalid': '❓ Bu e-posta adresi doğru görünmüyor. Lütfen tekrar yazın, örneğin name@example.com.',
  'consultant.saved': '🙏 Teşekkür ederiz, {name}! Bir Nexora danışmanı kısa süre içinde sizinle iletişime geçecek.',
  'consultant.offerChat': 'Bir danışmanımızın şimdi burada sizinle yazışmasını ister misiniz?',
  'consultant.offerChatYes': 'Evet, lütfen',
  'consultant.offerChatNo': 'Hayır, teşekkürler',

  'jobs.askCountry': '💼 Hangi ülkede çalışmak istersiniz?',
  'jobs.countryInvalid': '❓ Bu ülkeyi henüz tanımıyorum. Lütfen bir ülke adı yazın, örneğin {examples}.',
  'jobs.searching':
    '🔎 {country} için iş ilanları aranıyor… Bulduklarımı birazdan göndereceğim.\n\nBu arada 1 ile 7 arasında bir numara yazabilir veya ana menü için "menü" yazabilirsiniz.',
  'jobs.found': '{place} için en yeni iş ilanları:',
  'jobs.seeMore': 'Daha fazlası: {link}',
  'jobs.none': 'Şu anda {place} için açık bir iş ilanı bulamadım.',
  'jobs.searchYourself': 'Buradan kendiniz de arayabilirsiniz:\n{link}',
  'jobs.unavailable': 'İş arama şu anda kullanılamıyor.',
  'jobs.latestHere': '{place} için en yeni ilanlara buradan bakabilirsiniz:\n{link}',
  'jobs.consultant': 'Orada çalışmak ve yaşamak hakkında danışmanlarımızla görüşmek ister misiniz? *3* yazın.',
  'jobs.askKeywords':
    '💼 {country} için nasıl bir iş arıyorsunuz? Bir pozisyon ya da alan yazın, örneğin *nurse*, *engineer* veya *sales* (İngilizce ya da o ülkenin dilinde daha çok sonuç çıkar); tüm ilanları görmek için *hepsi* yazın.',
  'jobs.keywordsInvalid':
    '❓ Lütfen pozisyonu ya da alanı birkaç kelimeyle yazın (en fazla {max} karakter) veya tüm ilanları görmek için *hepsi* yazın.',
  'jobs.searchingFor':
    '🔎 {country} için "{keywords}" ilanları aranıyor… Bulduklarımı birazdan göndereceğim.\n\nBu arada 1 ile 7 arasında bir numara yazabilir veya ana menü için "menü" yazabilirsiniz.',
  'jobs.foundFor': '{place} için en yeni "{keywords}" ilanları:',
  'jobs.noneFor': 'Şu anda {place} için açık bir "{keywords}" ilanı bulamadım.',

  'smalltalk.thanks': '😊 Rica ederim! Ne zaman ihtiyacınız olursa buradayım.',
  'smalltalk.goodbye': '👋 Nexora Investments ile iletişime geçtiğiniz için teşekkürler. Dilediğiniz zaman yazın!',

  'brochure.caption': '📄 Nexora Investments — yatırımla oturum ve vatandaşlık programları',
  'booking.link':
    '📅 Nexora danışmanıyla görüşme randevunuzu buradan alın:\n{url}\n\nSize uygun bir saat seçin, seçeneklerinizi birlikte değerlendirelim.',

  'optOut.confirmed':
    '🔕 Abonelikten çıktınız: Nexora Investments size artık mesaj göndermeyecek. Tekrar yazışmak için istediğiniz zaman BAŞLA yazın.',
  'optIn.confirmed': '🔔 Tekrar hoş geldiniz! Yanıtlarımızı yeniden alacaksınız.',

  'language.prompt': '🌐 Hangi dilde konuşmamı istersiniz? Listeden bir dil seçin.',
  'language.button': 'Diller',
  'language.sectionTitle': 'Diller',
  'language.invalid': '❓ Lütfen listeden bir dil seçin veya adını yazın.',
  'language.changed': '✅ Tamam: bundan sonra size Türkçe yanıt vereceğim.',

  'handoff.pendingNow':
    '👤 Teşekkürler, bir danışman kısa süre içinde size buradan yanıt verecek. Asistana dönmek için *menü* yazın.',
  'handoff.pendingLater':
    '👤 Teşekkürler. Danışmanlarımız {hours} ({timeZone} saatiyle) hizmet veriyor; mesai başlar başlamaz size buradan yanıt verilecek. Asistana dönmek için *menü* yazın.',
  'handoff.timedOut':
    '⏳ Kusura bakmayın, hiçbir danışman size zamanında yanıt veremedi. Asistan geri döndü: neler yapabileceğini görmek için *menü*, yeniden bir kişiyle görüşmek için *temsilci* yazın.',

  'leadEmail.subject': '{event, select, created {Yeni müşteri adayı} other {Güncellenen müşteri adayı}}: {who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original} ({date} kuruyla ≈ {amount})',
  'eligibility.noRate':
    '❓ Üzgünüm, {currency} için henüz çeviri yapamıyorum. Lütfen bütçenizi ABD doları olarak yazın, örneğin 300000 veya $300k.',
  'eligibility.count': 'Bütçenize uyan program sayısı: {count}, en uygun fiyatlıdan başlayarak.',
  'eligibility.moreHint': '➕ Bütçenize uyan {count} program daha var: aşağıdaki listeden *{row}* seçin.',
  'eligibility.moreRow': '➕ Diğer programlar',
  'eligibility.moreRowDescription': 'Programlar {from}–{to} / {count}',
  'eligibility.pageIntro': '✅ {amount} bütçe için diğer programlar ({from}–{to} / {count}):',
};
