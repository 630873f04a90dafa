import { describe, expect, it } from 'vitest';
import { checkVerifyRequest } from './verify-challenge.js';

const TOKEN = 'my-verify-secret';

describe('checkVerifyRequest', () => {
  it('returns the raw challenge for mode=subscribe and the right token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1122334455' };
    expect(checkVerifyRequest(query, TOKEN)).toEqual({ ok: true, challenge: '1122334455' });
  });

  it('reads qs-style nested parameters too', () => {
    const query = { hub: { mode: 'subscribe', verify_token: TOKEN, challenge: 'abc' } };
    expect(checkVerifyRequest(query, TOKEN)).toEqual({ ok: true, challenge: 'abc' });
  });

  it.each([
    ['wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' }],
    [
      'token of another length',
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${TOKEN}-longer`, 'hub.challenge': '1' },
    ],
    ['token prefix', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN.slice(0, 3), 'hub.challenge': '1' }],
  ])('refuses %s as a mismatch', (_name, query) => {
    expect(checkVerifyRequest(query, TOKEN)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it.each([
    ['wrong mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1' }],
    ['missing mode', { 'hub.verify_token': TOKEN, 'hub.challenge': '1' }],
    ['missing token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['missing challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN }],
    ['empty challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '' }],
    ['repeated parameters', { 'hub.mode': 'subscribe', 'hub.verify_token': [TOKEN, TOKEN], 'hub.challenge': '1' }],
    ['empty query', {}],
  ])('refuses %s as not a verification request', (_name, query) => {
    expect(checkVerifyRequest(query, TOKEN)).toEqual({ ok: false, reason: 'incomplete' });
  });

  it('refuses when no verify token is configured, even if the request sends an empty one', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' };
    expect(checkVerifyRequest(query, '')).toEqual({ ok: false, reason: 'unconfigured' });
    expect(checkVerifyRequest(query, undefined)).toEqual({ ok: false, reason: 'unconfigured' });
  });
});
