import { describe, expect, it } from 'vitest';
import {
  ACK_WORK_DEADLINE_MS,
  ackTimeLeft,
  startAckBudget,
  withinAckDeadline,
} from '../../src/slack/within-ack-deadline.js';

describe('one ack budget per Slack request', () => {
  it('the access gate and the listener share it: time the gate spent is not given again', () => {
    const context: Record<string, unknown> = {};
    startAckBudget(context, 1_000);
    startAckBudget(context, 1_500); // a later middleware does not restart it
    expect(ackTimeLeft(context, 1_000)).toBe(ACK_WORK_DEADLINE_MS);
    expect(ackTimeLeft(context, 2_800)).toBe(ACK_WORK_DEADLINE_MS - 1_800);
    // Spent: a listener still gets a moment for a cached answer, never a second full budget.
    expect(ackTimeLeft(context, 9_000)).toBe(100);
    // No gate in front (a listener called directly): the whole budget.
    expect(ackTimeLeft({}, 5_000)).toBe(ACK_WORK_DEADLINE_MS);
  });

  it('work that misses the deadline yields the fallback, and its later failure is not unhandled', async () => {
    const slow = new Promise<string>((_, reject) => setTimeout(() => reject(new Error('late')), 80));
    expect(await withinAckDeadline(slow, 'fallback', 20)).toBe('fallback');
    expect(await withinAckDeadline(Promise.resolve('fast'), 'fallback', 20)).toBe('fast');
    await new Promise((r) => setTimeout(r, 100));
  });
});
