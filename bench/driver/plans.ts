// Load plans: who posts what, in which order, and how many replies each user must get.
import { envelope, textMessage } from '../../test/helpers/payloads.js';
import { nowSec, sign, userPhone } from './http.js';
import type { LoadJob, LoadPlan } from './load.js';

/** N new users each say "hi" once: exactly one reply each (the welcome menu). */
export function burstPlan(label: string, users: number, prefix: string, tag: string): LoadPlan {
  const ts = nowSec();
  const phones: string[] = [];
  const jobs: LoadJob[] = [];
  for (let i = 0; i < users; i++) {
    const phone = userPhone(prefix, i);
    phones.push(phone);
    jobs.push({
      user: i,
      body: sign(
        envelope({
          messages: [textMessage(phone, 'hi', { wamid: `wamid.BENCH_${tag}_${i}`, ts })],
          name: `Bench User ${i}`,
        }),
      ),
    });
  }
  return { label, phones, expected: phones.map(() => 1), jobs };
}

/** The three messages of a "multi" user in the rate scenario, and the reply types they must get, in order. */
const MULTI_SCRIPT = ['hi', '5', '6'];
export const MULTI_EXPECTED_TYPES = ['interactive', 'text', 'interactive', 'document', 'interactive'];

/**
 * Rate scenario: `single` users say "hi" once, plus `multi` users who send three messages each (hi,
 * 5, 6; each posted after the previous one was acknowledged), spread through the burst.
 */
export function ratePlan(
  label: string,
  single: number,
  multi: number,
  prefix: string,
  tag: string,
): LoadPlan & { multiFrom: number } {
  const ts = nowSec();
  const phones: string[] = [];
  const expected: number[] = [];
  const jobs: LoadJob[] = [];
  for (let i = 0; i < single; i++) {
    const phone = userPhone(prefix, i);
    phones.push(phone);
    expected.push(1);
  }
  for (let k = 0; k < multi; k++) {
    phones.push(userPhone(prefix, single + k));
    expected.push(MULTI_EXPECTED_TYPES.length);
  }
  // Singles in order; each multi user's messages start at an evenly spread position.
  const multiStart = new Map<number, number>();
  for (let k = 0; k < multi; k++) multiStart.set(Math.floor((k * single) / Math.max(1, multi)), k);
  for (let i = 0; i < single; i++) {
    const k = multiStart.get(i);
    if (k !== undefined) {
      const user = single + k;
      const phone = phones[user]!;
      let prev: number | undefined;
      MULTI_SCRIPT.forEach((text, step) => {
        const index = jobs.length;
        jobs.push({
          user,
          body: sign(
            envelope({
              messages: [textMessage(phone, text, { wamid: `wamid.BENCH_${tag}_m${k}_${step}`, ts: ts + step })],
            }),
          ),
          ...(prev !== undefined ? { after: prev } : {}),
        });
        prev = index;
      });
    }
    const phone = phones[i]!;
    jobs.push({
      user: i,
      body: sign(envelope({ messages: [textMessage(phone, 'hi', { wamid: `wamid.BENCH_${tag}_${i}`, ts })] })),
    });
  }
  return { label, phones, expected, jobs, multiFrom: single };
}
