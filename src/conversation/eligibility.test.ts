import { describe, expect, it } from 'vitest';
import { Chat, allText, rowIds } from './test-support.js';
import type { Program } from './types.js';

function atBudget(): Chat {
  const chat = new Chat();
  chat.say('2');
  return chat;
}

describe('option 2: check eligibility', () => {
  it('asks for the budget in US dollars', () => {
    const r = new Chat().say('2');
    expect(r.state.step).toBe('ask_budget');
    expect(allText(r)).toContain('What is your investment budget in US dollars?');
  });

  it('lists the programs within the budget, by rank then minimum investment', () => {
    const chat = atBudget();
    const r = chat.say('$300,000');
    expect(r.state).toMatchObject({ step: 'main_menu', data: { budget: 300_000, interest: 'Eligibility check' } });
    const text = allText(r);
    expect(text).toContain('✅ With a budget of $300,000 you are eligible for:');
    expect(text).toMatch(
      /1\. Dominica Citizenship by Investment[\s\S]*2\. Portugal Golden Residency Program[\s\S]*3\. St Kitts & Nevis Citizenship[\s\S]*4\. Greece Golden Visa - Real Estate/,
    );
    expect(text).toContain('   Category: Europe Golden Visa\n   Investment: $280,000');
    expect(text).not.toContain('Spain');
    expect(text).not.toContain('EB-5');
    expect(rowIds(r.replies.at(-1))).toContain('menu:1');
    // A number works at once.
    expect(chat.say('1').state.step).toBe('choose_category');
  });

  it('shows at most five programs', () => {
    const r = atBudget().say('2 million');
    const text = r.replies[0]?.kind === 'text' ? r.replies[0].body : '';
    expect(text).toContain('With a budget of $2,000,000');
    expect(text.match(/^\d\. /gm)).toHaveLength(5);
    expect(text).not.toMatch(/^6\. /m);
  });

  it.each([
    ['250k', '$250,000'],
    ['1.5M', '$1,500,000'],
    ['USD 300 000', '$300,000'],
    ['300.000', '$300,000'],
    ['  750000  ', '$750,000'],
  ])('reads %j as %s', (input, shown) => {
    expect(allText(atBudget().say(input))).toContain(`With a budget of ${shown}`);
  });

  it('explains when nothing fits, naming the lowest minimum and offering a consultant', () => {
    const chat = atBudget();
    const r = chat.say('50k');
    expect(r.state).toMatchObject({ step: 'main_menu', data: { budget: 50_000 } });
    const text = allText(r);
    expect(text).toContain('With a budget of $50,000 none of our programs is within reach yet');
    expect(text).toContain('The lowest minimum investment is $100,000 (Dominica Citizenship by Investment)');
    expect(text).toContain('reply 3 to talk to a consultant');
    const lead = chat.say('3');
    expect(lead.state.step).toBe('ask_name');
  });

  it('says so when the catalogue is empty', () => {
    const chat = new Chat({ programs: [] as Program[] });
    chat.say('2');
    expect(allText(chat.say('300000'))).toContain('I could not find any programs');
  });

  it.each([
    ['', 'Please type your investment budget'],
    ['   ', 'Please type your investment budget'],
    ['a lot', "I couldn't read that amount"],
    ['€300k', "I couldn't read that amount"],
    ['0', 'needs to be more than zero'],
    ['-250000', 'needs to be more than zero'],
  ])('re-asks on %j and stays at the budget question', (input, expected) => {
    const chat = atBudget();
    const r = chat.say(input);
    expect(r.state.step).toBe('ask_budget');
    expect(r.state.data.budget).toBeUndefined();
    expect(allText(r)).toContain(expected);
    expect(r.effects).toEqual([]);
    expect(chat.say('300k').state.data.budget).toBe(300_000);
  });

  it('escapes with back and menu', () => {
    expect(atBudget().say('Back').state.step).toBe('main_menu');
    expect(atBudget().say('MENU').state).toMatchObject({ step: 'main_menu', data: {} });
  });

  it('breaks rank ties by the lower minimum investment', () => {
    const r = atBudget().say('1.1M');
    const text = r.replies[0]?.kind === 'text' ? r.replies[0].body : '';
    // Rank 1 of every category first, cheapest first; then rank 2.
    expect(text).toMatch(/1\. Dominica[\s\S]*2\. Portugal[\s\S]*3\. UAE Golden Visa[\s\S]*4\. EB-5[\s\S]*5\. St Kitts/);
  });
});
