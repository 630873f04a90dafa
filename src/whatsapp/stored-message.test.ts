import { describe, expect, it } from 'vitest';
import { identityChangeOf, inputFromStoredMessage } from './stored-message.js';

describe('inputFromStoredMessage', () => {
  it('rebuilds a text input', () => {
    const payload = JSON.stringify({ from: '1555', id: 'w', timestamp: '1', type: 'text', text: { body: 'hi' } });
    expect(inputFromStoredMessage('text', payload)).toEqual({
      input: { kind: 'text', text: 'hi' },
      bsuid: null,
      profileName: null,
      username: null,
      countryCode: null,
      referral: null,
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
      countryCode: 'US',
      referral: null,
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
      countryCode: 'US',
      referral: null,
    });
  });

  it('keeps the ad a message came from and reads an identity change', () => {
    const payload = JSON.stringify({
      type: 'text',
      text: { body: 'x' },
      referral: { source_id: '1', headline: 'Golden visa' },
    });
    expect(inputFromStoredMessage('text', payload).referral).toEqual({ source_id: '1', headline: 'Golden visa' });
    const system = JSON.stringify({
      type: 'system',
      system: { type: 'customer_changed_number', new_wa_id: '15550003333', body: 'changed' },
    });
    expect(identityChangeOf(system)).toEqual({
      type: 'user_changed_number',
      newWaId: '15550003333',
      newBsuid: null,
      previousBsuid: null,
    });
    expect(identityChangeOf(JSON.stringify({ type: 'system', system: { type: 'other' } }))).toBeNull();
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

  it('maps an image without caption to unsupported, and its caption to text', () => {
    expect(inputFromStoredMessage('image', '{"image":{"id":"1","caption":"is this eligible?"}}').input).toEqual({
      kind: 'text',
      text: 'is this eligible?',
    });
    expect(inputFromStoredMessage('image', '{"image":{"id":"1"}}').input).toEqual({
      kind: 'unsupported',
      type: 'image',
    });
  });
});
