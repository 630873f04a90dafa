import { describe, expect, it } from 'vitest';
import { Chat, allText } from './test-support.js';

function atCountry(): Chat {
  const chat = new Chat();
  chat.say('4');
  return chat;
}

describe('option 4: job search assistance', () => {
  it('asks the country, records it and asks the pipeline to search', () => {
    const chat = new Chat();
    const ask = chat.say('4');
    expect(ask.state.step).toBe('ask_country');
    expect(allText(ask)).toContain('Which country would you like to work in?');

    const r = chat.say('  united   kingdom ');
    expect(r.effects).toEqual([
      { kind: 'record_country', country: 'United Kingdom' },
      { kind: 'job_search', country: 'united   kingdom' },
    ]);
    expect(r.state).toMatchObject({
      step: 'main_menu',
      data: { countryOfInterest: 'United Kingdom', interest: 'Job search assistance' },
    });
    expect(r.replies).toHaveLength(1);
    expect(allText(r)).toContain('🔎 Searching jobs in United Kingdom…');
    expect(chat.say('5').state.step).toBe('main_menu');
  });

  it.each([
    ['germany', 'Germany'],
    ['USA', 'United States'],
    ['uae', 'United Arab Emirates'],
    ['uk', 'United Kingdom'],
    ['U.K.', 'United Kingdom'],
    ['England', 'United Kingdom'],
    ['new zealand.', 'New Zealand'],
  ])('records %j as %j', (input, country) => {
    expect(atCountry().say(input).effects).toContainEqual({ kind: 'record_country', country });
  });

  it.each(['', '   ', '123', '!!!', 'x'.repeat(61), 'Atlantis'])('re-asks on %j with examples', (input) => {
    const chat = atCountry();
    const r = chat.say(input);
    expect(r.state.step).toBe('ask_country');
    expect(r.effects).toEqual([]);
    expect(allText(r)).toContain('Please type a country name, for example United Kingdom');
    expect(chat.say('Canada').effects).toHaveLength(2);
  });

  it('escapes with back', () => {
    const r = atCountry().say('back');
    expect(r.state.step).toBe('main_menu');
    expect(r.effects).toEqual([]);
  });
});
