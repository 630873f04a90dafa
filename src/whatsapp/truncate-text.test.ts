import { describe, expect, it } from 'vitest';
import { codePointLength, truncateText } from './truncate-text.js';

const isWellFormed = (s: string): boolean =>
  !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('truncateText', () => {
  it('leaves text within the limit unchanged', () => {
    expect(truncateText('Keep it', 20)).toBe('Keep it');
    expect(truncateText('a'.repeat(20), 20)).toBe('a'.repeat(20));
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    const title = `${'a'.repeat(19)}😀`;
    expect(title.length).toBe(21);
    expect(truncateText(title, 20)).toBe(title);
  });

  it('never splits a surrogate pair at the boundary', () => {
    const out = truncateText(`${'a'.repeat(18)}😀😀😀`, 20);
    expect(out).toBe(`${'a'.repeat(18)}😀…`);
    expect(codePointLength(out)).toBe(20);
    expect(isWellFormed(out)).toBe(true);
  });

  it('drops a whole ZWJ family emoji rather than part of it', () => {
    const family = '👨‍👩‍👧';
    const out = truncateText(`${'a'.repeat(17)}${family}b`, 20);
    expect(out).toBe(`${'a'.repeat(17)}…`);
  });

  it('trims trailing spaces before the ellipsis', () => {
    expect(truncateText('Hello wonderful world', 7)).toBe('Hello…');
  });

  it('cuts ids without an ellipsis when asked', () => {
    expect(truncateText('x'.repeat(210), 200, '')).toBe('x'.repeat(200));
  });
});
