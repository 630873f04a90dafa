// The words with which a client asks for a person, per language (matched as whole words inside the
// message, after lower-casing and dropping punctuation: "I want to speak to a human!" counts).
// Every language's words count for everyone. Data only: handoff/keywords.ts does the matching.
export const HUMAN_REQUEST_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'agent',
    'human',
    'consultant',
    'talk to someone',
    'speak to someone',
    'talk to a human',
    'speak to a human',
    'talk to a person',
    'speak to a person',
    'real person',
    'talk to an agent',
    'speak to an agent',
    'talk to a consultant',
    'speak to a consultant',
  ],
  ar: [
    'مستشار',
    'موظف',
    'شخص حقيقي',
    'التحدث مع شخص',
    'التحدث مع موظف',
    'أريد التحدث مع شخص',
    'خدمة العملاء',
    'مستشار بشري',
  ],
  fa: ['اپراتور', 'کارشناس', 'صحبت با کارشناس', 'صحبت با اپراتور', 'آدم واقعی', 'پشتیبانی'],
  ru: ['оператор', 'живой человек', 'менеджер', 'позовите человека', 'связаться с человеком', 'поговорить с человеком'],
  'zh-Hans': ['人工', '人工客服', '真人', '转人工', '客服'],
  hi: ['एजेंट', 'इंसान से बात', 'किसी व्यक्ति से बात', 'कस्टमर केयर', 'असली व्यक्ति'],
  tr: ['temsilci', 'müşteri temsilcisi', 'gerçek kişi', 'insanla konuşmak', 'biriyle konuşmak', 'operatör'],
  fr: ['conseiller humain', 'un humain', 'une personne', 'parler à quelqu’un', "parler à quelqu'un", 'agent humain'],
  es: ['asesor humano', 'una persona', 'persona real', 'hablar con alguien', 'hablar con una persona', 'agente humano'],
  'pt-BR': ['atendente', 'pessoa real', 'falar com alguém', 'falar com uma pessoa', 'atendimento humano', 'humano'],
};
