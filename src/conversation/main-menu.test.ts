import { describe, expect, it } from 'vitest';
import { Chat, SETTINGS, rowIds } from './test-support.js';

describe('option 5: book a consultation', () => {
  it('sends the booking link with a preview and stays at the main menu', () => {
    const chat = new Chat();
    chat.say('hello');
    const r = chat.say('5');
    expect(r.replies[0]).toEqual({
      kind: 'text',
      body: expect.stringContaining(`📅 Book a consultation with a Nexora consultant here:\n${SETTINGS.bookingUrl}`),
      previewUrl: true,
    });
    expect(rowIds(r.replies[1])).toContain('menu:5');
    expect(r.state.step).toBe('main_menu');
    expect(r.effects).toEqual([]);
    expect(chat.say('2').state.step).toBe('ask_budget');
  });

  it('works from a tap', () => {
    expect(new Chat().tap('menu:5', '5. Book Consultation').replies[0]).toMatchObject({
      kind: 'text',
      previewUrl: true,
    });
  });
});

describe('option 6: download the brochure', () => {
  it('sends the brochure as a document and stays at the main menu', () => {
    const chat = new Chat();
    chat.say('menu');
    const r = chat.say('6');
    expect(r.replies[0]).toEqual({
      kind: 'document',
      link: SETTINGS.brochureUrl,
      filename: SETTINGS.brochureFilename,
      caption: SETTINGS.brochureCaption,
    });
    expect(rowIds(r.replies[1])).toHaveLength(8);
    expect(r.state.step).toBe('main_menu');
    expect(chat.say('1').state.step).toBe('choose_category');
  });

  it('works from a tap and from the option name', () => {
    expect(new Chat().tap('menu:6', '6. Download Brochure').replies[0]?.kind).toBe('document');
    expect(new Chat().say('Download brochure').replies[0]?.kind).toBe('document');
  });
});

describe('option 7: chat with a consultant now', () => {
  it('asks the pipeline for a person (typed, tapped or named) and says nothing itself', () => {
    for (const r of [
      new Chat().say('7'),
      new Chat().tap('menu:7', '7. Chat with Us Now'),
      new Chat().say('chat with a consultant now'),
    ]) {
      expect(r.effects).toEqual([{ kind: 'request_handoff' }]);
      expect(r.replies).toEqual([]);
      expect(r.state.step).toBe('main_menu');
    }
  });
});
