// Every message of every language: present, with the same placeholders as English, renderable, and
// — as the conversation really composes them into menus, lists and texts — within WhatsApp's limits
// after going through the real wire renderer (whatsapp/render-reply.ts), which must not have to cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHomeCommand } from '../conversation/intent.js';
import { checkReplyLimits } from '../conversation/limits.js';
import { Chat, loadSeedPrograms } from '../conversation/test-support.js';
import type { Reply } from '../conversation/types.js';
import { LANGUAGES } from '../i18n/languages.js';
import { normalizeCountry } from '../jobs/normalize-country.js';
import { renderJobsReply } from '../jobs/render-jobs.js';
import { messagesFor } from '../messages.js';
import { renderReply } from '../whatsapp/render-reply.js';
import { CATALOGUES, ENGLISH, type MessageKey } from './catalogues.js';
import { ANY_JOB_WORDS } from './keywords.js';

const KEYS = Object.keys(ENGLISH) as MessageKey[];
const placeholders = (source: string): string[] =>
  [...new Set([...source.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]!))].sort();

const SAMPLE = {
  count: 3,
  amount: '$280,000',
  letters: 'A, B, C',
  category: 'Europe Golden Visa',
  name: 'María José',
  event: 'created',
  who: 'María José',
  about: ' (Europe Golden Visa)',
  examples: 'Canada, Germany',
  country: 'Portugal',
  place: 'Portugal',
  link: 'https://nexorainvestments.com/portugal-golden-visa',
  url: 'https://book.example/nexora',
  time: '3-4 months',
  lowest: '$100,000',
  program: 'Dominica Citizenship by Investment',
  hours: 'Mon-Fri 09:00-18:00',
  timeZone: 'Asia/Dubai',
  original: '€300,000',
  date: 'Nov 30, 2026',
  currency: 'JPY',
  keywords: 'software engineer',
  max: 60,
  from: 6,
  to: 7,
  row: '➕ More programs',
  limit: '100 MB',
};

/** The wire body must carry the reply as built: the renderer cuts what is too long, so a cut is a failure. */
function renderedIntact(reply: Reply): void {
  const wire = renderReply('15550001234', reply) as Record<string, any>;
  if (reply.kind === 'text') expect(wire.text.body).toBe(reply.body);
  if (reply.kind === 'list') {
    expect(wire.interactive.body.text).toBe(reply.body);
    expect(wire.interactive.action.button).toBe(reply.button);
    const rows = wire.interactive.action.sections.flatMap((s: any) => s.rows);
    expect(rows.map((r: any) => [r.title, r.description])).toEqual(
      reply.sections.flatMap((s) => s.rows.map((r) => [r.title, r.description])),
    );
    if (reply.footer !== undefined) expect(wire.interactive.footer.text).toBe(reply.footer);
  }
}

function checkAll(replies: readonly Reply[]): void {
  for (const reply of replies) {
    expect(checkReplyLimits(reply)).toEqual([]);
    renderedIntact(reply);
  }
}

/** Every reply the conversation can give, in one language, by walking each flow. */
function conversationReplies(language: string): Reply[] {
  const out: Reply[] = [];
  const run = (chat: Chat, inputs: (string | [string, string])[]) => {
    for (const input of inputs) {
      const r = typeof input === 'string' ? chat.say(input) : chat.tap(input[0], input[1]);
      out.push(...r.replies);
    }
  };
  const chat = () => new Chat({ language });
  run(chat(), ['hi', 'nonsense', '1', 'Z', 'A', '1', ['cat:B', ''], '0']);
  run(chat(), ['2', '', 'lots', '0', '$5', '2', '300000', '2', '$5M']);
  run(chat(), ['3', '', '12345', 'María José', 'nope', 'maria@example.com']);
  run(chat(), ['4', 'Atlantis', 'Germany', 'x'.repeat(70), 'nurse', '5', '6']);
  run(chat(), ['4', 'Dubai', ANY_JOB_WORDS[language]![0]!]);
  run(chat(), [['nav:language', ''], 'klingon', ['lang:' + language, '']]);
  const unsupported = new Chat({ language });
  out.push(...unsupported.send({ kind: 'unsupported', type: 'image' }).replies);
  const expired = new Chat({ language });
  expired.say('2');
  out.push(...expired.wait(24 * 3600_000).say('hi').replies);
  return out;
}

describe('the catalogues', () => {
  it.each(LANGUAGES)('%s has every key of English, no other, with the same placeholders', (language) => {
    const catalogue = CATALOGUES[language] ?? {};
    expect(Object.keys(catalogue).filter((k) => !(k in ENGLISH))).toEqual([]);
    expect(KEYS.filter((k) => catalogue[k] === undefined)).toEqual([]);
    for (const key of KEYS) expect([key, placeholders(catalogue[key]!)]).toEqual([key, placeholders(ENGLISH[key])]);
  });

  it.each(LANGUAGES)('%s renders every message, alone, as a text body within 4,096', (language) => {
    const t = messagesFor(language);
    for (const key of KEYS) {
      const body = t.t(key, SAMPLE);
      expect(body.length).toBeGreaterThan(0);
      checkAll([{ kind: 'text', body }]);
    }
  });

  it.each(LANGUAGES)('%s: every menu, list and answer of the conversation is within the limits', (language) => {
    const replies = conversationReplies(language);
    expect(replies.length).toBeGreaterThan(30);
    checkAll(replies);
    const t = messagesFor(language);
    const germany = normalizeCountry('Germany')!;
    const jobs = { title: 'Engineer', company: 'ACME', locations: 'Berlin', url: 'https://j.example/1' };
    checkAll([
      renderJobsReply(t, germany, { kind: 'jobs', jobs: [jobs, jobs, jobs], total: 3 }),
      renderJobsReply(t, germany, { kind: 'none' }),
      renderJobsReply(t, germany, { kind: 'jobs', jobs: [jobs, jobs, jobs], total: 3 }, 'a'.repeat(60)),
      renderJobsReply(t, germany, { kind: 'none' }, 'a'.repeat(60)),
      renderJobsReply(t, germany, { kind: 'unavailable', reason: 'test' }),
    ]);
  });

  it('speaks the language it was given, not English, in every reply of the conversation', () => {
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const welcome = new Chat({ language }).say('hi').replies[0]!;
      expect(welcome.kind === 'list' && welcome.button).toBe(messagesFor(language).t('menu.button'));
      expect(messagesFor(language).t('menu.button')).not.toBe(ENGLISH['menu.button']);
    }
  });

  it('keeps every count of the plural messages within the row limits (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), fc.integer({ min: 0, max: 1_000_000 }), (language, count) => {
        const t = messagesFor(language);
        const description = t.t('explore.rowDescription', { count, amount: t.usd(99_999_999) });
        expect(description.length).toBeLessThanOrEqual(72);
        expect(t.t('explore.topTitle', { count, category: 'Europe Golden Visa' })).not.toContain('{');
      }),
      { numRuns: 300 },
    );
  });

  it('has the seed programs available to the walk', () => {
    expect(loadSeedPrograms().length).toBeGreaterThan(5);
  });
});

describe('the words the catalogues tell people to type', () => {
  it('are understood: the handoff time-out names a word that asks for a person, in every language', async () => {
    const { asksForHuman } = await import('../handoff/keywords.js');
    for (const language of LANGUAGES) {
      const words = [
        ...messagesFor(language)
          .t('handoff.timedOut')
          .matchAll(/\*([^*]+)\*/g),
      ].map((m) => m[1]!);
      expect(words.length, language).toBe(2);
      expect(asksForHuman(words[1]!), `${language}: ${words[1]}`).toBe(true);
      expect(isHomeCommand(words[0]!), `${language}: ${words[0]}`).toBe(true);
    }
  });
});
