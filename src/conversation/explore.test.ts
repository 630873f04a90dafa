import { describe, expect, it } from 'vitest';
import { Chat, allText, loadSeedPrograms, rowIds } from './test-support.js';
import type { Program } from './types.js';

describe('option 1: explore residency programs', () => {
  it('lists the four categories, then the top 3 Europe programs in the seed layout', () => {
    const chat = new Chat();
    chat.say('hi');
    const categories = chat.say('1');
    expect(categories.state.step).toBe('choose_category');
    const list = categories.replies[0];
    expect(list?.kind).toBe('list');
    if (list?.kind === 'list') {
      expect(list.body).toBe(
        '🌍 Top Residency Categories:\nA. Europe Golden Visa\nB. Caribbean Citizenship\nC. USA EB-5\nD. UAE Residency\nReply with A, B, C, or D',
      );
    }
    expect(rowIds(list)).toEqual(['cat:A', 'cat:B', 'cat:C', 'cat:D', 'nav:menu']);

    const programs = chat.say('A');
    expect(programs.state).toMatchObject({ step: 'main_menu', data: { interest: 'Europe Golden Visa' } });
    const text = programs.replies[0];
    expect(text?.kind).toBe('text');
    expect(text?.kind === 'text' && text.body).toBe(
      [
        '🏆 Top 3 Europe Golden Visa Programs:',
        '1. Portugal Golden Residency Program\n   Investment: $280,000\n   Processing: 3-4 months\n   Link: https://nexorainvestments.com/portugal-golden-visa',
        '2. Greece Golden Visa - Real Estate\n   Investment: $250,000\n   Processing: 2-3 months\n   Link: https://nexorainvestments.com/greece-golden-visa',
        '3. Spain Golden Visa Program\n   Investment: $500,000\n   Processing: 4-6 months\n   Link: https://nexorainvestments.com/spain-golden-visa',
        '💬 Interested? Reply 3 to talk to a consultant or 5 to book a consultation.',
      ].join('\n\n'),
    );
    // The menu follows, and a number works at once.
    expect(rowIds(programs.replies[1])).toContain('menu:3');
    expect(chat.say('3').state.step).toBe('ask_name');
  });

  it('shows what there is for a category with fewer than three programs', () => {
    const chat = new Chat();
    chat.say('1');
    const caribbean = allText(chat.say('b'));
    expect(caribbean).toContain('🏆 Top 2 Caribbean Citizenship Programs:');
    expect(caribbean).toMatch(/1\. Dominica Citizenship by Investment[\s\S]*2\. St Kitts & Nevis Citizenship/);
    expect(caribbean).toContain('$100,000');
    chat.say('1');
    const usa = allText(chat.say('  c '));
    expect(usa).toContain('🏆 Our USA EB-5 Program:');
    expect(usa).toContain('   Investment: $1,050,000\n   Processing: 18-30 months');
    chat.say('1');
    expect(allText(chat.say('D.'))).toContain('UAE Golden Visa - Real Estate');
  });

  it('orders by rank, matches categories whatever their case, and shows at most three', () => {
    const base = loadSeedPrograms()[0] as Program;
    const programs: Program[] = [4, 2, 1, 3].map((rank) => ({
      ...base,
      category: rank === 1 ? 'europe golden visa' : 'Europe Golden Visa',
      name: `Program ranked ${rank}`,
      rank,
    }));
    const chat = new Chat({ programs });
    chat.say('1');
    const text = allText(chat.say('A'));
    expect(text).toMatch(/1\. Program ranked 1[\s\S]*2\. Program ranked 2[\s\S]*3\. Program ranked 3/);
    expect(text).not.toContain('Program ranked 4');
  });

  it('offers only the categories the catalogue has programs in', () => {
    const chat = new Chat({ programs: loadSeedPrograms().filter((p) => p.category !== 'UAE Residency') });
    const list = chat.say('1').replies[0];
    expect(rowIds(list)).toEqual(['cat:A', 'cat:B', 'cat:C', 'nav:menu']);
    expect(allText(chat.say('1'))).toContain('Reply with A, B, or C');
    const r = chat.say('D');
    expect(r.state.step).toBe('choose_category');
    expect(allText(r)).toContain('Please reply with A, B, or C.');
  });

  it('reaches a category added to the catalogue (not a fixed A-D list), and leaves out an empty processing time', () => {
    const thailand = {
      ...loadSeedPrograms()[0]!,
      name: 'Thailand Elite Visa',
      country: 'Thailand',
      category: 'Asia Residency',
      minimumInvestment: 27000,
      processingTime: '',
    };
    const chat = new Chat({ programs: [...loadSeedPrograms(), thailand] });
    const list = chat.say('1').replies[0];
    expect(rowIds(list)).toEqual(['cat:A', 'cat:B', 'cat:C', 'cat:D', 'cat:E', 'nav:menu']);
    expect(allText(chat.say('1'))).toContain('E. Asia Residency');
    const text = allText(chat.say('E'));
    expect(text).toContain('🏆 Our Asia Residency Program:');
    expect(text).toContain('1. Thailand Elite Visa\n   Investment: $27,000\n   Link:');
    expect(text).not.toContain('Processing:');
    chat.say('1');
    expect(allText(chat.say('asia residency'))).toContain('Thailand Elite Visa');
  });

  it('shows the processing time in the user language when the program has it, English otherwise', () => {
    const [portugal, ...rest] = loadSeedPrograms();
    const translated = { ...portugal!, translations: { fr: { processingTime: '3 à 4 mois' } } };
    const fr = new Chat({ programs: [translated, ...rest], language: 'fr' });
    fr.say('1');
    expect(allText(fr.say('A'))).toContain('3 à 4 mois');
    const en = new Chat({ programs: [translated, ...rest] });
    en.say('1');
    expect(allText(en.say('A'))).toContain('Processing: 3-4 months');
  });

  it('accepts a category tap and a category name typed out', () => {
    const chat = new Chat();
    chat.say('1');
    expect(allText(chat.tap('cat:A', 'Europe Golden Visa'))).toContain('Portugal Golden Residency Program');
    chat.say('1');
    expect(allText(chat.say('caribbean citizenship'))).toContain('Dominica');
  });

  it('re-asks with A to D on anything else', () => {
    const chat = new Chat();
    chat.say('1');
    for (const text of ['E', '1', 'Europe', '', 'AB']) {
      const r = chat.say(text);
      expect(r.state.step).toBe('choose_category');
      expect(allText(r)).toContain('Please reply with A, B, C, or D.');
      expect(rowIds(r.replies[0])).toEqual(['cat:A', 'cat:B', 'cat:C', 'cat:D', 'nav:menu']);
    }
  });

  it('lets the user pick another category letter straight after a program list', () => {
    const chat = new Chat();
    chat.say('1');
    chat.say('A');
    const r = chat.say('B');
    expect(allText(r)).toContain('Caribbean Citizenship Programs');
    expect(r.state.data.interest).toBe('Caribbean Citizenship');
  });

  it('escapes to the main menu with back', () => {
    const chat = new Chat();
    chat.say('1');
    expect(chat.say('back').state.step).toBe('main_menu');
  });
});
