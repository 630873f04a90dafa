// STOP and START in each of our ten languages (Meta's policy: opting out must work in the user's
// language). A message that is exactly one of these (any case, a trailing "." "!" or "。" aside) counts.
// Words that are also ordinary answers ("no", "cancel") are deliberately not here.
export const STOP_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['stop', 'unsubscribe', 'stop all', 'opt out', 'optout', 'opt-out'],
  ar: ['إيقاف', 'ايقاف', 'توقف', 'إلغاء الاشتراك', 'الغاء الاشتراك', 'stop'],
  fa: ['توقف', 'لغو اشتراک', 'لغو عضویت', 'استاپ'],
  ru: ['стоп', 'отписаться', 'отписка', 'отпишите'],
  'zh-Hans': ['停止', '退订', '取消订阅'],
  hi: ['रोकें', 'रोको', 'बंद करें', 'स्टॉप', 'सदस्यता रद्द करें'],
  tr: ['dur', 'durdur', 'abonelikten çık', 'abonelikten cik'],
  fr: ['arrêt', 'arret', 'arrêter', 'arreter', 'désabonner', 'me désabonner', 'désinscription'],
  es: ['parar', 'detener', 'baja', 'darme de baja', 'cancelar suscripción', 'cancelar suscripcion'],
  'pt-BR': ['parar', 'sair', 'descadastrar', 'cancelar inscrição', 'cancelar inscricao'],
};

export const START_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['start', 'subscribe', 'unstop'],
  ar: ['ابدأ', 'ابدا', 'بدء', 'اشتراك'],
  fa: ['شروع', 'اشتراک', 'استارت'],
  ru: ['старт', 'подписаться', 'начать'],
  'zh-Hans': ['开始', '订阅'],
  hi: ['शुरू', 'शुरू करें', 'स्टार्ट'],
  tr: ['başla', 'basla', 'başlat', 'baslat'],
  fr: ['commencer', 'démarrer', 'demarrer', 'reprendre', "m'abonner"],
  es: ['empezar', 'comenzar', 'iniciar', 'alta'],
  'pt-BR': ['começar', 'comecar', 'iniciar', 'voltar'],
};
