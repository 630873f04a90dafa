import { describe, expect, it } from 'vitest';
import { buildQuestionIndex } from './question-index.js';
import { loadSeedPrograms } from '../conversation/test-support.js';

const index = buildQuestionIndex(loadSeedPrograms());
const what = (q: string, language = 'en'): string | null => {
  const m = index.find(q, language);
  return m === null ? null : m.kind === 'program' ? m.program.name : `faq:${m.entry.id}`;
};

describe('free-text questions against the catalogue and the FAQ', () => {
  it.each([
    ['how much is the Portugal golden visa?', 'en', 'Portugal Golden Residency Program'],
    ['Portugal', 'en', 'Portugal Golden Residency Program'],
    ['EB-5 processing time', 'en', 'EB-5 Immigrant Investor Program'],
    ['tell me about dominica', 'en', 'Dominica Citizenship by Investment'],
    ['greece real estate', 'en', 'Greece Golden Visa - Real Estate'],
    ['Cuánto cuesta la visa de Portugal', 'es', 'Portugal Golden Residency Program'],
    ['cheapest program in Europe', 'en', 'faq:cost'],
    ['how much does it cost', 'en', 'faq:cost'],
    ['family members', 'en', 'faq:family'],
    ['can my wife and children come?', 'en', 'faq:family'],
    ['visa-free travel', 'en', 'faq:visa_free'],
    ['residency or citizenship', 'en', 'faq:residency_or_citizenship'],
    ['how long does it take', 'en', 'faq:processing'],
    ['¿Puede venir mi familia?', 'es', 'faq:family'],
    ['viajar sin visa', 'es', 'faq:visa_free'],
    // English words still find the answer in another language's index (English entries are the fallback).
    ['family members', 'ru', 'faq:family'],
  ])('%j (%s) finds %s', (q, language, expected) => {
    expect(what(q, language)).toBe(expected);
  });

  // "How much is the Portugal golden visa?", a family question and a time question, in each language.
  const PORTUGAL = 'Portugal Golden Residency Program';
  it.each([
    ['ar', 'كم تكلفة التأشيرة الذهبية في البرتغال؟', PORTUGAL],
    ['ar', 'البرتغال', PORTUGAL],
    ['ar', 'هل يمكن لعائلتي المجيء معي؟', 'faq:family'],
    ['ar', 'كم تستغرق المدة؟', 'faq:processing'],
    ['ar', 'ما الفرق بين الإقامة والجنسية؟', 'faq:residency_or_citizenship'],
    ['fa', 'ویزای طلایی پرتغال چقدر هزینه دارد؟', PORTUGAL],
    ['fa', 'آیا خانواده‌ام هم می‌توانند بیایند؟', 'faq:family'],
    ['fa', 'چقدر طول می‌کشد؟', 'faq:processing'],
    ['fa', 'سفر بدون ویزا', 'faq:visa_free'],
    ['ru', 'Сколько стоит золотая виза Португалии?', PORTUGAL],
    ['ru', 'Португалия', PORTUGAL],
    ['ru', 'расскажите про Грецию', 'Greece Golden Visa - Real Estate'],
    ['ru', 'Может ли моя семья поехать со мной?', 'faq:family'],
    ['ru', 'Сколько времени занимает оформление?', 'faq:processing'],
    ['ru', 'ВНЖ или гражданство?', 'faq:residency_or_citizenship'],
    ['zh-Hans', '葡萄牙黄金签证多少钱', PORTUGAL],
    ['zh-Hans', '葡萄牙', PORTUGAL],
    ['zh-Hans', '美国EB-5要多久', 'EB-5 Immigrant Investor Program'],
    ['zh-Hans', '我的家人可以一起去吗', 'faq:family'],
    ['zh-Hans', '办理需要多长时间', 'faq:processing'],
    ['zh-Hans', '哪些护照可以免签', 'faq:visa_free'],
    ['hi', 'पुर्तगाल गोल्डन वीज़ा कितने का है?', PORTUGAL],
    ['hi', 'क्या मेरा परिवार भी साथ आ सकता है?', 'faq:family'],
    ['hi', 'इसमें कितना समय लगता है?', 'faq:processing'],
    ['tr', 'Portekiz altın vize ne kadar?', PORTUGAL],
    ['tr', 'Ailem de gelebilir mi?', 'faq:family'],
    ['tr', 'Süreç ne kadar sürer?', 'faq:processing'],
    ['tr', 'Yunanistan', 'Greece Golden Visa - Real Estate'],
    ['fr', 'Combien coûte le golden visa au Portugal ?', PORTUGAL],
    ['fr', 'Ma famille peut-elle venir ?', 'faq:family'],
    ['fr', 'Combien de temps ça prend ?', 'faq:processing'],
    ['fr', 'Espagne', 'Spain Golden Visa Program'],
    ['es', 'Cuánto tiempo tarda', 'faq:processing'],
    ['es', 'Grecia', 'Greece Golden Visa - Real Estate'],
    ['pt-BR', 'Quanto custa o visto gold de Portugal?', PORTUGAL],
    ['pt-BR', 'minha família pode ir?', 'faq:family'],
    ['pt-BR', 'Quanto tempo demora?', 'faq:processing'],
    ['pt-BR', 'Emirados Árabes Unidos', 'UAE Golden Visa - Real Estate'],
  ])('%s: %j finds %s', (language, q, expected) => {
    expect(what(q, language)).toBe(expected);
  });

  it.each(['ar', 'fa', 'ru', 'zh-Hans', 'hi', 'tr', 'fr', 'pt-BR'])(
    '%s: the FAQ answer is in the language, not English',
    (language) => {
      const m = index.find('family members', language);
      expect(m?.kind).toBe('faq');
      expect(m?.kind === 'faq' && m.entry.answer).not.toContain('Most programs include your spouse');
    },
  );

  it.each([
    ['ru', 'какая сегодня погода'],
    ['ru', 'ок'],
    ['ar', 'أحب البيتزا'],
    ['zh-Hans', '今天天气怎么样'],
    ['tr', 'bugün hava nasıl'],
    ['fr', 'j’aime la pizza'],
    ['pt-BR', 'gosto de pizza'],
    ['hi', 'मुझे पिज़्ज़ा पसंद है'],
    ['fa', 'هوا امروز چطور است'],
  ])('%s: %j matches nothing', (language, q) => {
    expect(what(q, language)).toBeNull();
  });

  it.each(['asdfgh', 'I like pizza', "what's the weather today", 'ok', 'lol', '🙂', 'the', 'zzzz qqqq'])(
    '%j matches nothing',
    (q) => {
      expect(what(q)).toBeNull();
    },
  );
});
