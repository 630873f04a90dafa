import { describe, expect, it } from 'vitest';
import { isStopLabel } from './stop-button.js';
import { parseTemplate, renderTemplate, type TemplateInfo } from './templates.js';

const order = parseTemplate({
  name: 'order_update',
  language: 'en_US',
  status: 'approved',
  category: 'utility',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
    { type: 'BODY', text: 'Hi {{1}}, your order ships on {{2}}.' },
    { type: 'FOOTER', text: 'Nexora' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'COPY_CODE', text: 'Copy code' },
        { type: 'QUICK_REPLY', text: 'Thanks' },
      ],
    },
  ],
}) as TemplateInfo;

describe('renderTemplate', () => {
  it('fills a text header, positional body values, a coupon code and a quick-reply payload, and previews the result', () => {
    const r = renderTemplate('15550001234', order, {
      header: 'A-42',
      body: ['Jane', 'Tuesday'],
      buttons: { '0': 'SAVE10', '1': 'thanks:42' },
    });
    expect(r).toEqual({
      ok: true,
      preview: 'Order A-42\nHi Jane, your order ships on Tuesday.\nNexora\n[buttons: Copy code | Thanks]',
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '+15550001234',
        type: 'template',
        template: {
          name: 'order_update',
          language: { code: 'en_US' },
          components: [
            { type: 'header', parameters: [{ type: 'text', text: 'A-42' }] },
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Jane' },
                { type: 'text', text: 'Tuesday' },
              ],
            },
            {
              type: 'button',
              sub_type: 'copy_code',
              index: '0',
              parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
            },
            {
              type: 'button',
              sub_type: 'quick_reply',
              index: '1',
              parameters: [{ type: 'payload', payload: 'thanks:42' }],
            },
          ],
        },
      },
    });
  });

  it('says which value is missing or would be refused by Meta (line breaks, five spaces)', () => {
    expect(renderTemplate('15550001234', order, { header: 'A-42', body: ['Jane'] })).toEqual({
      ok: false,
      problem: 'body parameter {{2}} is required',
      problems: ['body parameter {{2}} is required', 'the value of button 0 (Copy code) is required'],
      preview: 'Order A-42\nHi Jane, your order ships on {{2}}.\nNexora\n[buttons: Copy code | Thanks]',
    });
    // Every missing value is named, and what is given already shows (the console's live preview).
    expect(renderTemplate('15550001234', order, { body: ['', 'Tuesday'] })).toMatchObject({
      ok: false,
      problems: [
        'the header parameter is required',
        'body parameter {{1}} is required',
        'the value of button 0 (Copy code) is required',
      ],
      preview: expect.stringContaining('Order {{1}}\nHi {{1}}, your order ships on Tuesday.'),
    });
    expect(renderTemplate('15550001234', order, { header: 'A\n42', body: ['Jane', 'Tue'] })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('line breaks'),
    });
  });

  it('sends an image header by link, https only', () => {
    const promo = parseTemplate({
      name: 'promo',
      language: 'en',
      status: 'APPROVED',
      category: 'MARKETING',
      components: [
        { type: 'HEADER', format: 'IMAGE' },
        { type: 'BODY', text: 'New programs!' },
      ],
    }) as TemplateInfo;
    const r = renderTemplate('15550001234', promo, { header: 'https://x.test/a.jpg' });
    expect(r.ok && r.body.template).toEqual({
      name: 'promo',
      language: { code: 'en' },
      components: [{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://x.test/a.jpg' } }] }],
    });
    expect(renderTemplate('15550001234', promo, { header: 'http://x.test/a.jpg' })).toMatchObject({ ok: false });
  });

  it('gives a Stop-labelled quick-reply our opt-out payload, given one or not; other quick-replies only what is given', () => {
    const offer = parseTemplate({
      name: 'offer',
      language: 'en',
      status: 'APPROVED',
      category: 'MARKETING',
      components: [
        { type: 'BODY', text: 'New programs!' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Tell me more' },
            { type: 'QUICK_REPLY', text: 'Stop promotions' },
            { type: 'QUICK_REPLY', text: 'Отписаться' },
          ],
        },
      ],
    }) as TemplateInfo;
    const r = renderTemplate('15550001234', offer, { buttons: { '2': 'mine' } });
    expect(r.ok && r.body.template).toEqual({
      name: 'offer',
      language: { code: 'en' },
      components: [
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '1',
          parameters: [{ type: 'payload', payload: 'nexora:opt_out' }],
        },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '2',
          parameters: [{ type: 'payload', payload: 'nexora:opt_out' }],
        },
      ],
    });
  });
});

describe('isStopLabel', () => {
  it.each([
    'Stop promotions',
    'STOP',
    'Unsubscribe from offers',
    'Opt-out',
    'Отписаться от рассылки',
    '停止推广',
    'Darme de baja',
    'Abonelikten çık',
    'إلغاء الاشتراك',
  ])('%s says stop', (label) => expect(isStopLabel(label)).toBe(true));
  it.each(['Tell me more', 'Non-stop offers', 'Stopover in Dubai', 'Durum', 'Bajar precio', ''])(
    '%s does not',
    (label) => expect(isStopLabel(label)).toBe(false),
  );
});
