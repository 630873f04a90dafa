import { describe, expect, it } from 'vitest';
import { Chat, SETTINGS, T0, allText, rowIds } from './test-support.js';
import type { SessionState } from './types.js';

const MENU_IDS = ['menu:1', 'menu:2', 'menu:3', 'menu:4', 'menu:5', 'menu:6', 'menu:7', 'nav:language'];
const MINUTE = 60_000;

function inStep(step: SessionState['step'], data: SessionState['data'] = {}): SessionState {
  return { step, data, lastActivityAt: T0 };
}

describe('session timeout', () => {
  const stale = (): Chat =>
    new Chat({ state: inStep('ask_email', { name: 'Ana', budget: 300_000, interest: 'x' }) }).wait(31 * MINUTE);

  it('restarts from the main menu with a notice and clears the data', () => {
    const r = stale().say('hi');
    expect(r.state).toEqual({ step: 'main_menu', data: {}, lastActivityAt: new Date(T0.getTime() + 31 * MINUTE) });
    expect(r.replies[0]).toEqual({
      kind: 'text',
      body: "⏱️ Your previous session expired, so we're starting again from the main menu.",
    });
    expect(rowIds(r.replies[1])).toEqual(MENU_IDS);
    expect(r.replies).toHaveLength(2);
  });

  it('reads the message at the main menu after the notice', () => {
    const r = stale().say('2');
    expect(r.state.step).toBe('ask_budget');
    expect(allText(r)).toMatch(/^⏱️ Your previous session expired[\s\S]*investment budget in US dollars/);
  });

  it('does not read an answer meant for the old step, nor save a lead', () => {
    const r = stale().say('ana@example.com');
    expect(r.effects).toEqual([]);
    expect(r.state.step).toBe('main_menu');
    expect(allText(r)).not.toContain("didn't understand");
  });

  it('tells the user only once', () => {
    const chat = stale();
    chat.say('hi');
    expect(allText(chat.wait(MINUTE).say('menu'))).not.toContain('expired');
  });

  it('keeps the session at exactly the timeout', () => {
    const chat = new Chat({ state: inStep('ask_budget') }).wait(SETTINGS.sessionTimeoutMs);
    expect(chat.say('300k').state.data.budget).toBe(300_000);
  });
});
