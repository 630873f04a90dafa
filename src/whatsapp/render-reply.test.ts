import { describe, expect, it } from 'vitest';
import type { Reply } from '../conversation/types.js';
import { WHATSAPP_LIMITS, formatRecipient, markReadBody, renderReply } from './render-reply.js';
import { codePointLength } from './truncate-text.js';

const TO = '15550002222';
const HEAD = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+15550002222' };

describe('renderReply', () => {
  it('renders text', () => {
    expect(renderReply(TO, { kind: 'text', body: 'Hello' })).toEqual({
      ...HEAD,
      type: 'text',
      text: { body: 'Hello' },
    });
  });

  it('adds preview_url only when asked', () => {
    expect(renderReply(TO, { kind: 'text', body: 'See https://x.test', previewUrl: true })).toEqual({
      ...HEAD,
      type: 'text',
      text: { body: 'See https://x.test', preview_url: true },
    });
    expect(renderReply(TO, { kind: 'text', body: 'x', previewUrl: false })).toEqual({
      ...HEAD,
      type: 'text',
      text: { body: 'x' },
    });
  });

  it('quotes the user message when given a context wamid', () => {
    expect(renderReply(TO, { kind: 'text', body: 'x' }, { contextWamid: 'wamid.IN' })).toEqual({
      ...HEAD,
      context: { message_id: 'wamid.IN' },
      type: 'text',
      text: { body: 'x' },
    });
  });

  it('renders reply buttons exactly like Meta documents them', () => {
    const reply: Reply = {
      kind: 'buttons',
      header: 'Your booking',
      body: 'Keep Tuesday 10:00 or pick another time?',
      footer: 'Demo Clinic',
      buttons: [
        { id: 'keep_slot', title: 'Keep it' },
        { id: 'change_slot', title: 'Change' },
      ],
    };
    expect(renderReply(TO, reply)).toEqual({
      ...HEAD,
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Your booking' },
        body: { text: 'Keep Tuesday 10:00 or pick another time?' },
        footer: { text: 'Demo Clinic' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'keep_slot', title: 'Keep it' } },
            { type: 'reply', reply: { id: 'change_slot', title: 'Change' } },
          ],
        },
      },
    });
  });

  it('omits header and footer when not given', () => {
    const body = renderReply(TO, { kind: 'buttons', body: 'Pick', buttons: [{ id: 'a', title: 'A' }] });
    expect(body['interactive']).toEqual({
      type: 'button',
      body: { text: 'Pick' },
      action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
    });
  });

  it('renders a list exactly like Meta documents it', () => {
    const reply: Reply = {
      kind: 'list',
      header: 'Choose a slot',
      body: 'Available times this week:',
      footer: 'Times are local',
      button: 'See times',
      sections: [
        { title: 'Tuesday', rows: [{ id: 'tue_0900', title: '09:00', description: 'Dr. Silva' }] },
        { title: 'Wednesday', rows: [{ id: 'wed_1400', title: '14:00' }] },
      ],
    };
    expect(renderReply(TO, reply)).toEqual({
      ...HEAD,
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Choose a slot' },
        body: { text: 'Available times this week:' },
        footer: { text: 'Times are local' },
        action: {
          button: 'See times',
          sections: [
            { title: 'Tuesday', rows: [{ id: 'tue_0900', title: '09:00', description: 'Dr. Silva' }] },
            { title: 'Wednesday', rows: [{ id: 'wed_1400', title: '14:00' }] },
          ],
        },
      },
    });
  });

  it('renders a document by link', () => {
    expect(
      renderReply(TO, {
        kind: 'document',
        link: 'https://files.example.test/b.pdf',
        filename: 'b.pdf',
        caption: 'Brochure',
      }),
    ).toEqual({
      ...HEAD,
      type: 'document',
      document: { link: 'https://files.example.test/b.pdf', filename: 'b.pdf', caption: 'Brochure' },
    });
    expect(renderReply(TO, { kind: 'document', link: 'https://x.test/a.pdf', filename: 'a.pdf' })['document']).toEqual({
      link: 'https://x.test/a.pdf',
      filename: 'a.pdf',
    });
  });

  it.each([
    ['digits get a plus', '15550002222', '+15550002222'],
    ['a plus number is kept', '+15550002222', '+15550002222'],
    ['a BSUID is kept', 'US.1234567890', 'US.1234567890'],
  ])('formats the recipient: %s', (_name, key, to) => {
    expect(formatRecipient(key)).toBe(to);
  });

  it('addresses a username user by BSUID in `recipient`, never in `to`', () => {
    const body = renderReply('US.13491208655302741918', { kind: 'text', body: 'Hi' });
    expect(body['recipient']).toBe('US.13491208655302741918');
    expect(body).not.toHaveProperty('to');
    expect(renderReply('US.ENT.11815799212886844830', { kind: 'text', body: 'Hi' })['recipient']).toBe(
      'US.ENT.11815799212886844830',
    );
    expect(renderReply('15550002222', { kind: 'text', body: 'Hi' })['to']).toBe('+15550002222');
  });
});

describe('renderReply limits', () => {
  const long = (n: number, unit = 'x'): string => unit.repeat(n);

  it('truncates a text body to 4096 characters with an ellipsis', () => {
    const text = renderReply(TO, { kind: 'text', body: long(5000) })['text'] as { body: string };
    expect(codePointLength(text.body)).toBe(4096);
    expect(text.body.endsWith('x…')).toBe(true);
  });

  it('keeps a 20-character button title that ends in an emoji intact', () => {
    const title = `${long(19)}😀`;
    const body = renderReply(TO, { kind: 'buttons', body: 'b', buttons: [{ id: 'a', title }] });
    expect(JSON.stringify(body)).toContain(title);
  });

  it('cuts before an emoji that would straddle the limit', () => {
    const interactive = renderReply(TO, {
      kind: 'buttons',
      body: 'b',
      buttons: [{ id: 'a', title: `${long(19)}😀😀` }],
    })['interactive'] as {
      action: { buttons: { reply: { title: string } }[] };
    };
    expect(interactive.action.buttons[0]?.reply.title).toBe(`${long(19)}…`);
  });

  it('keeps at most 3 buttons and shortens every field', () => {
    const reply: Reply = {
      kind: 'buttons',
      header: long(70),
      body: long(2000),
      footer: long(70),
      buttons: [1, 2, 3, 4].map((n) => ({ id: `${n}${long(300)}`, title: long(30) })),
    };
    const i = renderReply(TO, reply)['interactive'] as {
      header: { text: string };
      body: { text: string };
      footer: { text: string };
      action: { buttons: { reply: { id: string; title: string } }[] };
    };
    expect(i.action.buttons).toHaveLength(WHATSAPP_LIMITS.buttons);
    expect(i.header.text).toHaveLength(60);
    expect(i.footer.text).toHaveLength(60);
    expect(i.body.text).toHaveLength(1024);
    expect(i.action.buttons[0]?.reply.title).toBe(`${long(19)}…`);
    expect(i.action.buttons[0]?.reply.id).toBe(`1${long(255)}`);
  });

  it('keeps at most 10 rows across sections and shortens every field', () => {
    const rows = (prefix: string, n: number): { id: string; title: string; description: string }[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}${i}${long(250)}`,
        title: long(30),
        description: long(100),
      }));
    const reply: Reply = {
      kind: 'list',
      body: 'b',
      button: 'Choose one of these options',
      sections: [
        { title: long(30), rows: rows('a', 6) },
        { title: 'B', rows: rows('b', 6) },
        { title: 'C', rows: rows('c', 2) },
      ],
    };
    const i = renderReply(TO, reply)['interactive'] as {
      action: {
        button: string;
        sections: { title: string; rows: { id: string; title: string; description: string }[] }[];
      };
    };
    expect(i.action.button).toBe('Choose one of these…');
    expect(i.action.sections.map((s) => s.rows.length)).toEqual([6, 4]);
    expect(i.action.sections[0]?.title).toHaveLength(24);
    const row = i.action.sections[0]?.rows[0];
    expect(row?.id).toHaveLength(200);
    expect(row?.title).toHaveLength(24);
    expect(row?.description).toHaveLength(72);
  });

  it('truncates a document caption to 1024', () => {
    const doc = renderReply(TO, {
      kind: 'document',
      link: 'https://x.test/a.pdf',
      filename: 'a.pdf',
      caption: long(1100),
    })['document'] as { caption: string };
    expect(doc.caption).toHaveLength(1024);
  });
});

describe('markReadBody', () => {
  it('marks read', () => {
    expect(markReadBody('wamid.IN', false)).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN',
    });
  });

  it('marks read and shows typing', () => {
    expect(markReadBody('wamid.IN', true)).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN',
      typing_indicator: { type: 'text' },
    });
  });
});
