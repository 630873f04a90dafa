// Shared by the conversation tests: the seed catalogue, a context, and a chat script runner
// that checks every result against the contract and the platform limits as it goes.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { messagesFor } from '../messages.js';
import { handleMessage } from './handle-message.js';
import { checkReplyLimits } from './limits.js';
import { questionIndexFor } from '../search/question-index.js';
import {
  STEPS,
  type ConversationSettings,
  type Program,
  type Reply,
  type SessionState,
  type StepContext,
  type StepResult,
  type UserInput,
} from './types.js';

interface SeedProgram {
  country: string;
  category: string;
  name: string;
  description: string;
  minimum_investment: number;
  processing_time: string;
  link: string;
  rank: number;
}

export function loadSeedPrograms(): Program[] {
  const file = new URL('../../data-seed/programs.json', import.meta.url);
  const seed = JSON.parse(readFileSync(file, 'utf8')) as SeedProgram[];
  return seed.map((p) => ({
    name: p.name,
    country: p.country,
    category: p.category,
    description: p.description,
    minimumInvestment: p.minimum_investment,
    processingTime: p.processing_time,
    link: p.link,
    rank: p.rank,
  }));
}

/** The shipped rates (data-seed/currency-rates.json): the tests read what production reads. */
export const TEST_RATES = JSON.parse(
  readFileSync(new URL('../../data-seed/currency-rates.json', import.meta.url), 'utf8'),
) as ConversationSettings['currencyRates'];

export const SETTINGS: ConversationSettings = {
  bookingUrl: 'https://nexorainvestments.com/book',
  brochureUrl: 'https://nexorainvestments.com/files/nexora-brochure.pdf',
  brochureFilename: 'Nexora-Investments-Brochure.pdf',
  brochureCaption: '📘 Nexora Investments: residency and citizenship programs',
  sessionTimeoutMs: 30 * 60_000,
  currencyRates: TEST_RATES,
};

export const T0 = new Date('2026-03-02T10:00:00.000Z');

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** All human-readable text of the replies, joined: bodies, captions, row titles. */
export function allText(result: StepResult): string {
  return result.replies.map(replyText).join('\n---\n');
}

export function replyText(reply: Reply): string {
  switch (reply.kind) {
    case 'text':
      return reply.body;
    case 'document':
      return reply.caption ?? '';
    case 'buttons':
      return [reply.body, ...reply.buttons.map((b) => b.title)].join('\n');
    case 'list':
      return [reply.body, ...reply.sections.flatMap((s) => s.rows.map((r) => r.title))].join('\n');
  }
}

export function rowIds(reply: Reply | undefined): string[] {
  return reply?.kind === 'list' ? reply.sections.flatMap((s) => s.rows.map((r) => r.id)) : [];
}

/** A user talking to the bot: keeps the session between messages and moves a fake clock. */
export class Chat {
  state: SessionState | null;
  now: Date;
  programs: readonly Program[];
  language: string;

  constructor(opts: { programs?: Program[]; state?: SessionState | null; now?: Date; language?: string } = {}) {
    this.language = opts.language ?? 'en';
    this.programs = deepFreeze(opts.programs ?? loadSeedPrograms());
    this.state = opts.state ?? null;
    this.now = opts.now ?? T0;
  }

  get ctx(): StepContext {
    return {
      now: this.now,
      programs: this.programs,
      questions: questionIndexFor(this.programs),
      settings: SETTINGS,
      text: messagesFor(this.language),
      textIn: messagesFor,
    };
  }

  send(input: UserInput): StepResult {
    const before = this.state === null ? null : deepFreeze(structuredClone(this.state));
    const result = handleMessage(before, input, this.ctx);
    expect(STEPS).toContain(result.state.step);
    expect(result.state.lastActivityAt).toEqual(this.now);
    // Every step answers; a request for a person is answered by the pipeline (when a consultant replies).
    if (!result.effects.some((e) => e.kind === 'request_handoff')) expect(result.replies.length).toBeGreaterThan(0);
    for (const reply of result.replies) expect(checkReplyLimits(reply)).toEqual([]);
    // Pure: the same message in the same state gives the same answer.
    expect(handleMessage(before, input, this.ctx)).toEqual(result);
    this.state = result.state;
    if (result.language !== undefined) this.language = result.language;
    return result;
  }

  say(text: string): StepResult {
    return this.send({ kind: 'text', text });
  }

  tap(id: string, title = ''): StepResult {
    return this.send({ kind: 'choice', id, title });
  }

  wait(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  get step(): string | undefined {
    return this.state?.step;
  }
}
