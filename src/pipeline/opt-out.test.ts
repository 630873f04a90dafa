import { describe, expect, it } from 'vitest';
import { START_WORDS, STOP_WORDS } from '../content/opt-out-words.js';
import { LANGUAGES } from '../i18n/languages.js';
import { messagesFor } from '../messages.js';
import type { SessionRow } from '../store/schema.js';
import { decideOptOut } from './opt-out.js';

const t = messagesFor('en');
const subscribed = { opted_out: 0 } as SessionRow;
const optedOut = { opted_out: 1 } as SessionRow;
const say = (text: string) => ({ kind: 'text' as const, text });

describe('STOP and START in every language', () => {
  it('has both lists for each of the ten languages', () => {
    for (const l of LANGUAGES) {
      expect(STOP_WORDS[l]?.length, l).toBeGreaterThan(0);
      expect(START_WORDS[l]?.length, l).toBeGreaterThan(0);
    }
  });

  it.each([
    'STOP',
    ' Stop! ',
    'إيقاف',
    'توقف',
    'لغو اشتراک',
    'Стоп',
    'ОТПИСАТЬСЯ',
    '停止',
    '退订。',
    'रोकें',
    'DUR',
    'abonelikten çık',
    'Arrêter',
    'désabonner',
    'Baja',
    'darme de baja',
    'PARAR',
    'sair',
  ])('%s opts out', (text) => {
    expect(decideOptOut(subscribed, say(text), t).kind).toBe('opt_out');
  });

  it.each(['START', 'ابدأ', 'شروع', 'Старт', '开始', 'शुरू', 'Başla', 'commencer', 'empezar', 'começar'])(
    '%s opts back in',
    (text) => {
      expect(decideOptOut(optedOut, say(text), t).kind).toBe('opt_in');
    },
  );

  it.each(['stop calling me later', 'no', 'cancel', 'menu', 'stopp', 'parar de fumar', 'стоп-кран'])(
    '%s is not STOP: the conversation answers it',
    (text) => {
      expect(decideOptOut(subscribed, say(text), t).kind).toBe('converse');
    },
  );

  it('a template button whose label contains a STOP word opts out; the same words elsewhere do not', () => {
    const tap = (title: string, template?: true) => ({
      kind: 'choice' as const,
      id: title,
      title,
      ...(template ? { template } : {}),
    });
    expect(decideOptOut(subscribed, tap('Stop promotions', true), t).kind).toBe('opt_out');
    expect(decideOptOut(subscribed, tap('Отписаться от рассылки', true), t).kind).toBe('opt_out');
    expect(decideOptOut(subscribed, tap('Tell me more', true), t).kind).toBe('converse');
    // Our own menu rows and reply buttons, and typed sentences, must be exactly a STOP word.
    expect(decideOptOut(subscribed, tap('Stop promotions'), t).kind).toBe('converse');
    expect(decideOptOut(subscribed, say('Stop promotions'), t).kind).toBe('converse');
  });

  it('stays silent for anything but START once opted out', () => {
    expect(decideOptOut(optedOut, say('hola'), t).kind).toBe('silent');
    expect(decideOptOut(optedOut, say('停止'), t).kind).toBe('silent');
  });
});
