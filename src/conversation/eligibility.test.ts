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

  it('lists the programs within the budget, the cheapest first, and says how many fit', () => {
    const chat = atBudget();
    const r = chat.say('$300,000');
    expect(r.state).toMatchObject({ step: 'main_menu', data: { budget: 300_000, interest: 'Eligibility check' } });
    const text = allText(r);
    expect(text).toContain(
      '✅ With a budget of $300,000 you are eligible for:\n4 programs fit your budget, the cheapest first.',
    );
    expect(text).toMatch(
      /1\. Dominica Citizenship by Investment[\s\S]*2\. St Kitts & Nevis Citizenship[\s\S]*3\. Greece Golden Visa - Real Estate[\s\S]*4\. Portugal Golden Residency Program/,
    );
    expect(rowIds(r.replies.at(-1))).not.toContain('more:eligible:5');
    expect(text).toContain('   Category: Europe Golden Visa\n   Investment: $280,000');
    expect(text).not.toContain('Spain');
    expect(text).not.toContain('EB-5');
    expect(rowIds(r.replies.at(-1))).toContain('menu:1');
    // A number works at once.
    expect(chat.say('1').state.step).toBe('choose_category');
  });

  it('shows five programs, says how many fit, and offers the rest with a "more" row', () => {
    const chat = atBudget();
    const r = chat.say('$1.5M');
    const text = r.replies[0]?.kind === 'text' ? r.replies[0].body : '';
    expect(text).toContain('With a budget of $1,500,000 you are eligible for:\n7 programs fit your budget');
    expect(text.match(/^\d\. /gm)).toHaveLength(5);
    expect(text).toContain('➕ 2 more programs fit your budget: choose *➕ More programs* in the list below.');
    const menu = r.replies.at(-1);
    expect(rowIds(menu)[0]).toBe('more:eligible:5');
    expect(menu?.kind === 'list' && menu.sections[0]?.rows[0]?.description).toBe('Programs 6–7 of 7');

    const more = chat.tap('more:eligible:5', '➕ More programs');
    const page = more.replies[0]?.kind === 'text' ? more.replies[0].body : '';
    expect(page).toContain('✅ More programs for a budget of $1,500,000 (6–7 of 7):');
    expect(page).toMatch(/6\. UAE Golden Visa[\s\S]*7\. EB-5/);
    expect(page).not.toContain('Dominica');
    expect(rowIds(more.replies.at(-1))).not.toContain('more:eligible:10');
    expect(more.state).toMatchObject({ step: 'main_menu', data: { budget: 1_500_000 } });
  });

  it('states a budget in another currency with its dollar value and the rates date', () => {
    const r = atBudget().say('€300k');
    expect(allText(r)).toContain(
      '✅ With a budget of €300,000 (≈ $327,000 at the rates of Nov 30, 2026) you are eligible for:',
    );
    expect(r.state.data.budget).toBe(327_000);
    expect(r.signals).toEqual([{ kind: 'budget', usd: 327_000 }]);
  });

  it('a "more" row from an expired session brings the menu, not a page of nothing', () => {
    const chat = atBudget();
    chat.say('$1.5M');
    const r = chat.wait(24 * 3600_000).tap('more:eligible:5');
    expect(r.state.step).toBe('main_menu');
    expect(rowIds(r.replies.at(-1))).toContain('menu:1');
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
    ['300 lots', "I couldn't read that amount"],
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

  it('breaks ties of the same minimum investment by rank', () => {
    const same = (name: string, rank: number): Program => ({
      name,
      country: 'X',
      category: 'Europe Golden Visa',
      description: '',
      minimumInvestment: 250_000,
      processingTime: '',
      link: 'https://nexorainvestments.com/x',
      rank,
    });
    const chat = new Chat({ programs: [same('Second', 2), same('First', 1)] });
    chat.say('2');
    expect(allText(chat.say('300k'))).toMatch(/1\. First[\s\S]*2\. Second/);
  });
});
