import { describe, expect, it } from 'vitest';
import { QUICK, runBatchBench } from '../../bench/batch.js';

/** The batch bench's quick mode (2 × 3 at 600/min): it runs, and its figures are what `npm run bench` prints. */
describe('bench: a batch against the rate limit (quick mode)', () => {
  it('submits every item, acks the Approve clicks at once, never meets a 429', async () => {
    const result = await runBatchBench(QUICK);
    expect(result.n).toBe(6);
    expect(result.tooMany).toBe(0);
    expect(Math.max(...result.ackMs)).toBeLessThan(1_000);
    expect(result.ratio).toBeGreaterThan(0);
    expect(result.interactivePerMinute).toBe(300);
  }, 60_000);
});
