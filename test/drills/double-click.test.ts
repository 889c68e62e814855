import { describe, expect, it } from 'vitest';
import { CI_SIZE, run } from '../../drills/double-click.js';
import { formatReport } from '../../drills/support/report.js';

describe('drill 1: double click on two replicas', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL).each([
    ['provision', false],
    ['park', false],
    ['portout-2of', true],
  ] as const)(
    `${CI_SIZE.clicks} concurrent Approve clicks via two app processes → one %s (needs the Postgres server: TEST_DATABASE_URL)`,
    async (request, twoApprovers) => {
      const result = await run({ ...CI_SIZE, request });
      expect(result.passed, formatReport(result)).toBe(true);
      expect(result.skipped).toBeUndefined();
      expect(result.figures['mutations in the sandbox journal']).toBe(1);
      expect(result.figures['"Already approved …" answers']).toBe(CI_SIZE.clicks! - 1);
      expect(result.figures['clicks acked 200']).toBe(CI_SIZE.clicks);
      expect(result.figures['error log lines']).toBe(0);
      expect(result.figures['leak scan: leaks']).toBe(0);
      expect(Number(result.figures['shared token rows in kv_cache'])).toBeGreaterThan(0);
      expect(result.figures['tokens readable in kv_cache']).toBe(0);
      // 2-of-N port-out: the first approval alone sent nothing; the race for the second sent one.
      expect(result.figures['mutations after the first approval']).toBe(twoApprovers ? 0 : undefined);
      expect(result.figures['first approval answer'] ?? null).toEqual(
        twoApprovers ? expect.stringMatching(/^Your approval is recorded \(1 of 2 approved by/) : null,
      );
    },
    60_000,
  );
});
