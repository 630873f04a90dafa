import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './verify-signature.js';

const SECRET = 'app-secret-for-tests';
const BODY = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

describe('verifySignature', () => {
  it('accepts the signature Meta would compute over the raw bytes', () => {
    expect(verifySignature(BODY, signBody(BODY, SECRET), SECRET)).toBe(true);
  });

  it('accepts an upper-case hex digest', () => {
    const header = `sha256=${signBody(BODY, SECRET).slice('sha256='.length).toUpperCase()}`;
    expect(verifySignature(BODY, header, SECRET)).toBe(true);
  });

  it('rejects a body changed by a single byte', () => {
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 2] = 0x7b;
    expect(verifySignature(tampered, signBody(BODY, SECRET), SECRET)).toBe(false);
  });

  it('rejects a missing header', () => {
    expect(verifySignature(BODY, undefined, SECRET)).toBe(false);
    expect(verifySignature(BODY, '', SECRET)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifySignature(BODY, signBody(BODY, 'other-secret'), SECRET)).toBe(false);
  });

  it.each([
    ['no prefix', signBody(BODY, SECRET).slice('sha256='.length)],
    ['sha1 prefix', signBody(BODY, SECRET).replace('sha256=', 'sha1=')],
    ['short digest', signBody(BODY, SECRET).slice(0, -2)],
    ['long digest', `${signBody(BODY, SECRET)}00`],
    ['non-hex digest', `sha256=${'z'.repeat(64)}`],
    ['garbage', 'not a signature'],
  ])('rejects a malformed header (%s) without throwing', (_name, header) => {
    expect(verifySignature(BODY, header, SECRET)).toBe(false);
  });

  it('refuses every signature when the app secret is empty', () => {
    expect(verifySignature(BODY, signBody(BODY, ''), '')).toBe(false);
  });

  it('verifies non-ASCII payloads on the escaped wire bytes, which re-serializing would break', () => {
    // Meta sends "olá 😀" as \u escapes; the signature covers those bytes exactly.
    const wire = Buffer.from('{"text":{"body":"ol\\u00e1 \\ud83d\\ude00 https:\\/\\/x.test"}}');
    const header = signBody(wire, SECRET);
    expect(verifySignature(wire, header, SECRET)).toBe(true);
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(wire.toString('utf8'))));
    expect(verifySignature(reserialized, header, SECRET)).toBe(false);
  });

  it('verifies raw UTF-8 bytes too', () => {
    const raw = Buffer.from('{"text":{"body":"olá 😀"}}', 'utf8');
    expect(verifySignature(raw, signBody(raw, SECRET), SECRET)).toBe(true);
  });
});
