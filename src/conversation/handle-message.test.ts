import { describe, expect, it } from 'vitest';
import { handleMessage, initialState } from './handle-message.js';
import { Chat, SETTINGS, T0, allText, rowIds } from './test-support.js';
import type { SessionState } from './types.js';

const MENU_IDS = ['menu:1', 'menu:2', 'menu:3', 'menu:4', 'menu:5', 'menu:6', 'menu:7', 'nav:language'];

function inStep(step: SessionState['step'], data: SessionState['data'] = {}): SessionState {
  return { step, data, lastActivityAt: T0 };
}

describe('main menu', () => {
  it('greets a new user with the seed menu as a list with stable row ids', () => {
    const r = new Chat().say('hi');
    expect(r.state.step).toBe('main_menu');
    expect(r.replies).toHaveLength(1);
    const menu = r.replies[0];
    expect(menu?.kind).toBe('list');
    if (menu?.kind !== 'list') return;
    expect(menu.body).toContain('👋 Welcome to Nexora Investments!');
    expect(menu.body).toContain('Please choose an option:');
    for (const line of [
      '1️⃣ Explore Residency Programs',
      '2️⃣ Check Eligibility',
      '3️⃣ Talk to Consultant',
      '4️⃣ Job Search Assistance',
      '5️⃣ Book Consultation',
      '6️⃣ Download Brochure',
    ]) {
      expect(menu.body).toContain(line);
    }
    expect(menu.body).toContain('Reply with a number.');
    expect(rowIds(menu)).toEqual(MENU_IDS);
    expect(menu.sections[0]?.rows[0]?.description).toContain('Explore Residency Programs');
    expect(r.effects).toEqual([]);
  });

  it('shows the welcome menu to a new user whatever they write, unless it is a menu number', () => {
    for (const text of ['Good morning', '', 'A', 'stop please', '42']) {
      const r = new Chat().say(text);
      expect(r.state).toEqual({ step: 'main_menu', data: {}, lastActivityAt: T0 });
      expect(allText(r)).toContain('👋 Welcome to Nexora Investments!');
    }
  });

  it('lets a new user go straight to an option with its number', () => {
    expect(new Chat().say('2').state.step).toBe('ask_budget');
    expect(new Chat().say(' 4 ').state.step).toBe('ask_country');
    expect(new Chat().say('1').state.step).toBe('choose_category');
  });

  it('answers anything it does not understand at the main menu with help and the menu', () => {
    const chat = new Chat({ state: inStep('main_menu') });
    for (const text of ['8', 'what?', '12', 'E']) {
      const r = chat.say(text);
      expect(r.state.step).toBe('main_menu');
      expect(allText(r)).toContain("❓ Sorry, I didn't understand that.");
      expect(rowIds(r.replies[0])).toEqual(MENU_IDS);
    }
  });

  it.each(['hi', 'Hello', 'START', ' menu ', 'Main  Menu', 'back', 'BACK', '0', 'cancel'])(
    'goes back to the main menu on %j from any step',
    (text) => {
      for (const step of ['choose_category', 'ask_budget', 'ask_name', 'ask_email', 'ask_country'] as const) {
        if (text === '0' && step === 'ask_budget') continue;
        const chat = new Chat({ state: inStep(step, { name: 'Ana', budget: 300_000 }) });
        const r = chat.say(text);
        expect(r.state.step).toBe('main_menu');
        expect(r.state.data).toEqual({ budget: 300_000 });
        expect(rowIds(r.replies.at(-1))).toEqual(MENU_IDS);
        expect(r.effects).toEqual([]);
      }
    },
  );

  it('reads "0" at the budget question as a zero budget, not as the menu', () => {
    const r = new Chat({ state: inStep('ask_budget') }).say('0');
    expect(r.state.step).toBe('ask_budget');
    expect(allText(r)).toContain('more than zero');
  });

  it('accepts numbers in any case and spacing, with a trailing dot, or as keycap emoji', () => {
    for (const text of ['2', ' 2 ', '2.', '2️⃣', 'check eligibility', 'CHECK ELIGIBILITY']) {
      expect(new Chat({ state: inStep('main_menu') }).say(text).state.step).toBe('ask_budget');
    }
  });
});

describe('choices (list and button taps)', () => {
  it('handles a main-menu row id from any step', () => {
    const chat = new Chat({ state: inStep('ask_email', { name: 'Ana' }) });
    const r = chat.tap('menu:4', '4. Job Search Assistance');
    expect(r.state.step).toBe('ask_country');
    expect(r.state.data.name).toBeUndefined();
  });

  it('handles a category row id from any step', () => {
    const r = new Chat({ state: inStep('ask_budget') }).tap('cat:C', 'USA EB-5');
    expect(r.state.step).toBe('main_menu');
    expect(allText(r)).toContain('EB-5 Immigrant Investor Program');
  });

  it('goes to the main menu on the back row', () => {
    const r = new Chat({ state: inStep('choose_category') }).tap('nav:menu', '⬅️ Main menu');
    expect(r.state.step).toBe('main_menu');
    expect(allText(r)).toContain('👋 Welcome to Nexora Investments!');
  });

  it('reads an unknown id by its title', () => {
    const chat = new Chat({ state: inStep('main_menu') });
    expect(chat.tap('old-template-button', 'Check Eligibility').state.step).toBe('ask_budget');
    expect(chat.tap('quick_reply_1', '250k').state.data.budget).toBe(250_000);
    expect(chat.tap('something', 'Menu').state.step).toBe('main_menu');
  });

  it('does not treat a malformed menu id as a menu option', () => {
    const r = new Chat({ state: inStep('main_menu') }).tap('menu:9', 'nine');
    expect(allText(r)).toContain("didn't understand");
  });
});

describe('unsupported messages', () => {
  it('answers politely with the main menu, from any step', () => {
    for (const step of ['main_menu', 'ask_budget', 'ask_email'] as const) {
      const r = new Chat({ state: inStep(step, { name: 'Ana', interest: 'UAE Residency' }) }).send({
        kind: 'unsupported',
        type: 'location',
      });
      expect(r.state.step).toBe('main_menu');
      expect(r.state.data).toEqual({ interest: 'UAE Residency' });
      expect(r.replies[0]).toEqual({ kind: 'text', body: expect.stringContaining('I can only read text messages') });
      expect(rowIds(r.replies[1])).toEqual(MENU_IDS);
    }
  });

  it('says a file without a caption has reached the consultant, not only that it cannot read it', () => {
    for (const type of ['image', 'document', 'video', 'audio']) {
      const r = new Chat({ state: inStep('ask_budget', { name: 'Ana' }) }).send({ kind: 'unsupported', type });
      expect(r.state.step).toBe('main_menu');
      expect(r.replies[0]).toEqual({ kind: 'text', body: expect.stringContaining('your consultant will see it') });
      expect(rowIds(r.replies[1])).toEqual(MENU_IDS);
    }
    const ru = new Chat({ language: 'ru' }).send({ kind: 'unsupported', type: 'document' });
    expect(ru.replies[0]).toEqual({ kind: 'text', body: expect.stringContaining('ваш файл получен') });
  });

  it('answers a new user sending a sticker the same way', () => {
    const r = new Chat().send({ kind: 'unsupported', type: 'sticker' });
    expect(r.replies).toHaveLength(2);
    expect(allText(r)).toContain('👋 Welcome to Nexora Investments!');
    expect(allText(r)).toContain('I can only read text messages');
  });
});

describe('contract', () => {
  it('starts a new user at the main menu with no data', () => {
    expect(initialState()).toEqual({ step: 'main_menu', data: {}, lastActivityAt: null });
  });

  it('treats initialState() like a new user', () => {
    const ctx = new Chat().ctx;
    expect(handleMessage(initialState(), { kind: 'text', text: 'hi' }, ctx)).toEqual(
      handleMessage(null, { kind: 'text', text: 'hi' }, ctx),
    );
  });

  it('reads a stored step it does not know as the main menu', () => {
    const state = { step: 'old_step', data: {}, lastActivityAt: T0 } as unknown as SessionState;
    const r = new Chat({ state }).say('5');
    expect(r.state.step).toBe('main_menu');
    expect(allText(r)).toContain(SETTINGS.bookingUrl);
  });
});
