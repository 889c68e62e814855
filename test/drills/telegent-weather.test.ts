import { describe, expect, it } from 'vitest';
import { formatReport } from '../../drills/support/report.js';
import { CI_SIZE, run } from '../../drills/telegent-weather.js';

describe('drill: Telegent weather (CI size: ~10 s of work, 20 % faults, tokens expiring every 5 s)', () => {
  it('no crash, no mutation retried after an ambiguous answer, every outcome success / clear failure / unknown', async () => {
    const result = await run(CI_SIZE);
    expect(result.failures, formatReport(result)).toEqual([]);
    expect(result.figures['mutations retried after an ambiguous answer (goal 0)']).toBe(0);
    expect(result.figures['outcome: our-side error']).toBe(0);
    expect(result.figures['outcome: no answer']).toBe(0);
    expect(result.figures['unhandled promise rejections (goal 0)']).toBe(0);
    expect(result.figures['app process exits (goal 0)']).toBe(0);
    expect(Number(result.figures['scripted actions'])).toBeGreaterThan(5);
    expect(String(result.figures['faults answered (share)'])).not.toMatch(/^0 /);
  }, 120_000);
});
