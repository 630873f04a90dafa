// After a message is posted: poll the bot's replies until it has nothing pending and has been quiet
// for a moment (several bubbles per turn arrive one by one), bounded so a stuck bot cannot hang us.
import type { BotClient, SandboxMessage } from './bot-client.js';

export interface WaitOptions {
  pollMs: number;
  /** Done once nothing is pending and no new reply came for this long. */
  quietMs: number;
  timeoutMs: number;
  /** Called for each new reply as soon as it is seen. */
  onReply: (message: SandboxMessage) => void;
}

export interface WaitResult {
  /** The highest reply id seen (the `after` of the next wait). */
  lastId: number;
  replies: SandboxMessage[];
  timedOut: boolean;
}

export async function waitForReplies(
  client: Pick<BotClient, 'fetchReplies'>,
  phone: string,
  after: number,
  opts: WaitOptions,
): Promise<WaitResult> {
  const startedAt = Date.now();
  let lastNewAt = startedAt;
  let lastId = after;
  const replies: SandboxMessage[] = [];
  for (;;) {
    const page = await client.fetchReplies(phone, lastId);
    for (const message of page.messages) {
      if (message.id <= lastId) continue;
      lastId = message.id;
      lastNewAt = Date.now();
      replies.push(message);
      opts.onReply(message);
    }
    const now = Date.now();
    if (!page.pending && page.messages.length === 0 && now - lastNewAt >= opts.quietMs) {
      return { lastId, replies, timedOut: false };
    }
    if (now - startedAt >= opts.timeoutMs) return { lastId, replies, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs));
  }
}
