// Two app instances on one PostgreSQL database: two operators claiming the same conversation at the
// same moment, each through their own instance, end with exactly one owner.
import { afterEach, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { getHandoff, listHandoffEvents } from '../src/handoff/handoff-store.js';
import { assignConversation } from '../src/ops/handoff-conversations.js';
import { textMessage } from './helpers/payloads.js';
import { startTestBot, type TestBot } from './helpers/test-bot.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.js';

const bots: TestBot[] = [];
let database: TestDatabase | undefined;
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await database?.drop();
  database = undefined;
});

it('PostgreSQL, two instances: a conversation claimed by two operators at once has exactly one owner', async () => {
  database = await createTestDatabase('postgres');
  const a = await startTestBot('postgres', { MARK_READ: 'false' }, { database });
  bots.push(a);
  const b = await startTestBot('postgres', { MARK_READ: 'false' }, { database, startWorkers: false, seed: false });
  bots.push(b);
  const users = ['971500000401', '971500000402', '971500000403', '971500000404', '971500000405'];
  for (const user of users) await a.say(textMessage(user, 'agent'));

  for (const user of users) {
    const now = Date.now();
    const results = await Promise.allSettled([
      assignConversation(a.runtime.deps.db, user, 'sara', 'sara', now),
      assignConversation(b.runtime.deps.db, user, 'omar', 'omar', now),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AppError);
    expect((lost[0]!.reason as AppError).code).toBe('HANDOFF_CONFLICT');
    const winner = (won[0] as PromiseFulfilledResult<{ operator: string }>).value.operator;
    expect(await getHandoff(a.runtime.deps.db, user)).toMatchObject({ owner: 'human', operator: winner });
    const claims = (await listHandoffEvents(b.runtime.deps.db, user)).filter((e) => e.event === 'claim');
    expect(claims.map((c) => c.actor)).toEqual([winner]);
  }
});
