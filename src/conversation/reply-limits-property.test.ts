// Property: whatever a user sends, in whichever language and at whichever step, every reply stays
// within WhatsApp's limits (Chat.send checks each reply with checkReplyLimits, the step, and purity).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n/languages.js';
import { checkReplyLimits } from './limits.js';
import { Chat } from './test-support.js';
import type { UserInput } from './types.js';

/** How to reach each step (and the eligibility answer with its "more" row) from a new session. */
const TO_STEP: Record<string, (string | [string, string])[]> = {
  main_menu: ['hi'],
  choose_category: ['1'],
  ask_budget: ['2'],
  more_eligible: ['2', '$5M'],
  ask_name: ['3'],
  ask_email: ['3', 'Ana Lima'],
  ask_country: ['4'],
  ask_job_keywords: ['4', 'Germany'],
  choose_language: [['nav:language', '🌐']],
};

const typed = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 5000 }),
  fc.constantFrom(
    '1',
    '7',
    '0',
    'yes',
    'нет',
    'نعم',
    'brochure',
    'كتيب',
    '葡萄牙黄金签证多少钱',
    'Сколько стоит золотая виза Португалии?',
    '€300k',
    '2 crore',
    '३०००००',
    'STOP',
    'menu',
    'language',
    'any',
    'Германия',
    '🙂',
    'x'.repeat(4096),
  ),
);

const input: fc.Arbitrary<UserInput> = fc.oneof(
  typed.map((text): UserInput => ({ kind: 'text', text })),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          'menu:1',
          'menu:7',
          'cat:A',
          'cat:Z',
          'more:eligible:5',
          'more:eligible:-1',
          'lang:ru',
          'lang:xx',
        ),
        fc.string({ maxLength: 60 }),
      ),
      fc.string({ maxLength: 30 }),
    )
    .map(([id, title]): UserInput => ({ kind: 'choice', id, title })),
  fc.constantFrom<UserInput>({ kind: 'unsupported', type: 'audio' }, { kind: 'form', name: 'lead', fields: {} }),
);

describe('every reply in every language at every step is within the limits (property)', () => {
  it('holds for random input × language × step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LANGUAGES),
        fc.constantFrom(...Object.keys(TO_STEP)),
        fc.array(input, { minLength: 1, maxLength: 3 }),
        (language, step, inputs) => {
          const chat = new Chat({ language });
          for (const s of TO_STEP[step]!) {
            if (typeof s === 'string') chat.say(s);
            else chat.tap(s[0], s[1]);
          }
          for (const i of inputs) {
            const r = chat.send(i); // checks the step, purity and every reply's limits
            for (const reply of r.replies) expect(checkReplyLimits(reply)).toEqual([]);
          }
        },
      ),
      { numRuns: 250 },
    );
  });
});
