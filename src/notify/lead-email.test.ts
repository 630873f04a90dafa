import { describe, expect, it } from 'vitest';
import { escapeHtml, isValidTimeZone, renderLeadEmail } from './lead-email.js';
import type { LeadEvent } from './types.js';

function leadEvent(overrides: Partial<LeadEvent['lead']> = {}, rest: Partial<LeadEvent> = {}): LeadEvent {
  return {
    version: 1,
    event: 'lead.created',
    eventId: 'evt-1',
    occurredAt: '2025-03-05T10:03:00.000Z',
    lead: {
      phone: '447700900123',
      name: 'Jane Doe',
      email: 'jane@example.com',
      interest: 'Europe Golden Visa',
      budgetUsd: 1250000,
      countryOfInterest: 'Greece',
      createdAt: '2025-03-05T10:00:00.000Z',
      updatedAt: '2025-03-05T10:03:00.000Z',
      ...overrides,
    },
    recentMessages: [],
    ...rest,
  };
}

describe('renderLeadEmail', () => {
  it('names the lead and the interest in the subject', () => {
    expect(renderLeadEmail(leadEvent()).subject).toBe('New lead: Jane Doe (Europe Golden Visa)');
    expect(renderLeadEmail(leadEvent({}, { event: 'lead.updated' })).subject).toBe(
      'Updated lead: Jane Doe (Europe Golden Visa)',
    );
  });

  it('falls back to the phone in the subject and says what was not given', () => {
    const mail = renderLeadEmail(
      leadEvent({ name: null, email: null, interest: null, budgetUsd: null, countryOfInterest: null }),
    );
    expect(mail.subject).toBe('New lead: +447700900123');
    expect(mail.text).toContain('Name: (not given)');
    expect(mail.text).toContain('Budget: (not given)');
    expect(mail.text).toContain('No messages recorded.');
  });

  it('a username user (BSUID, no phone shared): no "+", no wa.me link built from the id', () => {
    const bsuid = `US.ENT.${'a1B2'.repeat(32)}`;
    const mail = renderLeadEmail(leadEvent({ phone: bsuid, name: null }));
    expect(mail.subject.startsWith(`New lead: ${bsuid.slice(0, 40)}`)).toBe(true);
    expect(mail.text).toContain(`Phone: none shared (WhatsApp user id ${bsuid})`);
    expect(mail.text).toContain('WhatsApp: no phone shared; answer from the console');
    expect(mail.text).not.toContain('wa.me');
    expect(mail.html).not.toContain('wa.me');
    expect(mail.text).not.toContain('+US.');
    // A phone keeps its link.
    expect(renderLeadEmail(leadEvent()).text).toContain('WhatsApp: https://wa.me/447700900123');
  });

  it('names the source: the ad a lead came from, or that none is known', () => {
    expect(renderLeadEmail(leadEvent({ source: 'ad Golden Visa in 90 days' })).text).toContain(
      'Source: ad Golden Visa in 90 days',
    );
    expect(renderLeadEmail(leadEvent({ source: 'ad Golden Visa in 90 days' })).html).toContain(
      '<th align="left">Source</th><td>ad Golden Visa in 90 days</td>',
    );
    expect(renderLeadEmail(leadEvent({ source: null })).text).toContain('Source: (not given)');
  });

  it("shows the client's language, or that it is not known", () => {
    expect(renderLeadEmail(leadEvent({ language: 'ru' })).text).toContain('Language: Russian (ru)');
    expect(renderLeadEmail(leadEvent({ language: 'pt-BR' })).html).toContain('Portuguese (Brazil) (pt-BR)');
    expect(renderLeadEmail(leadEvent({ language: null })).text).toContain('Language: (not given)');
  });

  it('keeps the subject on one line whatever the user typed', () => {
    const mail = renderLeadEmail(leadEvent({ name: 'Jane\r\nBcc: evil@example.com' }));
    expect(mail.subject).toBe('New lead: Jane Bcc: evil@example.com (Europe Golden Visa)');
  });

  it('shows budget in dollars and times in the configured zone', () => {
    const mail = renderLeadEmail(leadEvent(), { timeZone: 'Asia/Dubai' });
    expect(mail.text).toContain('Budget: $1,250,000');
    expect(mail.text).toContain('Received: 5 Mar 2025, 14:03 Asia/Dubai');
    expect(renderLeadEmail(leadEvent()).text).toContain('Received: 5 Mar 2025, 10:03 UTC');
  });

  it('lists only the latest messages, oldest first, with direction and time', () => {
    const recentMessages = Array.from({ length: 15 }, (_, i) => ({
      direction: i % 2 === 0 ? ('incoming' as const) : ('outgoing' as const),
      text: `message ${i}`,
      at: `2025-03-05T09:${String(i).padStart(2, '0')}:00.000Z`,
    }));
    const mail = renderLeadEmail(leadEvent({}, { recentMessages }), { maxMessages: 3 });
    expect(mail.text).not.toContain('message 11');
    expect(mail.text).toContain('[5 Mar 2025, 09:12 UTC] Customer: message 12');
    expect(mail.text).toContain('[5 Mar 2025, 09:13 UTC] Bot: message 13');
    expect(mail.text.indexOf('message 12')).toBeLessThan(mail.text.indexOf('message 14'));
  });

  it('escapes everything the user controls in the HTML part', () => {
    const mail = renderLeadEmail(
      leadEvent(
        { name: `<img src=x onerror="alert('x')">`, email: 'a&b@example.com', interest: '"quoted"' },
        { recentMessages: [{ direction: 'incoming', text: '<script>steal()</script>', at: '2025-03-05T10:01:00Z' }] },
      ),
    );
    expect(mail.html).not.toMatch(/<img|<script/);
    expect(mail.html).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;');
    expect(mail.html).toContain('a&amp;b@example.com');
    expect(mail.html).toContain('&quot;quoted&quot;');
    expect(mail.html).toContain('&lt;script&gt;steal()&lt;/script&gt;');
  });

  it('links to the WhatsApp chat', () => {
    expect(renderLeadEmail(leadEvent()).text).toContain('WhatsApp: https://wa.me/447700900123');
  });

  it('throws on an unknown time zone, which config can check with isValidTimeZone', () => {
    expect(isValidTimeZone('Europe/Lisbon')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(() => renderLeadEmail(leadEvent(), { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});
