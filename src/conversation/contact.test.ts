import { describe, expect, it } from 'vitest';
import { checkName, normaliseEmail } from './contact.js';

describe('normaliseEmail', () => {
  it.each([
    ['ana@example.com', 'ana@example.com'],
    ['  Ana.Souza@Example.COM ', 'Ana.Souza@example.com'],
    ['first+tag@mail.co.uk', 'first+tag@mail.co.uk'],
    ['mailto:ana@example.org', 'ana@example.org'],
    ['user@xn--80ak6aa92e.xn--p1ai', 'user@xn--80ak6aa92e.xn--p1ai'],
  ])('accepts %j as %j', (input, email) => {
    expect(normaliseEmail(input)).toBe(email);
  });

  it.each([
    '',
    'ana',
    'ana@',
    '@x.com',
    'ana@x',
    'ana@x.c',
    'a b@x.com',
    'a@@x.com',
    'a@x..com',
    'a..b@x.com',
    `${'a'.repeat(250)}@x.com`,
  ])('rejects %j', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });
});

describe('checkName', () => {
  it('keeps the name as typed, trimmed', () => {
    expect(checkName('  José  da Silva ')).toEqual({ ok: true, name: 'José  da Silva' });
  });

  it('rejects empty, letterless, multi-line and over-long names', () => {
    expect(checkName('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkName('123 456')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkName('Ana\nSouza')).toEqual({ ok: false, reason: 'invalid' });
    for (const sep of ['\u2028', '\u2029', '\u0085'])
      expect(checkName(`Ana${sep}Souza`)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkName('\u202EAna\u2066 Souza\u2069\u200F')).toEqual({ ok: true, name: 'Ana Souza' });
    expect(normaliseEmail('ana\u202E@Example.com')).toBe('ana@example.com');
    expect(normaliseEmail('ana\u0085x@example.com')).toBeNull();
    expect(checkName('a'.repeat(101))).toEqual({ ok: false, reason: 'invalid' });
  });
});
