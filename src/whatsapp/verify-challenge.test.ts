import { describe, expect, it } from 'vitest';
import { verifyChallenge } from './verify-challenge.js';

const TOKEN = 'my-verify-secret';

describe('verifyChallenge', () => {
  it('returns the raw challenge for mode=subscribe and the right token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1122334455' };
    expect(verifyChallenge(query, TOKEN)).toBe('1122334455');
  });

  it('reads qs-style nested parameters too', () => {
    const query = { hub: { mode: 'subscribe', verify_token: TOKEN, challenge: 'abc' } };
    expect(verifyChallenge(query, TOKEN)).toBe('abc');
  });

  it.each([
    ['wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' }],
    [
      'token of another length',
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${TOKEN}-longer`, 'hub.challenge': '1' },
    ],
    ['token prefix', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN.slice(0, 3), 'hub.challenge': '1' }],
    ['wrong mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1' }],
    ['missing mode', { 'hub.verify_token': TOKEN, 'hub.challenge': '1' }],
    ['missing token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['missing challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN }],
    ['empty challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '' }],
    ['repeated parameters', { 'hub.mode': 'subscribe', 'hub.verify_token': [TOKEN, TOKEN], 'hub.challenge': '1' }],
    ['empty query', {}],
  ])('returns null for %s', (_name, query) => {
    expect(verifyChallenge(query, TOKEN)).toBeNull();
  });

  it('returns null when no verify token is configured, even if the request sends an empty one', () => {
    expect(verifyChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }, '')).toBeNull();
  });
});
