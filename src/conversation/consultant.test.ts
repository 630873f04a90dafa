import { describe, expect, it } from 'vitest';
import { Chat, allText, rowIds } from './test-support.js';

function atName(): Chat {
  const chat = new Chat();
  chat.say('3');
  return chat;
}

function atEmail(name = 'Ana María Souza'): Chat {
  const chat = atName();
  chat.say(name);
  return chat;
}

describe('option 3: talk to a consultant', () => {
  it('asks the name, then the e-mail, saves the lead and thanks the user by name', () => {
    const chat = new Chat();
    expect(allText(chat.say('3'))).toContain('What is your full name?');
    expect(chat.step).toBe('ask_name');

    const email = chat.say('  Ana María Souza  ');
    expect(email.state).toMatchObject({ step: 'ask_email', data: { name: 'Ana María Souza' } });
    expect(allText(email)).toContain('📧 Thanks, Ana María Souza! What is your e-mail address?');

    const done = chat.say(' Ana.Souza@Example.COM ');
    expect(done.effects).toEqual([
      {
        kind: 'save_lead',
        lead: { name: 'Ana María Souza', email: 'Ana.Souza@example.com', interest: 'General consultation' },
      },
    ]);
    expect(done.state.step).toBe('main_menu');
    expect(done.state.data.name).toBeUndefined();
    expect(allText(done)).toContain('🙏 Thank you, Ana María Souza! A Nexora consultant will be in touch');
    // The lead is saved: a consultant is offered in this chat now, or the menu.
    expect(done.replies).toEqual([
      {
        kind: 'buttons',
        body: expect.stringContaining('Would you like a consultant to chat with you here now?'),
        buttons: [
          { id: 'handoff:request', title: 'Yes, chat now' },
          { id: 'nav:menu', title: 'No, thanks' },
        ],
      },
    ]);
    expect(rowIds(chat.tap('nav:menu', 'No, thanks').replies[0])).toContain('menu:6');
    expect(chat.say('6').replies[0]?.kind).toBe('document');
  });

  it('puts the interest, budget and country gathered earlier on the lead', () => {
    const chat = new Chat();
    chat.say('4');
    chat.say('portugal');
    chat.say('2');
    chat.say('300k');
    chat.say('1');
    chat.say('A');
    chat.say('3');
    chat.say('Ana');
    const done = chat.say('ana@example.com');
    expect(done.effects).toEqual([
      {
        kind: 'save_lead',
        lead: {
          name: 'Ana',
          email: 'ana@example.com',
          interest: 'Europe Golden Visa',
          budget: 300_000,
          countryOfInterest: 'Portugal',
        },
      },
    ]);
  });

  it.each([
    ['', 'Please type your full name.'],
    ['   ', 'Please type your full name.'],
    ['12345', 'That does not look like a name'],
    ['!!!', 'That does not look like a name'],
    ['x'.repeat(101), 'That does not look like a name'],
  ])('re-asks the name on %j', (input, expected) => {
    const chat = atName();
    const r = chat.say(input);
    expect(r.state.step).toBe('ask_name');
    expect(r.state.data.name).toBeUndefined();
    expect(allText(r)).toContain(expected);
    expect(chat.say('Li Wei').state).toMatchObject({ step: 'ask_email', data: { name: 'Li Wei' } });
  });

  it('keeps a name of exactly 100 characters and names in any script', () => {
    expect(atName().say('a'.repeat(100)).state.step).toBe('ask_email');
    expect(atName().say('محمد علي').state.data.name).toBe('محمد علي');
    expect(atName().say("O'Brien-Smith, Jr.").state.data.name).toBe("O'Brien-Smith, Jr.");
  });

  it.each([
    '',
    'ana',
    'ana@',
    '@example.com',
    'ana@example',
    'ana example@x.com',
    'ana@@example.com',
    'ana@example..com',
  ])('re-asks the e-mail on %j', (input) => {
    const chat = atEmail();
    const r = chat.say(input);
    expect(r.state.step).toBe('ask_email');
    expect(r.state.data.name).toBe('Ana María Souza');
    expect(r.effects).toEqual([]);
    expect(allText(r)).toContain('That e-mail address does not look right');
    expect(chat.say('ana@example.com').effects).toHaveLength(1);
  });

  it('escapes with back or menu without saving anything, and forgets the name', () => {
    for (const word of ['back', 'Menu', ' HI ']) {
      const r = atEmail().say(word);
      expect(r.state).toMatchObject({ step: 'main_menu', data: {} });
      expect(r.effects).toEqual([]);
    }
    expect(atName().say('back').state.step).toBe('main_menu');
  });

  it('asks for the name again if the session lost it', () => {
    const chat = new Chat({ state: { step: 'ask_email', data: {}, lastActivityAt: new Chat().now } });
    const r = chat.say('ana@example.com');
    expect(r.effects).toEqual([]);
    expect(r.state.step).toBe('ask_name');
  });

  it('starts over when the user taps option 3 again in the middle', () => {
    const chat = atEmail();
    const r = chat.tap('menu:3', '3. Talk to Consultant');
    expect(r.state).toMatchObject({ step: 'ask_name', data: {} });
  });
});
