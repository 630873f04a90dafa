import { describe, expect, it } from 'vitest';
import { inputFromStoredMessage } from './stored-message.js';

describe('inputFromStoredMessage', () => {
  it('rebuilds a text input', () => {
    const payload = JSON.stringify({ from: '1555', id: 'w', timestamp: '1', type: 'text', text: { body: 'hi' } });
    expect(inputFromStoredMessage('text', payload)).toEqual({
      input: { kind: 'text', text: 'hi' },
      bsuid: null,
      profileName: null,
      username: null,
    });
  });

  it('rebuilds a list choice and keeps the BSUID', () => {
    const payload = JSON.stringify({
      from_user_id: 'US.1',
      id: 'w',
      timestamp: '1',
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'cat_eb5', title: 'EB-5' } },
    });
    expect(inputFromStoredMessage('interactive', payload)).toEqual({
      input: { kind: 'choice', id: 'cat_eb5', title: 'EB-5' },
      bsuid: 'US.1',
      profileName: null,
      username: null,
    });
  });

  it("reads the profile name, username and BSUID of the contact ingest stored beside Meta's message", () => {
    const payload = JSON.stringify({
      from: '',
      type: 'text',
      text: { body: 'x' },
      _contact: { profile: { name: 'Ana', username: '@ana' }, wa_id: '', user_id: 'US.13491208655302741918' },
    });
    expect(inputFromStoredMessage('text', payload)).toEqual({
      input: { kind: 'text', text: 'x' },
      bsuid: 'US.13491208655302741918',
      profileName: 'Ana',
      username: '@ana',
    });
  });

  it('reads a profile name a non-Meta source stored in the payload', () => {
    const payload = JSON.stringify({ type: 'text', text: { body: 'x' }, profile: { name: 'Ana' } });
    expect(inputFromStoredMessage('text', payload).profileName).toBe('Ana');
  });

  it.each([
    ['not JSON', 'text', '{oops'],
    ['JSON but not an object', 'text', '[1]'],
    ['a malformed text', 'text', '{"text":{"body":5}}'],
  ])('falls back to unsupported for %s', (_name, type, payload) => {
    expect(inputFromStoredMessage(type, payload).input).toEqual({ kind: 'unsupported', type });
  });

  it('maps an image to unsupported', () => {
    expect(inputFromStoredMessage('image', '{"image":{"id":"1"}}').input).toEqual({
      kind: 'unsupported',
      type: 'image',
    });
  });
});
