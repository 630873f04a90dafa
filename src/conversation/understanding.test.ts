import { describe, expect, it } from 'vitest';
import { messagesFor } from '../messages.js';
import { handleMessage } from './handle-message.js';
import { Chat, SETTINGS } from './test-support.js';

const bodyOf = (r: { replies: { kind: string; body?: string }[] }, i = 0): string => r.replies[i]?.body ?? '';

describe('a step accepts only what it asks for', () => {
  it.each([
    ['how much does Portugal cost?', 'en', 'consultant.nameIsQuestion'],
    ['Сколько стоит ВНЖ в Португалии', 'ru', 'consultant.nameIsQuestion'],
    ['cuánto cuesta la visa de Portugal', 'es', 'consultant.nameIsQuestion'],
    ['葡萄牙多少钱？', 'zh-Hans', 'consultant.nameIsQuestion'],
    ['maria@example.com', 'en', 'consultant.nameIsEmail'],
    ['Ivan ivan@example.ru', 'ru', 'consultant.nameIsEmail'],
  ] as const)('the name step refuses %j and asks for the name again', (input, language, key) => {
    const chat = new Chat({ language });
    chat.say('3');
    const r = chat.say(input);
    expect(r.state.step).toBe('ask_name');
    expect(bodyOf(r)).toContain(messagesFor(language).t(key));
    expect(r.state.data.name).toBeUndefined();
  });

  it.each(['Can Yılmaz', 'María José van der Berg', 'Do Van', 'محمد العلي', '王小明'])(
    'accepts %j as a name',
    (name) => {
      const chat = new Chat();
      chat.say('3');
      expect(chat.say(name).state).toMatchObject({ step: 'ask_email', data: { name } });
    },
  );

  it('reads a lone menu number at the budget step as the menu choice, not a budget of $3', () => {
    const chat = new Chat();
    chat.say('2');
    const r = chat.say('3');
    expect(r.state.step).toBe('ask_name');
    expect(r.signals).toEqual([{ kind: 'option', option: 3 }]);
    expect(bodyOf(r)).not.toContain('$3');
  });

  it.each([
    ['٣٠٠٠٠٠', 'ar'],
    ['۳۰۰۰۰۰', 'fa'],
    ['३०००००', 'hi'],
  ] as const)('reads the budget %j in its own digits', (budget, language) => {
    const chat = new Chat({ language });
    chat.say('2');
    const r = chat.say(budget);
    const t = messagesFor(language);
    expect(bodyOf(r)).toContain(t.t('eligibility.intro', { amount: t.usd(300000) }));
    expect(r.state.data.budget).toBe(300000);
  });

  it('takes a menu number in Persian or Arabic digits', () => {
    expect(new Chat({ language: 'fa' }).say('۲').state.step).toBe('ask_budget');
    expect(new Chat({ language: 'ar' }).say('٣').state.step).toBe('ask_name');
  });
});

describe('greetings, thanks and goodbyes', () => {
  it.each([
    ['thanks', 'en', 'smalltalk.thanks'],
    ['Спасибо!', 'ru', 'smalltalk.thanks'],
    ['شكرا', 'ar', 'smalltalk.thanks'],
    ['merci beaucoup', 'fr', 'smalltalk.thanks'],
    ['谢谢', 'zh-Hans', 'smalltalk.thanks'],
    ['bye', 'en', 'smalltalk.goodbye'],
    ['tchau', 'pt-BR', 'smalltalk.goodbye'],
    ['خداحافظ', 'fa', 'smalltalk.goodbye'],
    ['güle güle', 'tr', 'smalltalk.goodbye'],
  ] as const)('%j gets a friendly answer in the language, then the menu', (input, language, key) => {
    const chat = new Chat({ language });
    chat.say('2');
    const r = chat.say(input);
    expect(bodyOf(r)).toBe(messagesFor(language).t(key));
    expect(r.replies[1]?.kind).toBe('list');
    expect(r.state.step).toBe('main_menu');
  });

  it.each(['hola', 'Привет 👋', 'namaste', 'merhaba', 'olá', 'مرحبا'])(
    '%j brings the welcome menu back from any step',
    (hello) => {
      const chat = new Chat();
      chat.say('4');
      const r = chat.say(hello);
      expect(r.state.step).toBe('main_menu');
      expect(r.replies.at(-1)?.kind).toBe('list');
    },
  );
});

describe('the brochure', () => {
  it("is captioned in the user's language unless the operator set one caption for all", () => {
    const chat = new Chat({ language: 'es' });
    const { brochureCaption: _set, ...unset } = SETTINGS;
    const r = handleMessage(null, { kind: 'text', text: '6' }, { ...chat.ctx, settings: unset });
    expect(r.replies[0]).toMatchObject({ kind: 'document', caption: messagesFor('es').t('brochure.caption') });
    expect(chat.say('6').replies[0]).toMatchObject({ caption: SETTINGS.brochureCaption });
  });
});

describe('free-text questions', () => {
  it('answers "how much is the Portugal golden visa?" with the program card, then the menu', () => {
    const chat = new Chat();
    chat.say('hi');
    const r = chat.say('how much is the Portugal golden visa?');
    expect(bodyOf(r)).toContain('🌍 Portugal Golden Residency Program');
    expect(bodyOf(r)).toContain('Investment: $280,000');
    expect(r.replies[1]?.kind).toBe('list');
    expect(r.state.step).toBe('main_menu');
  });

  it('answers a first message that is a question, in Spanish', () => {
    const r = new Chat({ language: 'es' }).say('Cuánto cuesta la visa de Portugal');
    expect(bodyOf(r)).toContain('Portugal Golden Residency Program');
    expect(bodyOf(r)).toContain('Inversión:');
  });

  it('answers an FAQ question with its answer, then the menu', () => {
    const chat = new Chat();
    chat.say('hi');
    const r = chat.say('can my family come too?');
    expect(bodyOf(r)).toContain('spouse and children');
    expect(r.replies[1]?.kind).toBe('list');
  });

  it('says briefly it did not understand when nothing matches, with the menu', () => {
    const chat = new Chat();
    chat.say('hi');
    const r = chat.say('I like pizza');
    expect(bodyOf(r)).toContain(messagesFor('en').t('menu.didNotUnderstand'));
  });
});
