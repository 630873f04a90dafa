// Digits as people type them on Arabic, Persian and Hindi keyboards (٣٠٠٠٠٠, ۳۰۰۰۰۰, ३०००००) read as
// ASCII digits, with the Arabic decimal and thousands separators (٫ ٬) as "." and ",".
const ZEROS = [0x0660, 0x06f0, 0x0966] as const; // Arabic-Indic, extended (Persian), Devanagari

export function toAsciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const zero = ZEROS.find((z) => code >= z && code <= z + 9);
    if (zero !== undefined) out += String(code - zero);
    else if (ch === '\u066b') out += '.';
    else if (ch === '\u066c') out += ',';
    else out += ch;
  }
  return out;
}
