import { describe, expect, it } from 'vitest';
import { textParts } from './format.js';

describe('textParts: message text with its web links', () => {
  it('keeps text without a link as one piece, the empty text included', () => {
    expect(textParts('I have 500k to invest')).toEqual([{ text: 'I have 500k to invest' }]);
    expect(textParts('')).toEqual([{ text: '' }]);
  });

  it('links https and http addresses, leaving the sentence punctuation outside', () => {
    expect(textParts('Book here: https://cal.example.com/nexora?x=1. Thanks')).toEqual([
      { text: 'Book here: ' },
      { text: 'https://cal.example.com/nexora?x=1', href: 'https://cal.example.com/nexora?x=1' },
      { text: '. Thanks' },
    ]);
    expect(textParts('(see http://example.org/a_(b))')).toEqual([
      { text: '(see ' },
      { text: 'http://example.org/a_(b)', href: 'http://example.org/a_(b)' },
      { text: ')' },
    ]);
  });

  it('links a www address as http, in any script around it', () => {
    expect(textParts('الموقع www.example.com شكرا')).toEqual([
      { text: 'الموقع ' },
      { text: 'www.example.com', href: 'http://www.example.com' },
      { text: ' شكرا' },
    ]);
  });

  it('never links anything but the web: no e-mail, mailto, javascript or ftp', () => {
    for (const text of [
      'write to laila@example.com',
      'mailto:laila@example.com',
      'javascript:alert(1)',
      'ftp://files.example.com/a',
    ]) {
      expect(textParts(text)).toEqual([{ text }]);
    }
  });

  it('keeps every character: the pieces join back to the text', () => {
    const text = 'a https://x.example/1 b www.nexora.ae c <script>https://z.example/?q="1"</script>';
    expect(
      textParts(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(textParts(text).filter((p) => p.href)).toHaveLength(3);
  });
});
