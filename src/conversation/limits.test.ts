import { describe, expect, it } from 'vitest';
import { checkReplyLimits, truncate } from './limits.js';
import { categoryListReply, followUpMenuReply, mainMenuReply } from './menus.js';
import { messagesFor } from '../messages.js';
import { Chat, loadSeedPrograms } from './test-support.js';
import type { Reply } from './types.js';

const okList: Extract<Reply, { kind: 'list' }> = {
  kind: 'list',
  body: 'Pick one',
  button: 'Options',
  sections: [{ title: 'Options', rows: [{ id: 'a', title: 'A' }] }],
};

describe('checkReplyLimits', () => {
  it('accepts the menus as built', () => {
    const t = messagesFor('en');
    const programs = loadSeedPrograms();
    const menus = [
      mainMenuReply(t),
      followUpMenuReply(t),
      categoryListReply(t, programs),
      categoryListReply(t, programs, '❓ Again'),
    ];
    for (const reply of menus) {
      expect(checkReplyLimits(reply)).toEqual([]);
    }
  });

  it('finds a row title over 24 characters, such as the seed label of option 1', () => {
    const reply: Reply = {
      ...okList,
      sections: [{ title: 'Options', rows: [{ id: 'menu:1', title: 'Explore Residency Programs' }] }],
    };
    expect(checkReplyLimits(reply)).toEqual(['row title "Explore Residency Programs" is 26 long, max 24']);
  });

  it('finds every kind of list violation', () => {
    const rows = Array.from({ length: 11 }, (_, i) => ({
      id: i === 10 ? 'r0' : `r${i}`,
      title: `Row ${i}`,
      description: 'd'.repeat(73),
    }));
    const reply: Reply = {
      kind: 'list',
      header: 'h'.repeat(61),
      body: 'b'.repeat(1025),
      footer: 'f'.repeat(61),
      button: 'A button label too long',
      sections: [{ title: 'A section title too long!', rows }],
    };
    const v = checkReplyLimits(reply);
    expect(v).toEqual(
      expect.arrayContaining([
        'header is 61 long, max 60',
        'body is 1025 long, max 1024',
        'footer is 61 long, max 60',
        'list button is 23 long, max 20',
        '11 rows, allowed 1-10',
        'section title "A section title too long!" is 25 long, max 24',
        'row ids are not unique',
      ]),
    );
    expect(v.filter((m) => m.startsWith('row description'))).toHaveLength(11);
  });

  it('finds empty lists, blank and padded ids, and an empty body', () => {
    expect(checkReplyLimits({ ...okList, sections: [] })).toContain('0 sections, allowed 1-10');
    expect(checkReplyLimits({ ...okList, sections: [{ title: 'S', rows: [] }] })).toContain('0 rows, allowed 1-10');
    expect(checkReplyLimits({ ...okList, sections: [{ title: 'S', rows: [{ id: ' a', title: 'A' }] }] })).toEqual([
      'row id " a" has leading or trailing spaces',
    ]);
    expect(checkReplyLimits({ ...okList, body: ' ' })).toEqual(['body is empty']);
    expect(
      checkReplyLimits({ ...okList, sections: [{ title: 'S', rows: [{ id: 'x'.repeat(201), title: 'A' }] }] }),
    ).toHaveLength(1);
  });

  it('checks buttons, text and documents', () => {
    const buttons: Reply = {
      kind: 'buttons',
      body: 'Choose',
      buttons: [
        { id: 'a', title: 'Same' },
        { id: 'b', title: 'Same' },
        { id: 'c', title: 'A title over twenty chars' },
        { id: 'd', title: 'Four' },
      ],
    };
    expect(checkReplyLimits(buttons)).toEqual([
      '4 buttons, allowed 1-3',
      'button titles are not unique',
      'button title "A title over twenty chars" is 25 long, max 20',
    ]);
    expect(checkReplyLimits({ kind: 'text', body: 'x'.repeat(4096) })).toEqual([]);
    expect(checkReplyLimits({ kind: 'text', body: 'x'.repeat(4097) })).toEqual(['text body is 4097 long, max 4096']);
    expect(
      checkReplyLimits({
        kind: 'document',
        link: 'https://x.test/a.pdf',
        filename: 'a.pdf',
        caption: 'c'.repeat(1025),
      }),
    ).toEqual(['document caption is 1025 long, max 1024']);
  });
});

describe('truncate', () => {
  it('leaves short text alone and cuts long text with an ellipsis', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 6)).toBe('hello…');
  });

  it('never splits an emoji', () => {
    const cut = truncate('ab😀😀', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe('every reply the conversation produces', () => {
  it('respects the platform limits across a script touching every step and answer', () => {
    const chat = new Chat();
    const script = [
      'hi',
      'nonsense',
      '1',
      'Z',
      'A',
      '1',
      'B',
      'C',
      'D',
      '2',
      'abc',
      '0',
      '50k',
      '2',
      '2 million',
      '3',
      '',
      'Ana',
      'bad',
      'ana@example.com',
      '4',
      '',
      'spain',
      '5',
      '6',
      'back',
      'x'.repeat(4000),
    ];
    const replies: Reply[] = [];
    for (const text of script) replies.push(...chat.say(text).replies);
    replies.push(...chat.send({ kind: 'unsupported', type: 'audio' }).replies);
    replies.push(...chat.wait(3_600_000).say('1').replies);
    replies.push(...chat.tap('cat:A', 'Europe Golden Visa').replies);

    expect(new Set(replies.map((r) => r.kind))).toEqual(new Set(['text', 'list', 'buttons', 'document']));
    for (const reply of replies) expect(checkReplyLimits(reply)).toEqual([]);
  });
});
