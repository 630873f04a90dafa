// Türkçe sık sorulan sorular (eksik olanlar İngilizceden alınır).
import type { FaqEntry } from './types.js';

export const tr: readonly FaqEntry[] = [
  {
    id: 'cost',
    question: 'Bir program ne kadar tutar?',
    words: 'fiyat fiyatı ücret ücreti maliyet tutar para pahalı ucuz en ucuz asgari minimum yatırım bütçe',
    answer:
      '💰 Her programın bir asgari yatırım tutarı vardır; 100.000 $’dan (Karayip vatandaşlığı) başlar, buna devlet harçları ve durum tespiti ücretleri eklenir. *2* yazıp bütçenizi girin: bütçenize uyan tüm programları en uygun fiyatlıdan başlayarak listeleyeyim.',
  },
  {
    id: 'processing',
    question: 'Süreç ne kadar sürer?',
    words: 'süre süreç sürer sürüyor zaman ay hafta hızlı bekleme',
    answer:
      '⏱️ Süreç birkaç haftadan (BAE) iki üç yıla (ABD EB-5) kadar sürer; her programın süresi kartında yazar. Programları bölgeye göre görmek için *1* yazın.',
  },
  {
    id: 'family',
    question: 'Ailem de gelebilir mi?',
    words: 'aile ailem eşim eş çocuklar çocuklarım anne baba ebeveyn',
    answer:
      '👨‍👩‍👧 Çoğu program eşinizi ve çocuklarınızı, birçoğu da anne babanızı kapsar; genellikle kişi başı ek ücretle. Bir danışman bunu aileniz için kontrol edebilir: *3* yazın.',
  },
  {
    id: 'residency_or_citizenship',
    question: 'Oturum mu vatandaşlık mı?',
    words: 'oturum ikamet vatandaşlık pasaport fark ikinci',
    answer:
      '🛂 Altın vize size bir ülkede yaşama hakkı (oturum) verir; genellikle yenilenir ve birkaç yıl sonra vatandaşlığa götürür. Yatırımla vatandaşlık programı ise doğrudan pasaport verir. İkisini de görmek için *1* yazın.',
  },
  {
    id: 'visa_free',
    question: 'Hangi pasaportlar vizesiz seyahat sağlar?',
    words: 'vizesiz vize seyahat schengen ülke pasaport',
    answer:
      '✈️ Karayip pasaportlarıyla Schengen bölgesi ve Birleşik Krallık dahil yaklaşık 140–150 ülkeye vizesiz gidilir; Avrupa’da oturum Schengen içinde serbest dolaşım sağlar. Bir danışman sizin için karşılaştırabilir: *3* yazın.',
  },
];
