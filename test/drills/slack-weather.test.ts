import { describe, expect, it } from 'vitest';
import { CI_SIZE, run } from '../../drills/slack-weather.js';
import { formatReport } from '../../drills/support/report.js';

describe('drill: Slack weather (CI size: ~10 s, 30 % of posts/updates rate-limited)', () => {
  it('no lost status post, no duplicate, every signed request acked within 3 s', async () => {
    const result = await run(CI_SIZE);
    expect(result.failures, formatReport(result)).toEqual([]);
    expect(result.figures['duplicates (goal 0)']).toBe(0);
    expect(result.figures['missing (goal 0)']).toBe(0);
    expect(result.figures['acks past 3 s (goal 0)']).toBe(0);
    expect(result.figures['orders whose last status was not posted after the weather']).toBe(0);
    const limited =
      Number(result.figures['answered HTTP 429 + Retry-After']) +
      Number(result.figures['answered ok:false ratelimited']);
    expect(limited).toBeGreaterThan(0);
  }, 120_000);
});
