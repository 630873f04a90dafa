import { describe, expect, it } from 'vitest';
import { Chat } from './test-support.js';

describe('signals: what the user did, for the funnel and the lead score', () => {
  it('names the menu option chosen, typed or by its label', () => {
    expect(new Chat().say('6').signals).toEqual([{ kind: 'option', option: 6 }]);
    expect(new Chat().say('Book Consultation').signals).toEqual([{ kind: 'option', option: 5 }]);
  });

  it('names the category shown and the budget typed', () => {
    const explore = new Chat();
    expect(explore.say('1').signals).toEqual([{ kind: 'option', option: 1 }]);
    expect(explore.say('A').signals).toEqual([{ kind: 'category', category: 'Europe Golden Visa' }]);
    const eligibility = new Chat();
    eligibility.say('2');
    expect(eligibility.say('$300,000').signals).toEqual([{ kind: 'budget', usd: 300_000 }]);
  });

  it('gives none for a re-asked question, the menu or the consultant form answers', () => {
    const chat = new Chat();
    expect(chat.say('hello').signals).toEqual([]);
    chat.say('2');
    expect(chat.say('lots').signals).toEqual([]);
    chat.say('3');
    expect(chat.say('Ana Silva').signals).toEqual([]);
  });
});
